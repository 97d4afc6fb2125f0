/**
 * Product ids: the id of a product's stream `product-<productId>`. Chosen by the caller (for
 * example the Kopontren's own SKU, or a UUID), so that a retried proposal lands on the same
 * stream.
 *
 * @since 0.1.0
 */
import { Slug } from "@jatim/kernel"

/** Schema of a product id: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const ProductId = Slug.make("ProductId", { separators: [".", "_", "-"], what: "a product id", example: "keripik-tempe" })

/** The id of an OPOP product. */
export type ProductId = typeof ProductId.Type
