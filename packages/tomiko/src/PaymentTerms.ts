/**
 * Payment terms of an order: cash on delivery, or credit ("tempo") of 14 or 30 days from the invoice.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of the payment terms. */
export const PaymentTerms = Schema.Literal("CASH", "TEMPO_14", "TEMPO_30")

/**
 * `CASH` (paid on delivery, without an invoice: adr/0080), `TEMPO_14` or `TEMPO_30` (invoiced
 * after delivery, due that many days after the invoice date).
 */
export type PaymentTerms = typeof PaymentTerms.Type

/** Days from the invoice date to the due date (0 for `CASH`, which is not invoiced). */
export const daysToPay = (terms: PaymentTerms): number => {
  switch (terms) {
    case "CASH":
      return 0
    case "TEMPO_14":
      return 14
    case "TEMPO_30":
      return 30
  }
}

/** Whether the terms are credit terms (tempo), whose invoices are receivables that age. */
export const isTempo = (terms: PaymentTerms): boolean => terms !== "CASH"
