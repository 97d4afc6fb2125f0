/**
 * Certificates a product holds: halal (BPJPH), P-IRT (home-industry food permit), BPOM
 * registration (`MD` number), trademark (DJKI) and SNI. Each is valid from the day it is
 * issued through its `validUntil` date, inclusive, in WIB. A P-IRT is valid 5 years (src): its
 * `validUntil` is the day before the fifth anniversary of its issue, and is computed, never
 * given. The others carry the validity date printed on them. A halal certificate has no fixed
 * term since UU 6/2023 (DOMAIN.md, adr/0085): it carries no `validUntil` and stays valid until
 * revoked; one printed with a date (issued under the old law) keeps it.
 *
 * A P-IRT number is checked for its structure when submitted (`pirtNumberProblem`): digits 4–7
 * a kabupaten/kota of Jawa Timur (`35xx`), digits 14–15 the last two digits of the year it stops
 * being valid (issue year + 5).
 *
 * The market rule (adr/0010): a food or drink product (makanan, minuman) is graded
 * market-ready, or marketed, only while it holds a valid halal certificate **and** a valid
 * P-IRT or BPOM registration, valid on the day of the decision.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { CalendarDate, Identifier, Region } from "@jatim/kernel"
import * as ProductCategory from "./ProductCategory.js"

/** Every kind of certificate. */
export const kinds = ["HALAL", "PIRT", "BPOM", "TRADEMARK", "SNI"] as const

/** Schema of a certificate kind. */
export const CertificateKind = Schema.Literal(...kinds).annotations({
  identifier: "CertificateKind",
  message: () => "a certificate kind is one of HALAL, PIRT, BPOM, TRADEMARK, SNI"
})

/** A certificate kind. */
export type CertificateKind = typeof CertificateKind.Type

/** How long a P-IRT is valid, in years (src). */
export const pirtValidityYears = 5

/** A trademark registration number of DJKI: `IDM` followed by 9 digits. */
export const TrademarkNumber = Schema.String.pipe(
  Schema.pattern(/^IDM\d{9}$/, {
    message: (issue) => `a trademark registration number is "IDM" followed by 9 digits, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("TrademarkNumber"),
  Schema.annotations({ identifier: "TrademarkNumber" })
)

/** A trademark registration number. */
export type TrademarkNumber = typeof TrademarkNumber.Type

/** An SNI product certificate (SPPT SNI) number: 3 to 64 letters, digits, `.`, `/` or `-`. */
export const SniCertificateNumber = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9./-]{2,63}$/, {
    message: (issue) => `an SNI certificate number is 3 to 64 letters, digits, ".", "/" or "-", got ${JSON.stringify(issue.actual)}`
  }),
  Schema.brand("SniCertificateNumber"),
  Schema.annotations({ identifier: "SniCertificateNumber" })
)

/** An SNI certificate number. */
export type SniCertificateNumber = typeof SniCertificateNumber.Type

const dated = { issuedOn: CalendarDate.CalendarDate, validUntil: CalendarDate.CalendarDate }

/**
 * A halal certificate: no fixed term (UU 6/2023), so `validUntil` only when one is printed on it
 * (certificates issued under the old law keep theirs).
 */
export const Halal = Schema.TaggedStruct("HALAL", {
  number: Identifier.HalalCertificateNumber,
  issuedOn: CalendarDate.CalendarDate,
  validUntil: Schema.optional(CalendarDate.CalendarDate).annotations({
    description: "only on a certificate printed with a validity date (issued before UU 6/2023); a halal certificate has no fixed term"
  })
})
/** A P-IRT, valid 5 years from its issue. */
export const Pirt = Schema.TaggedStruct("PIRT", { number: Identifier.PirtNumber, ...dated })
/** A BPOM registration of a domestic food. */
export const Bpom = Schema.TaggedStruct("BPOM", { number: Identifier.BpomNumber, ...dated })
/** A registered trademark. */
export const Trademark = Schema.TaggedStruct("TRADEMARK", { number: TrademarkNumber, ...dated })
/** An SNI product certificate. */
export const Sni = Schema.TaggedStruct("SNI", { number: SniCertificateNumber, ...dated })

/** Schema of a certificate as a product holds it: kind (`_tag`), number, issue and validity dates. */
export const Certificate = Schema.Union(Halal, Pirt, Bpom, Trademark, Sni)

/** A certificate as a product holds it. */
export type Certificate = typeof Certificate.Type

/** The last two digits of the year a P-IRT issued on `issuedOn` stops being valid: digits 14–15 of its number. */
export const pirtExpiryYearDigits = (issuedOn: CalendarDate.CalendarDate): string =>
  String((Number(issuedOn.slice(0, 4)) + pirtValidityYears) % 100).padStart(2, "0")

/**
 * What is wrong with the structure of the P-IRT number `number` issued on `issuedOn` (BPOM's
 * numbering, DOMAIN.md): digits 4–7 must be a kabupaten/kota of Jawa Timur (`35xx`, in the
 * kernel's `Region` list), digits 14–15 the last two digits of issue year + 5. `undefined` when
 * nothing is.
 */
export const pirtNumberProblem = (number: string, issuedOn: CalendarDate.CalendarDate): string | undefined => {
  const region = number.slice(3, 7)
  if (Either.isLeft(Region.parse(`${region.slice(0, 2)}.${region.slice(2)}`))) {
    return (
      `its digits 4–7 (${region}) must be a kabupaten/kota of Jawa Timur, 35 and the Kemendagri code, ` +
      `from 3501 to 3529 or 3571 to 3579 (e.g. 3517 Jombang)`
    )
  }
  const expected = pirtExpiryYearDigits(issuedOn)
  const year = number.slice(13, 15)
  return year === expected
    ? undefined
    : `its digits 14–15 (${year}) must be the last two digits of the year it stops being valid, ` +
        `${Number(issuedOn.slice(0, 4)) + pirtValidityYears} for one issued on ${issuedOn}: ${expected}`
}

/**
 * A P-IRT as submitted: its validity is not given but computed (5 years), and its number's
 * structure agrees with Jawa Timur and with its issue date (`pirtNumberProblem`).
 */
export const PirtSubmission = Schema.TaggedStruct("PIRT", {
  number: Identifier.PirtNumber,
  issuedOn: CalendarDate.CalendarDate
}).pipe(
  Schema.filter((submission) => {
    const problem = pirtNumberProblem(submission.number, submission.issuedOn)
    return problem === undefined || { path: ["number"], message: `P-IRT ${submission.number} is not valid: ${problem}` }
  })
)

/** Schema of a certificate as submitted with `AddCertificate`: a P-IRT without `validUntil`. */
export const CertificateSubmission = Schema.Union(Halal, PirtSubmission, Bpom, Trademark, Sni)

/** A certificate as submitted. */
export type CertificateSubmission = typeof CertificateSubmission.Type

/** The last day a P-IRT issued on `issuedOn` is valid: the day before its fifth anniversary. */
export const pirtValidUntil = (issuedOn: CalendarDate.CalendarDate): CalendarDate.CalendarDate =>
  CalendarDate.addDays(CalendarDate.addYears(issuedOn, pirtValidityYears), -1)

/** The certificate a submission records, with a P-IRT's validity computed. */
export const fromSubmission = (submission: CertificateSubmission): Certificate =>
  submission._tag === "PIRT"
    ? Pirt.make({ number: submission.number, issuedOn: submission.issuedOn, validUntil: pirtValidUntil(submission.issuedOn) })
    : submission

/** Whether `certificate` is valid on `date`: issued on or before it and valid through it (a halal certificate without a date has no end). */
export const isValidOn = (certificate: Certificate, date: CalendarDate.CalendarDate): boolean =>
  certificate.issuedOn <= date && (certificate.validUntil === undefined || date <= certificate.validUntil)

/** Whether `certificate` has passed its last valid day on `date` (never, for a halal certificate without a date). */
export const hasLapsedOn = (certificate: Certificate, date: CalendarDate.CalendarDate): boolean =>
  certificate.validUntil !== undefined && certificate.validUntil < date

/** "HALAL ID35110000123450922": a certificate in messages. */
export const describe = (certificate: { readonly _tag: CertificateKind; readonly number: string }): string =>
  `${certificate._tag} ${certificate.number}`

/** What the market rule asks for that a product lacks. */
export type MarketRequirement = "a valid halal certificate" | "a valid P-IRT or BPOM registration"

/**
 * What a product of `category` lacks, on `date`, to be graded market-ready or marketed, given
 * the certificates it holds in force (neither revoked nor recorded as expired). Empty when it
 * lacks nothing; always empty outside food and drink.
 */
export const missingForMarket = (
  category: ProductCategory.ProductCategory,
  inForce: ReadonlyArray<Certificate>,
  date: CalendarDate.CalendarDate
): ReadonlyArray<MarketRequirement> => {
  if (!ProductCategory.isFoodOrDrink(category)) return []
  const valid = inForce.filter((certificate) => isValidOn(certificate, date))
  const missing: Array<MarketRequirement> = []
  if (!valid.some((certificate) => certificate._tag === "HALAL")) missing.push("a valid halal certificate")
  if (!valid.some((certificate) => certificate._tag === "PIRT" || certificate._tag === "BPOM")) {
    missing.push("a valid P-IRT or BPOM registration")
  }
  return missing
}
