/**
 * The error of a command whose fact from another stream was not read by its reader: a maker,
 * a cooperative's or an order's reading built by hand, copied, decoded from JSON, or carried by
 * a command built with its validation turned off. The deciders check each fact at run time
 * (`OpopMaker.is`, `KoperasiReading.is`, `OrderReading.is`) and refuse such a command with it.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ErrorCategory } from "@jatim/kernel"

/** The kinds of facts TOMIKO reads from other streams. */
export const FactKind = Schema.Literal("OpopMaker", "KoperasiReading", "OrderReading")

/** A kind of fact TOMIKO reads from other streams. */
export type FactKind = typeof FactKind.Type

/** What each kind of fact is, where it is read from and by what. */
const readers: Readonly<Record<FactKind, { readonly what: string; readonly source: string; readonly reader: string }>> = {
  OpopMaker: { what: "OPOP product's maker", source: "OPOP's events", reader: "OpopMaker.read" },
  KoperasiReading: { what: "cooperative's reading", source: "the cooperative's own stream", reader: "KoperasiReading.read" },
  OrderReading: { what: "order's reading", source: "the order's own stream", reader: "OrderReading.read" }
}

/** A fact carried by a command that its reader did not read (a look-alike, a copy, a decoded value). */
export class FactUnverified extends ErrorCategory.DomainError<FactUnverified>()(
  "FactUnverified",
  {
    /** The kind of fact refused. */
    fact: FactKind,
    /** What the command was about, e.g. `listing beras-5kg` or `cooperative 3578…`. */
    subject: Schema.String
  },
  ErrorCategory.ruleViolated,
  ({ fact, subject }) => {
    const { reader, source, what } = readers[fact]
    return (
      `The ${what} carried for ${subject} was not read from ${source} by ${reader}, so the command is ` +
      `refused: a fact is read by ${reader} (or by the TOMIKO Commands function that reads it), never built by hand, ` +
      `copied or decoded from a request.`
    )
  }
) {}
