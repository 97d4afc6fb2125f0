/** Quantities of a product, shared by listing and order commands and events. */
import { Schema } from "effect"

/** A positive whole quantity (units of a product). */
export const Quantity = Schema.Int.pipe(Schema.between(1, 1_000_000_000))

/** A whole quantity from zero (stock on hand). */
export const StockLevel = Schema.Int.pipe(Schema.between(0, 1_000_000_000))
