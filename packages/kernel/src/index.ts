/**
 * @jatim/kernel: what the four programs share.
 *
 * @since 0.1.0
 */

/** Actors and the authorization error. */
export * as Actor from "./Actor.js"
/** Calendar dates and months in WIB (UTC+7), day numbers, today from the `Clock`. */
export * as CalendarDate from "./CalendarDate.js"
/** Entries by key in persistent maps: lookups and O(log n) updates for folds. */
export * as Entries from "./Entries.js"
/** What a domain error is (not found, forbidden, …), declared on its class for hosts to map. */
export * as ErrorCategory from "./ErrorCategory.js"
/** Folds of events into states; batches edit their persistent maps in place while they run. */
export * as Fold from "./Fold.js"
/** NSPP, NIB, NIK Koperasi, halal, P-IRT and BPOM numbers. */
export * as Identifier from "./Identifier.js"
/** Pages of long lists, by key: requests, pages, a list's order, opaque cursors. */
export * as Page from "./Page.js"
/** The 38 kabupaten/kota of Jawa Timur. */
export * as Region from "./Region.js"
/** Whole-rupiah amounts, fees and splits. */
export * as Rupiah from "./Rupiah.js"
/** Caller-chosen ids that become parts of stream names: one factory, one arbitrary. */
export * as Slug from "./Slug.js"
/** Edits of a read model's state, a record of entry maps: an entry added once, or changed, by field name. */
export * as StateEntries from "./StateEntries.js"
/** Bounded text (names, reasons, descriptions): one factory, one arbitrary. */
export * as Text from "./Text.js"
/** Schemas of views (what read models answer, as JSON for clients): named and described structs. */
export * as ViewSchema from "./ViewSchema.js"
/** Who may see what: read policies of views and of the live feed. */
export * as Visibility from "./Visibility.js"
/** Facts read from the store, in a form no caller can forge. */
export * as Verified from "./Verified.js"
