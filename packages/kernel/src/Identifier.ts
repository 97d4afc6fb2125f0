/**
 * Identifiers of the programs' registers, as branded Schemas that reject bad formats with a
 * message naming the identifier and its format.
 *
 * Formats (sources: Kemenag for NSPP, OSS for NIB, BPJPH for halal certificates, the Ministry
 * of Health's P-IRT rules, BPOM for MD numbers; NIK Koperasi is the model's choice):
 * - NSPP (Nomor Statistik Pondok Pesantren): 12 digits.
 * - NIB (Nomor Induk Berusaha): 13 digits.
 * - NIK Koperasi (Nomor Induk Koperasi): 16 digits.
 * - Halal certificate number: `ID` then digits.
 * - P-IRT (Pangan Industri Rumah Tangga) number: 15 digits.
 * - BPOM registration of a domestic food: `MD` then 12 digits.
 *
 * @since 0.1.0
 */
import { Either, Option, ParseResult, Schema, SchemaAST } from "effect"
import * as ErrorCategory from "./ErrorCategory.js"

const identifier = <const B extends string>(brand: B, pattern: RegExp, description: string) =>
  Schema.String.pipe(
    Schema.pattern(pattern, { message: (issue) => `${description}, got ${JSON.stringify(issue.actual)}` }),
    Schema.brand(brand),
    Schema.annotations({ identifier: brand, description })
  )

/** Nomor Statistik Pondok Pesantren: 12 digits. */
export const Nspp = identifier("Nspp", /^\d{12}$/, "an NSPP (Nomor Statistik Pondok Pesantren) is 12 digits")
export type Nspp = typeof Nspp.Type

/** Nomor Induk Berusaha, issued by OSS: 13 digits. */
export const Nib = identifier("Nib", /^\d{13}$/, "an NIB (Nomor Induk Berusaha) is 13 digits")
export type Nib = typeof Nib.Type

/** Nomor Induk Koperasi: 16 digits. */
export const NikKoperasi = identifier("NikKoperasi", /^\d{16}$/, "an NIK Koperasi (Nomor Induk Koperasi) is 16 digits")
export type NikKoperasi = typeof NikKoperasi.Type

/** A halal certificate number: `ID` followed by digits. */
export const HalalCertificateNumber = identifier(
  "HalalCertificateNumber",
  /^ID\d{6,30}$/,
  'a halal certificate number is "ID" followed by digits (e.g. ID35110000123450922)'
)
export type HalalCertificateNumber = typeof HalalCertificateNumber.Type

/** A P-IRT number: 15 digits. */
export const PirtNumber = identifier("PirtNumber", /^\d{15}$/, "a P-IRT number is 15 digits")
export type PirtNumber = typeof PirtNumber.Type

/** A BPOM registration number of a domestic food: `MD` followed by 12 digits. */
export const BpomNumber = identifier("BpomNumber", /^MD\d{12}$/, 'a BPOM number for domestic food is "MD" followed by 12 digits')
export type BpomNumber = typeof BpomNumber.Type

/** A value that is not a valid identifier of its kind. */
export class InvalidIdentifier extends Schema.TaggedError<InvalidIdentifier>()(
  "InvalidIdentifier",
  {
    kind: Schema.String,
    value: Schema.String,
    reason: Schema.String
  },
  ErrorCategory.invalidInput
) {
  override get message(): string {
    return `Invalid ${this.kind} ${JSON.stringify(this.value)}: ${this.reason}.`
  }
}

/** Validates `value` with an identifier Schema (`Nspp`, `Nib`, ...), failing with `InvalidIdentifier`. */
export const parse = <A>(schema: Schema.Schema<A, string>, value: unknown): Either.Either<A, InvalidIdentifier> =>
  Either.mapLeft(
    Schema.decodeUnknownEither(schema)(value),
    (error) =>
      new InvalidIdentifier({
        kind: Option.getOrElse(SchemaAST.getIdentifierAnnotation(schema.ast), () => "identifier"),
        value: typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)),
        reason: ParseResult.ArrayFormatter.formatErrorSync(error)
          .map((issue) => issue.message)
          .join("; ")
      })
  )
