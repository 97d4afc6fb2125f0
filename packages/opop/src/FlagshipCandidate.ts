/**
 * What the pesantren stream needs to know about a product before it designates it the
 * flagship: whose product it is and its current grade. The pesantren stream keeps the One
 * Pesantren One Product invariant on its own (adr/0010), so these facts travel in the
 * `DesignateFlagship` command; `Product.flagshipCandidate` reads them from a product's state,
 * and `OpopCommands.designateFlagship` loads that state before designating.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier } from "@jatim/kernel"
import { Grade } from "./Curation.js"
import { ProductId } from "./ProductId.js"

/** Schema of a flagship candidate: the product, its pesantren, and its grade when it is curated now. */
export const FlagshipCandidate = Schema.Struct({
  productId: ProductId,
  /** The pesantren that proposed the product. */
  nspp: Identifier.Nspp,
  /** The product's grade; absent while it is not curated (never, or being curated again). */
  grade: Schema.optional(Grade)
}).annotations({ identifier: "FlagshipCandidate" })

/** A product considered for flagship. */
export type FlagshipCandidate = typeof FlagshipCandidate.Type
