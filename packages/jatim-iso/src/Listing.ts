/**
 * Product listings a UMKM submits for review: price in whole rupiah, weight in grams, at least
 * three photos, and the packaging checklist taught in the KEMASAN training.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Rupiah, Slug, Text } from "@jatim/kernel"

/** Schema of a listing id, chosen by the owner and unique within the UMKM, e.g. `keripik-tempe-200g`. */
export const ListingId = Slug.make("ListingId", {
  separators: ["-"],
  lowerCaseOnly: true,
  what: "a listing id",
  example: "keripik-tempe-200g",
  identifier: "UmkmListingId"
})

/** A listing id. */
export type ListingId = typeof ListingId.Type

/** The fewest photos a listing may have. */
export const minimumPhotos = 3

/** The packaging checklist (what the KEMASAN training teaches a label and a pack must show). */
export const PackagingChecklist = Schema.Struct({
  /** The brand and product name are printed on the pack. */
  brandAndProductName: Schema.Boolean,
  /** Composition and net weight are on the label. */
  compositionAndNetWeight: Schema.Boolean,
  /** The producer's name and address are on the label. */
  producerAddress: Schema.Boolean,
  /** An expiry date or production code is printed. */
  expiryOrProductionCode: Schema.Boolean,
  /** The pack is sealed and safe to ship. */
  sealedForShipping: Schema.Boolean
})

/** A packaging checklist. */
export type PackagingChecklist = typeof PackagingChecklist.Type

/** The checklist's items, in the order the training teaches them. */
export const checklistItems: ReadonlyArray<keyof PackagingChecklist> = [
  "brandAndProductName",
  "compositionAndNetWeight",
  "producerAddress",
  "expiryOrProductionCode",
  "sealedForShipping"
]

/** A checklist with every item ticked. */
export const completeChecklist: PackagingChecklist = {
  brandAndProductName: true,
  compositionAndNetWeight: true,
  producerAddress: true,
  expiryOrProductionCode: true,
  sealedForShipping: true
}

/** Schema of a photo: an https address. */
export const PhotoUrl = Schema.String.pipe(
  Schema.pattern(/^https:\/\/\S+$/, { message: () => "a photo is an https:// address" }),
  Schema.maxLength(500)
)

/** What a listing says about its product. */
export const ListingDetails = Schema.Struct({
  productName: Text.Name,
  price: Rupiah.Rupiah,
  weightGrams: Schema.Int.pipe(Schema.nonNegative()),
  photos: Schema.Array(PhotoUrl),
  checklist: PackagingChecklist
})

/** What a listing says about its product. */
export type ListingDetails = typeof ListingDetails.Type

/**
 * The listing rules a submission breaks, each naming the rule; empty when it keeps them all:
 * a price above zero, a weight above zero (for shipping costs), at least three distinct photos,
 * every packaging checklist item ticked.
 */
export const problems = (details: ListingDetails): ReadonlyArray<string> => {
  const found: Array<string> = []
  if (details.price <= 0) found.push("a listing has a price above Rp0")
  if (details.weightGrams <= 0) found.push("a listing has a weight above 0 grams, for shipping costs")
  const photos = new Set(details.photos).size
  if (photos < minimumPhotos) found.push(`a listing has at least ${minimumPhotos} different photos (it has ${photos})`)
  const unticked = checklistItems.filter((item) => !details.checklist[item])
  if (unticked.length > 0) found.push(`every packaging checklist item is ticked (not yet: ${unticked.join(", ")})`)
  return found
}
