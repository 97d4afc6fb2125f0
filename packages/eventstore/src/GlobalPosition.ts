/**
 * Where an event stands in the store's global order. Reads of all events, of a category
 * and subscriptions deliver events in increasing position, and a position is the
 * checkpoint a reader stores to resume after it.
 *
 * A position is a pair: the ordinal of the transaction that wrote the event, then the
 * event's sequence number. Ordering by the pair (not by the sequence alone) is what lets
 * a PostgreSQL store deliver events gap-free under concurrent writers (see the ADRs).
 *
 * @since 0.1.0
 */
import { Order, ParseResult, Schema } from "effect"

/** Schema of a global position. */
export const GlobalPosition = Schema.Struct({
  transaction: Schema.NonNegativeInt,
  sequence: Schema.NonNegativeInt
})

/** A position in the global order of the store. */
export type GlobalPosition = typeof GlobalPosition.Type

/** Before every event: reading from here reads everything. */
export const start: GlobalPosition = { transaction: 0, sequence: 0 }

/** Builds a position. */
export const make = (transaction: number, sequence: number): GlobalPosition => ({ transaction, sequence })

/** The global order: by transaction, then by sequence. */
export const order: Order.Order<GlobalPosition> = Order.combine(
  Order.mapInput(Order.number, (p: GlobalPosition) => p.transaction),
  Order.mapInput(Order.number, (p: GlobalPosition) => p.sequence)
)

/** Whether `self` comes strictly after `that`. */
export const isAfter = (self: GlobalPosition, that: GlobalPosition): boolean => order(self, that) === 1

/** Whether two positions are the same. */
export const equals = (self: GlobalPosition, that: GlobalPosition): boolean =>
  self.transaction === that.transaction && self.sequence === that.sequence

/** The text form of a position, `transaction.sequence`, as it travels in URLs and headers. */
export const format = (position: GlobalPosition): string => `${position.transaction}.${position.sequence}`

/** Schema of the text form `transaction.sequence` of a position. */
export const GlobalPositionFromString: Schema.Schema<GlobalPosition, string> = Schema.transformOrFail(Schema.String, GlobalPosition, {
  strict: true,
  decode: (text, _, ast) => {
    const match = /^(\d{1,15})\.(\d{1,15})$/.exec(text)
    return match === null
      ? ParseResult.fail(new ParseResult.Type(ast, text, `expected "transaction.sequence", e.g. "12.345", got ${JSON.stringify(text)}`))
      : ParseResult.succeed({ transaction: Number(match[1]), sequence: Number(match[2]) })
  },
  encode: (position) => ParseResult.succeed(format(position))
})
