/**
 * The five OPOP product categories (src): makanan, minuman, kerajinan, fashion, teknologi.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Every category, in the program's order. */
export const categories = ["MAKANAN", "MINUMAN", "KERAJINAN", "FASHION", "TEKNOLOGI"] as const

/** Schema of a product category. */
export const ProductCategory = Schema.Literal(...categories).annotations({
  identifier: "ProductCategory",
  message: () => "a product category is one of MAKANAN, MINUMAN, KERAJINAN, FASHION, TEKNOLOGI"
})

/** A product category. */
export type ProductCategory = typeof ProductCategory.Type

/**
 * Whether products of `category` are food or drink (makanan, minuman), which need a valid halal
 * certificate and a valid P-IRT or BPOM registration before they are graded market-ready or
 * marketed (see `Certificate.missingForMarket`).
 */
export const isFoodOrDrink = (category: ProductCategory): boolean => category === "MAKANAN" || category === "MINUMAN"

/** "makanan": the category as the program writes it. */
export const label = (category: ProductCategory): string => category.toLowerCase()
