/**
 * The 38 kabupaten and kota of Jawa Timur: 29 kabupaten (Kemendagri codes 35.01 to 35.29) and
 * 9 kota (35.71 to 35.79), with their BPS codes. Source: Kemendagri's region codes as listed in
 * the project's reference data (`jatim-kabupaten-kota.csv`). Any other code is rejected.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import * as ErrorCategory from "./ErrorCategory.js"

/** The Kemendagri code of every kabupaten/kota of Jawa Timur. */
export const codes = [
  "35.01",
  "35.02",
  "35.03",
  "35.04",
  "35.05",
  "35.06",
  "35.07",
  "35.08",
  "35.09",
  "35.10",
  "35.11",
  "35.12",
  "35.13",
  "35.14",
  "35.15",
  "35.16",
  "35.17",
  "35.18",
  "35.19",
  "35.20",
  "35.21",
  "35.22",
  "35.23",
  "35.24",
  "35.25",
  "35.26",
  "35.27",
  "35.28",
  "35.29",
  "35.71",
  "35.72",
  "35.73",
  "35.74",
  "35.75",
  "35.76",
  "35.77",
  "35.78",
  "35.79"
] as const

/** Schema of a kabupaten/kota code of Jawa Timur (`35.01` … `35.29`, `35.71` … `35.79`). */
export const RegionCode = Schema.Literal(...codes).annotations({
  identifier: "RegionCode",
  message: () => "must be the Kemendagri code of a kabupaten/kota of Jawa Timur: 35.01 to 35.29 or 35.71 to 35.79"
})

/** A kabupaten/kota code of Jawa Timur. */
export type RegionCode = typeof RegionCode.Type

/** A kabupaten or a kota. */
export interface Region {
  readonly code: RegionCode
  readonly bpsCode: string
  readonly kind: "Kabupaten" | "Kota"
  readonly name: string
}

/** Every kabupaten/kota, in code order. */
export const all: ReadonlyArray<Region> = [
  { code: "35.01", bpsCode: "3501", kind: "Kabupaten", name: "Pacitan" },
  { code: "35.02", bpsCode: "3502", kind: "Kabupaten", name: "Ponorogo" },
  { code: "35.03", bpsCode: "3503", kind: "Kabupaten", name: "Trenggalek" },
  { code: "35.04", bpsCode: "3504", kind: "Kabupaten", name: "Tulungagung" },
  { code: "35.05", bpsCode: "3505", kind: "Kabupaten", name: "Blitar" },
  { code: "35.06", bpsCode: "3506", kind: "Kabupaten", name: "Kediri" },
  { code: "35.07", bpsCode: "3507", kind: "Kabupaten", name: "Malang" },
  { code: "35.08", bpsCode: "3508", kind: "Kabupaten", name: "Lumajang" },
  { code: "35.09", bpsCode: "3509", kind: "Kabupaten", name: "Jember" },
  { code: "35.10", bpsCode: "3510", kind: "Kabupaten", name: "Banyuwangi" },
  { code: "35.11", bpsCode: "3511", kind: "Kabupaten", name: "Bondowoso" },
  { code: "35.12", bpsCode: "3512", kind: "Kabupaten", name: "Situbondo" },
  { code: "35.13", bpsCode: "3513", kind: "Kabupaten", name: "Probolinggo" },
  { code: "35.14", bpsCode: "3514", kind: "Kabupaten", name: "Pasuruan" },
  { code: "35.15", bpsCode: "3515", kind: "Kabupaten", name: "Sidoarjo" },
  { code: "35.16", bpsCode: "3516", kind: "Kabupaten", name: "Mojokerto" },
  { code: "35.17", bpsCode: "3517", kind: "Kabupaten", name: "Jombang" },
  { code: "35.18", bpsCode: "3518", kind: "Kabupaten", name: "Nganjuk" },
  { code: "35.19", bpsCode: "3519", kind: "Kabupaten", name: "Madiun" },
  { code: "35.20", bpsCode: "3520", kind: "Kabupaten", name: "Magetan" },
  { code: "35.21", bpsCode: "3521", kind: "Kabupaten", name: "Ngawi" },
  { code: "35.22", bpsCode: "3522", kind: "Kabupaten", name: "Bojonegoro" },
  { code: "35.23", bpsCode: "3523", kind: "Kabupaten", name: "Tuban" },
  { code: "35.24", bpsCode: "3524", kind: "Kabupaten", name: "Lamongan" },
  { code: "35.25", bpsCode: "3525", kind: "Kabupaten", name: "Gresik" },
  { code: "35.26", bpsCode: "3526", kind: "Kabupaten", name: "Bangkalan" },
  { code: "35.27", bpsCode: "3527", kind: "Kabupaten", name: "Sampang" },
  { code: "35.28", bpsCode: "3528", kind: "Kabupaten", name: "Pamekasan" },
  { code: "35.29", bpsCode: "3529", kind: "Kabupaten", name: "Sumenep" },
  { code: "35.71", bpsCode: "3571", kind: "Kota", name: "Kediri" },
  { code: "35.72", bpsCode: "3572", kind: "Kota", name: "Blitar" },
  { code: "35.73", bpsCode: "3573", kind: "Kota", name: "Malang" },
  { code: "35.74", bpsCode: "3574", kind: "Kota", name: "Probolinggo" },
  { code: "35.75", bpsCode: "3575", kind: "Kota", name: "Pasuruan" },
  { code: "35.76", bpsCode: "3576", kind: "Kota", name: "Mojokerto" },
  { code: "35.77", bpsCode: "3577", kind: "Kota", name: "Madiun" },
  { code: "35.78", bpsCode: "3578", kind: "Kota", name: "Surabaya" },
  { code: "35.79", bpsCode: "3579", kind: "Kota", name: "Batu" }
]

const byCodeMap = new Map(all.map((region) => [region.code, region]))

/** The kabupaten/kota of a code. */
export const byCode = (code: RegionCode): Region => byCodeMap.get(code)!

/** The kabupaten/kota name with its kind, as people write it: "Kabupaten Malang", "Kota Malang". */
export const displayName = (code: RegionCode): string => {
  const region = byCode(code)
  return `${region.kind} ${region.name}`
}

/** A code that is not a kabupaten/kota of Jawa Timur. */
export class UnknownRegion extends Schema.TaggedError<UnknownRegion>()(
  "UnknownRegion",
  {
    code: Schema.String
  },
  ErrorCategory.invalidInput
) {
  override get message(): string {
    return `"${this.code}" is not a kabupaten/kota of Jawa Timur: use a Kemendagri code from 35.01 to 35.29 (kabupaten) or 35.71 to 35.79 (kota)`
  }
}

/** Validates a code. */
export const parse = (code: string): Either.Either<RegionCode, UnknownRegion> =>
  Schema.is(RegionCode)(code) ? Either.right(code) : Either.left(new UnknownRegion({ code }))
