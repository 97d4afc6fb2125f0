/**
 * The statuses of an order, in the order of its life:
 * `PLACED → ACCEPTING → ACCEPTED → SHIPPED → DELIVERED → INVOICED → PAID → SETTLED` (a `CASH`
 * order goes from DELIVERED to PAID without an invoice), with the ends `ACCEPTANCE_FAILED`,
 * `REJECTED` and `CANCELLED`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of an order status. */
export const OrderStatus = Schema.Literal(
  "PLACED",
  "ACCEPTING",
  "ACCEPTED",
  "ACCEPTANCE_FAILED",
  "REJECTED",
  "CANCELLED",
  "SHIPPED",
  "DELIVERED",
  "INVOICED",
  "PAID",
  "SETTLED"
)

/** An order status. */
export type OrderStatus = typeof OrderStatus.Type

/** Whether an order in `status` is still open (not ended by failure, rejection, cancellation or settlement). */
export const isOpen = (status: OrderStatus): boolean =>
  status !== "ACCEPTANCE_FAILED" && status !== "REJECTED" && status !== "CANCELLED" && status !== "SETTLED"
