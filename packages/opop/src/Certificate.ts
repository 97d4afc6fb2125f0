/**
 * Certificates a product holds: halal (BPJPH), P-IRT (home-industry food permit), BPOM
 * registration (`MD` number), trademark (DJKI) and SNI. Each is valid from the day it is
 * issued through its `validUntil` date, inclusive, in WIB. A P-IRT is valid 5 years (src): its
 * `validUntil` is the day before the fifth anniversary of its issue, and is computed, never
 * given. The others carry the validity date printed on them.
 *
 * The market rule (adr/0010): a food or drink product (makanan, minuman) is graded
 * market-ready, or marketed, only while it holds a valid halal certificate **and** a valid
 * P-IRT or BPOM registration, valid on the day of the decision.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CalendarDate, Identifier } from "@jatim/kernel"
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

/** A halal certificate. */
export const Halal = Schema.TaggedStruct("HALAL", { number: Identifier.HalalCertificateNumber, ...dated })
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

/** A P-IRT as submitted: its validity is not given but computed (5 years). */
export const PirtSubmission = Schema.TaggedStruct("PIRT", {
  number: Identifier.PirtNumber,
  issuedOn: CalendarDate.CalendarDate
})

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

/** Whether `certificate` is valid on `date`: issued on or before it and valid through it. */
export const isValidOn = (certificate: Certificate, date: CalendarDate.CalendarDate): boolean =>
  certificate.issuedOn <= date && date <= certificate.validUntil

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
