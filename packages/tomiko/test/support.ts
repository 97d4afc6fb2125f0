/** A marketplace set up through the command handlers: a secondary network, a buyer and a seller, listings. */
import { Effect, type Either } from "effect"
import { EventStore } from "@jatim/eventstore"
import { FixedClock } from "@jatim/testing"
import { Commands, KoperasiCommand, type ListingId, type PaymentTerms } from "../src/index.js"
import {
  admin,
  buyer,
  buyerAdmin,
  beras,
  createListing,
  fee,
  founders,
  now,
  secondary,
  secondaryAdmin,
  seller,
  sellerAdmin
} from "./fixtures.js"

/** A decider as these tests drive it: its initial state, its fold and its decision. */
export interface PureDecider<C, E, S, Err> {
  readonly initialState: S
  readonly evolve: (s: S, e: E) => S
  readonly decide: (c: C, s: S) => Effect.Effect<ReadonlyArray<E>, Err>
}

/** What `decider` decides on `command` after `history`, at `now` (a throw in `decide` becomes a defect). */
export const decideAfter = <C, E, S, Err>(
  decider: PureDecider<C, E, S, Err>,
  history: ReadonlyArray<E>,
  command: C
): Effect.Effect<ReadonlyArray<E>, Err> =>
  Effect.suspend(() => decider.decide(command, history.reduce(decider.evolve, decider.initialState))).pipe(FixedClock.at(now))

/** The events `decider` decides on `command` after `history`, at `now`, or its refusal. */
export const decideOn = <C, E, S, Err>(
  decider: PureDecider<C, E, S, Err>,
  history: ReadonlyArray<E>,
  command: C
): Either.Either<ReadonlyArray<E>, Err> => Effect.runSync(Effect.either(decideAfter(decider, history, command)))

/** Places an order of `quantity` `beras` from `seller` for `buyer`, by the buyer's admin, on `terms` (cash unless said). */
export const placeBeras = (
  orderId: Parameters<typeof Commands.placeOrder>[0]["orderId"],
  quantity: number,
  terms: PaymentTerms.PaymentTerms = "CASH"
) => Commands.placeOrder({ actor: buyerAdmin, orderId, buyer, seller, terms, lines: [{ listingId: beras, quantity }] })

/** Registers the founders, the network, the two primaries (both joined), and `listings` of the seller. */
export const marketplace = (listings: ReadonlyArray<{ readonly listingId: ListingId.ListingId; readonly stock: number }>) =>
  Effect.gen(function* () {
    for (const nik of founders) {
      yield* Commands.koperasi(
        new KoperasiCommand.RegisterPrimaryKoperasi({
          actor: admin(nik),
          nik,
          name: `Koperasi ${nik}`,
          regionCode: "35.10",
          individualMembers: 30
        })
      )
    }
    yield* Commands.registerSecondaryKoperasi({
      actor: secondaryAdmin,
      nik: secondary,
      name: "Pusat Koperasi Jawa Timur",
      regionCode: "35.78",
      founders: [...founders],
      feeBasisPoints: fee
    })
    for (const [nik, actor] of [
      [buyer, buyerAdmin],
      [seller, sellerAdmin]
    ] as const) {
      yield* Commands.koperasi(
        new KoperasiCommand.RegisterPrimaryKoperasi({ actor, nik, name: `Koperasi ${nik}`, regionCode: "35.07", individualMembers: 40 })
      )
      yield* Commands.koperasi(new KoperasiCommand.JoinNetwork({ actor, nik, secondary: { nik: secondary, type: "SEKUNDER" } }))
    }
    for (const { listingId, stock } of listings) {
      yield* Commands.listing(createListing(listingId, { stock, moq: 1 }))
    }
  })

/** The event types of a stream, in order. */
export const typesOf = (streamName: string) => Effect.map(EventStore.readStream(streamName), ({ events }) => events.map((e) => e.type))
