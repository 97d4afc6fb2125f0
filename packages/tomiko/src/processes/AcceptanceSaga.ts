/**
 * The acceptance saga: accepting an order reserves its stock on every listing. When any line
 * cannot be reserved, the order fails with the reason and the reservations made are released.
 * The order stream decides the outcome, once; listings follow it (adr/0041):
 *
 * 1. `StartAcceptance` on the order (PLACED → ACCEPTING; nothing when already accepting);
 * 2. on tempo terms, `ReserveCredit` of its total on the credit line its seller extends to its
 *    buyer, refused beyond the seller's limit (adr/0083);
 * 3. `ReserveStock` on each line's listing, in order, until one is refused;
 * 4. all held: `CompleteAcceptance` (→ ACCEPTED). The credit or a line refused: `FailAcceptance`
 *    with the reason (→ ACCEPTANCE_FAILED), then `ReleaseStock` on every line, last first, and
 *    `ReleaseCredit`.
 *
 * Every step is a command issued with a causation id derived from the order
 * (`accept-<orderId>:<step>`) and `deduplicate`, and listings reserve once per order, so a
 * saga run again after a crash — or twice at once — reserves and releases each line once:
 * a run that finds the order ACCEPTED stops; one that finds it ACCEPTANCE_FAILED (recorded by
 * itself before a crash, or by another run) releases what is held and stops. Releases happen
 * only after the failure is recorded, so an accepted order never loses a reservation.
 *
 * Store failures (unavailable, conflicts beyond the retries) end the saga with that error and
 * leave the order ACCEPTING: run the saga again to finish it.
 *
 * @since 0.1.0
 */
import { Effect, Either, Predicate, Schema } from "effect"
import { Actor } from "@jatim/kernel"
import type { AppendError, CommandHandler, EventStore, ReadError } from "@jatim/eventstore"
import * as Commands from "../Commands.js"
import * as Listing from "../Listing.js"
import { ReserveStock } from "../ListingCommand.js"
import type { ListingError } from "../ListingError.js"
import { CompleteAcceptance, FailAcceptance, StartAcceptance } from "../OrderCommand.js"
import { type OrderError, OrderNotInStatus } from "../OrderError.js"
import { ReserveCredit } from "../CreditLineCommand.js"
import type { CreditLineError } from "../CreditLineError.js"
import * as PaymentTerms from "../PaymentTerms.js"
import { OrderId } from "../OrderId.js"

/** Schema of how an acceptance ended: the order accepted, or failed with the reason. */
export const Outcome = Schema.Union(
  Schema.TaggedStruct("Accepted", { orderId: OrderId }),
  Schema.TaggedStruct("Failed", {
    orderId: OrderId,
    /** Why: which line could not be reserved, and why not. */
    reason: Schema.String.annotations({ description: "why: which line could not be reserved, and why not" })
  })
).annotations({
  identifier: "AcceptanceOutcome",
  description: "how the acceptance of a TOMIKO order ended: accepted, or failed with the reason"
})

/** How an acceptance ended. */
export type Outcome = typeof Outcome.Type

const accepted = (orderId: OrderId): Outcome => ({ _tag: "Accepted", orderId })
const failed = (orderId: OrderId, reason: string): Outcome => ({ _tag: "Failed", orderId, reason })

/** The tags of the domain errors that make a reservation fail (anything else is a store failure). */
const reservationRefusals = [
  "ListingNotFound",
  "ListingIsDelisted",
  "InsufficientStock",
  "ReservationConflict",
  "ActorNotAuthorized",
  "CreditLimitExceeded",
  "CreditReservationConflict"
] as const

const isRefusal = (error: unknown): error is { readonly _tag: string; readonly message: string } =>
  reservationRefusals.some((tag) => Predicate.isTagged(error, tag))

/** The causation id of one step of the acceptance of `orderId`. */
export const causationId = (
  orderId: OrderId,
  step: "start" | "reserve" | "release" | "complete" | "fail" | "reserve-credit" | "release-credit"
): string => `accept-${orderId}:${step}`

/** Runs (or resumes) the acceptance of `orderId` by `actor`, the seller's admin. */
export const accept = (
  orderId: OrderId,
  actor: Actor.Actor,
  options: { readonly correlationId?: string | undefined } = {}
): Effect.Effect<Outcome, OrderError | ListingError | CreditLineError | AppendError | ReadError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const step = (name: Parameters<typeof causationId>[1]): CommandHandler.HandleOptions => ({
      causationId: causationId(orderId, name),
      correlationId: options.correlationId ?? `accept-${orderId}`,
      actor: Actor.toActorRef(actor),
      deduplicate: true
    })
    const started = yield* Commands.order(new StartAcceptance({ actor, orderId }), step("start"))
    const order = started.newState
    if (order._tag !== "Placed") return yield* Effect.dieMessage(`order ${orderId} has no state after StartAcceptance`)

    const tempo = PaymentTerms.isTempo(order.terms)
    /** Releases every line's reservation of this order, last line first (a line never reserved has none), then its credit. */
    const releaseAll = Effect.zipRight(
      Effect.forEach(
        [...order.lines].reverse(),
        ({ listingId }) =>
          Commands.releaseStock(actor, listingId, orderId, step("release")).pipe(
            Effect.catchIf(
              (error) => Predicate.isTagged(error, "NoReservation"),
              () => Effect.void
            )
          ),
        { discard: true }
      ),
      tempo
        ? Commands.releaseCredit(actor, order.seller, order.buyer, orderId, step("release-credit")).pipe(
            Effect.asVoid,
            Effect.catchIf(
              (error) => Predicate.isTagged(error, "NoCreditReservation"),
              () => Effect.void
            )
          )
        : Effect.void
    )

    const failedWith = (reason: string) => Effect.as(releaseAll, failed(orderId, reason))
    const isOutcomeTaken = (error: unknown) => Predicate.isTagged(error, "OrderNotInStatus")

    switch (order.status) {
      case "ACCEPTED":
        return accepted(orderId)
      case "ACCEPTANCE_FAILED":
        return yield* failedWith(order.failure ?? "its acceptance failed")
      case "ACCEPTING":
        break
      default:
        return yield* new OrderNotInStatus({
          orderId,
          status: order.status,
          action: "accept an order",
          rule: "only a PLACED order is accepted"
        })
    }

    let failure: string | undefined
    if (tempo) {
      // The buyer's outstanding tempo total with the seller is the credit line's fact, never the caller's.
      const reserve = new ReserveCredit({ actor, seller: order.seller, buyer: order.buyer, orderId, amount: order.total })
      const refused = yield* Commands.creditLine(reserve, step("reserve-credit")).pipe(
        Effect.as(undefined),
        Effect.catchIf(isRefusal, (error) => Effect.succeed(error))
      )
      if (refused !== undefined) failure = `its credit could not be reserved: ${refused.message}`
    }
    for (const { listingId, quantity } of failure === undefined ? order.lines : []) {
      const reserve = new ReserveStock({ actor, listingId, orderId, buyer: order.buyer, quantity })
      const result = yield* Commands.listing(reserve, step("reserve")).pipe(
        Effect.map(Either.right),
        Effect.catchIf(isRefusal, (error) => Effect.succeed(Either.left(error)))
      )
      if (Either.isLeft(result)) {
        failure = `line ${listingId} could not be reserved: ${result.left.message}`
        break
      }
      const listing = result.right.newState
      const status = listing._tag === "Listed" ? Listing.reservationOf(listing, orderId)?.status : undefined
      if (status !== "HELD") {
        failure = `line ${listingId} could not be reserved: its reservation for this order was ${status ?? "missing"}`
        break
      }
    }

    // The order stream takes the decision once; a concurrent run may have taken it already.
    const decided =
      failure === undefined
        ? Commands.order(new CompleteAcceptance({ actor, orderId }), step("complete"))
        : Commands.order(new FailAcceptance({ actor, orderId, reason: failure }), step("fail"))
    const outcome = yield* decided.pipe(
      Effect.map((result) => result.newState),
      Effect.catchIf(isOutcomeTaken, () => Commands.orderState(orderId))
    )
    if (outcome._tag === "Placed" && outcome.status === "ACCEPTED") return accepted(orderId)
    if (outcome._tag === "Placed" && outcome.status === "ACCEPTANCE_FAILED") {
      return yield* failedWith(outcome.failure ?? failure ?? "its acceptance failed")
    }
    return yield* Effect.dieMessage(`order ${orderId} is neither accepted nor failed after its acceptance`)
  })
