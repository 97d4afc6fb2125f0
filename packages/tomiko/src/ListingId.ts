/**
 * Listing ids: the id part of a `listing-<id>` stream.
 *
 * @since 0.1.0
 */
import { Slug } from "@jatim/kernel"

/** A listing id: 1 to 64 letters, digits, `_` or `-`, starting with a letter or digit. */
export const ListingId = Slug.make("ListingId", { separators: ["_", "-"], what: "a listing id", example: "kopi-arabika-250g" })

/** A listing id. */
export type ListingId = typeof ListingId.Type
