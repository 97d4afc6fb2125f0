/**
 * Product ids: the id of a product's stream `product-<productId>`. Chosen by the caller (for
 * example the Kopontren's own SKU, or a UUID), so that a retried proposal lands on the same
 * stream.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of a product id: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const ProductId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: (issue) =>
      `a product id is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("ProductId"),
  Schema.annotations({ identifier: "ProductId", description: "the id of an OPOP product" })
)

/** The id of an OPOP product. */
export type ProductId = typeof ProductId.Type
