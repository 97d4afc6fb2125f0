/**
 * Order ids: the id part of an `order-<id>` stream.
 *
 * @since 0.1.0
 */
import { Slug } from "@jatim/kernel"

/** An order id: 1 to 64 letters, digits, `_` or `-`, starting with a letter or digit. */
export const OrderId = Slug.make("OrderId", { separators: ["_", "-"], what: "an order id", example: "PO-2025-0001" })

/** An order id. */
export type OrderId = typeof OrderId.Type
