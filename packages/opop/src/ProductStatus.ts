/**
 * Where a product is in its life: `PROPOSED` by its pesantren's admin, `IN_CURATION` once
 * submitted, `CURATED` once a curator has scored and graded it (and again after each
 * re-curation).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of a product status. */
export const ProductStatus = Schema.Literal("PROPOSED", "IN_CURATION", "CURATED")

/** Where a product is in its life. */
export type ProductStatus = typeof ProductStatus.Type
