/** A marketplace set up through the command handlers: a secondary network, a buyer and a seller, listings. */
import { Effect } from "effect"
import { EventStore } from "@jatim/eventstore"
import { Commands, KoperasiCommand, type ListingId } from "../src/index.js"
import { admin, buyer, buyerAdmin, createListing, fee, founders, secondary, secondaryAdmin, seller, sellerAdmin } from "./fixtures.js"

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
