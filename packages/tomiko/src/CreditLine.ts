/**
 * The credit line aggregate, one stream per seller and buyer (`creditline-<seller>-<buyer>`):
 * the tempo credit limit the seller extends to the buyer, and the totals of the buyer's accepted
 * tempo orders with the seller not paid in full yet (its outstanding total), each reserved once
 * by the acceptance saga as it reserves stock, and released once when the order, as read from its
 * own stream, is paid in full, cancelled or failed its acceptance. A reservation that would take
 * the outstanding total beyond the limit is refused with the figures, so the order fails its
 * acceptance (adr/0083). The outstanding total is this stream's fact, never a caller's.
 *
 * @since 0.2.0
 */
import { Effect, Option, Schema } from "effect"
import { Decider, EventCodec } from "@jatim/eventstore"
import { CalendarDate, Identifier, Rupiah, Visibility } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import type { CreditLineCommand } from "./CreditLineCommand.js"
import {
  CreditFollowsOrder,
  CreditLimitExceeded,
  CreditReservationConflict,
  NoCreditReservation,
  type CreditLineError
} from "./CreditLineError.js"
import { CreditLimitSet, CreditLineEvent, CreditReleased, CreditReserved } from "./CreditLineEvent.js"
import { FactUnverified } from "./FactError.js"
import { orderReading } from "./internal/issuers.js"
import { type Entries, lookup, noEntries, setIn } from "./internal/readModel.js"
import type { OrderId } from "./OrderId.js"
import type { OrderStatus } from "./OrderStatus.js"

/** The category of credit line streams. */
export const category = "creditline"

/** The stream of the credit line `seller` extends to `buyer`: `creditline-<seller>-<buyer>`. */
export const streamName = (seller: Identifier.NikKoperasi, buyer: Identifier.NikKoperasi): string => `${category}-${seller}-${buyer}`

/** The stream `command` is decided on: its seller's and buyer's. */
export const streamNameOf = (command: CreditLineCommand): string => streamName(command.seller, command.buyer)

/** One tempo order's reservation on the line. */
export interface Reservation {
  readonly amount: Rupiah.Rupiah
  readonly status: "HELD" | "RELEASED"
}

/** The state of a credit line's stream (the empty line has no limit and nothing reserved). */
export interface State {
  /** The limit; undefined: none set (or lifted). */
  readonly limit: Rupiah.Rupiah | undefined
  /** The sum of the held reservations. */
  readonly outstanding: number
  readonly reservations: Entries<OrderId, Reservation>
}

/** The state of a stream with no events. */
export const initialState: State = { limit: undefined, outstanding: 0, reservations: noEntries() }

/** The state after one more event. */
export const evolve = (state: State, event: CreditLineEvent): State => {
  switch (event._tag) {
    case "CreditLimitSet":
      return { ...state, limit: event.limit ?? undefined }
    case "CreditReserved":
      return lookup(state.reservations, event.orderId) !== undefined
        ? state
        : {
            ...state,
            outstanding: state.outstanding + event.amount,
            reservations: setIn(state.reservations, event.orderId, { amount: event.amount, status: "HELD" })
          }
    case "CreditReleased": {
      const reservation = lookup(state.reservations, event.orderId)
      if (reservation?.status !== "HELD") return state
      return {
        ...state,
        outstanding: state.outstanding - reservation.amount,
        reservations: setIn(state.reservations, event.orderId, { ...reservation, status: "RELEASED" })
      }
    }
  }
}

/** The statuses in which an order no longer uses its credit: paid in full (or settled), cancelled, failed. */
export const releasing: ReadonlyArray<OrderStatus> = ["PAID", "SETTLED", "CANCELLED", "ACCEPTANCE_FAILED", "REJECTED"]

/** The events a command produces on a credit line's stream, or the rule that refuses it. */
export const decide = (command: CreditLineCommand, state: State): Effect.Effect<ReadonlyArray<CreditLineEvent>, CreditLineError> =>
  Effect.gen(function* () {
    const { buyer, seller } = command
    switch (command._tag) {
      case "SetCreditLimit": {
        yield* Authorization.authorize("SetCreditLimit", command.actor, [seller])
        if ((state.limit ?? null) === command.limit) return []
        return [new CreditLimitSet({ seller, buyer, limit: command.limit, setOn: yield* CalendarDate.today })]
      }
      case "ReserveCredit": {
        const { amount, orderId } = command
        yield* Authorization.authorize("ReserveCredit", command.actor, [seller])
        const existing = lookup(state.reservations, orderId)
        if (existing !== undefined) {
          // Reserving again for the same order changes nothing, whatever became of the reservation.
          if (existing.amount !== amount)
            return yield* new CreditReservationConflict({ orderId, reserved: existing.amount, requested: amount })
          return []
        }
        if (state.limit !== undefined && state.outstanding + amount > state.limit) {
          return yield* new CreditLimitExceeded({
            orderId,
            seller,
            buyer,
            limit: state.limit,
            outstanding: Rupiah.unsafeMake(state.outstanding),
            amount
          })
        }
        return [new CreditReserved({ seller, buyer, orderId, amount })]
      }
      case "ReleaseCredit": {
        // The order as its own stream says: only a reading `OrderReading.read` made.
        if (!orderReading.is(command.order)) {
          return yield* new FactUnverified({ fact: "OrderReading", subject: `the credit line of ${seller} to ${buyer}` })
        }
        const { orderId, status } = command.order
        yield* Authorization.authorize("ReleaseCredit", command.actor, [seller])
        const reservation = lookup(state.reservations, orderId)
        if (reservation === undefined) return yield* new NoCreditReservation({ orderId })
        if (reservation.status === "RELEASED") return []
        if (status === null || !releasing.includes(status)) return yield* new CreditFollowsOrder({ orderId, status })
        return [new CreditReleased({ seller, buyer, orderId, amount: reservation.amount })]
      }
    }
  })

/** The credit line decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The codec of credit line events. */
export const codec = EventCodec.make(CreditLineEvent)

/** Schema of a credit line as its parties see it: the limit, what is outstanding and what is still available (whole rupiah). */
export const Summary = Schema.Struct({
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  /** The limit; `null`: none set (or lifted). */
  limit: Schema.NullOr(Rupiah.Rupiah).annotations({ description: "the tempo credit limit in whole rupiah; null: none set (or lifted)" }),
  /** The totals of the buyer's accepted tempo orders with the seller not paid in full yet. */
  outstanding: Schema.NonNegativeInt.annotations({
    description: "the totals of the buyer's accepted tempo orders with the seller not paid in full, cancelled or failed yet"
  }),
  /** `limit - outstanding` (never below zero); `null` without a limit. */
  available: Schema.NullOr(Schema.NonNegativeInt).annotations({
    description: "what the buyer may still take on credit: limit less outstanding (never below zero); null without a limit"
  })
}).annotations({ identifier: "CreditLineSummary", description: "the tempo credit line a TOMIKO seller extends to a buyer" })

/** A credit line as its parties see it: the limit, what is outstanding and what is still available. */
export interface Summary extends Schema.Schema.Type<typeof Summary> {}

/** The summary of the line `seller` extends to `buyer` in `state`. */
export const summary = (seller: Identifier.NikKoperasi, buyer: Identifier.NikKoperasi, state: State): Summary => ({
  seller,
  buyer,
  limit: state.limit ?? null,
  outstanding: state.outstanding,
  available: state.limit === undefined ? null : Math.max(0, state.limit - state.outstanding)
})

/**
 * Who sees a credit line: its seller's and its buyer's admins and the Dinas. Anyone else (the
 * network's secondary included) gets none: what a cooperative owes another is their business.
 */
export const visibleTo: Visibility.ReadPolicy<Summary> = (actor: Visibility.Viewer, line: Summary) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && (actor.nik === line.seller || actor.nik === line.buyer))
    ? Option.some(line)
    : Option.none()
