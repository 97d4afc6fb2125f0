/**
 * Listing ids: the id part of a `listing-<id>` stream.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A listing id: 1 to 64 letters, digits, `_` or `-`, starting with a letter or digit. */
export const ListingId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    message: (issue) =>
      `a listing id is 1 to 64 letters, digits, "_" or "-", starting with a letter or digit, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("ListingId"),
  Schema.annotations({ identifier: "ListingId" })
)

/** A listing id. */
export type ListingId = typeof ListingId.Type
