/**
 * Shared test data for TOMIKO and the packages that read its events: a secondary network with
 * two primaries (a buyer and a seller), its three founders and its fee, a primary of another
 * network, and the ids of two listings of the seller's (beras and minyak); and the buckets of a
 * receivables ageing as expectations write them (`ageingBuckets`).
 *
 * @since 0.1.0
 */
import { Identifier, Rupiah } from "@jatim/kernel"
import { ListingId } from "./ListingId.js"
import type { AgeBucket, BucketTotal } from "./readModels/ReceivablesAgeing.js"

/** The secondary cooperative that runs the network (PUSKOPIN Jawa Timur, say). */
export const secondary = Identifier.NikKoperasi.make("3578000000000001")
/** A primary buying staples. */
export const buyer = Identifier.NikKoperasi.make("3517000000000002")
/** A primary selling them. */
export const seller = Identifier.NikKoperasi.make("3507000000000003")
/** A primary of another network. */
export const outsider = Identifier.NikKoperasi.make("3501000000000004")
/** The three primaries that founded the secondary. */
export const founders = [
  Identifier.NikKoperasi.make("3510000000000005"),
  Identifier.NikKoperasi.make("3511000000000006"),
  Identifier.NikKoperasi.make("3512000000000007")
] as const

/** The network's fee on its primaries' trade: 2.5 %. */
export const fee = Rupiah.BasisPoints.make(250)

/** The seller's beras, 5 kg. */
export const beras = ListingId.make("beras-5kg")
/** The seller's minyak, 2 l. */
export const minyak = ListingId.make("minyak-2l")

/** What one bucket of an ageing holds: how many unpaid invoices, and what they still owe. */
export interface BucketFigures {
  readonly invoices: number
  readonly outstanding: number
}

/**
 * The buckets of a receivables ageing as an expectation writes them: every bucket in the order an
 * ageing lists them (written out here, apart from the code it checks), with the figures `filled`
 * gives it, and no invoice for every other.
 */
export const ageingBuckets = (filled: Partial<Record<AgeBucket, BucketFigures>>): ReadonlyArray<BucketTotal> =>
  (["NOT_DUE", "1-30", "31-60", "61-90", "90+"] as const).map((bucket) => ({ bucket, invoices: 0, outstanding: 0, ...filled[bucket] }))
