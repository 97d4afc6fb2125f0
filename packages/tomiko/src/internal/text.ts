/** Text fields shared by commands and events. */
import { Schema } from "effect"

/** A name: trimmed, 1 to 200 characters. */
export const Name = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200))

/** A reason or note: trimmed, 1 to 500 characters. */
export const Reason = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(500))

/** A positive whole quantity (units of a product). */
export const Quantity = Schema.Int.pipe(Schema.between(1, 1_000_000_000))

/** A whole quantity from zero (stock on hand). */
export const StockLevel = Schema.Int.pipe(Schema.between(0, 1_000_000_000))
