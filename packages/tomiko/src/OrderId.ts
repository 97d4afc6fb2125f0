/**
 * Order ids: the id part of an `order-<id>` stream.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** An order id: 1 to 64 letters, digits, `_` or `-`, starting with a letter or digit. */
export const OrderId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    message: (issue) =>
      `an order id is 1 to 64 letters, digits, "_" or "-", starting with a letter or digit, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("OrderId"),
  Schema.annotations({ identifier: "OrderId" })
)

/** An order id. */
export type OrderId = typeof OrderId.Type
