/**
 * Certificate numbers: `SJW-XXXX-XXXX-XXXX-CC`.
 *
 * - `XXXX-XXXX-XXXX` is the certificate code: 12 characters of Crockford's base 32 (digits and
 *   capital letters without I, L, O and U, so nothing reads as another character), 60 bits drawn
 *   from Effect's `Random` when the course is completed (`draw`) and stored in
 *   `EnrollmentCompleted`. It cannot be computed from the learner and the course: whoever holds a
 *   number was given it. (Numbers issued before ADR 0022's amendment were a hash of
 *   `<learnerId>/<courseId>`; they stay valid, since verification looks numbers up.)
 * - `CC` are two check characters: the code read as one base-32 number, modulo 997 (a prime),
 *   written as two base-32 characters. Because 997 is a prime larger than 31, every mistyped
 *   character and every swap of two neighbouring code characters changes the remainder, so
 *   `parse` catches such typos offline, before any lookup.
 * - Input is forgiving as Crockford's encoding intends: case, spaces and dashes are ignored, and
 *   `I`/`L` read as `1`, `O` as `0`.
 *
 * Verification by number (who, which course, when) is the `CertificateRegistry` read model.
 *
 * @since 0.1.0
 */
import { Effect, Either, Random, Schema } from "effect"
import { ErrorCategory } from "@jatim/kernel"

/** Crockford's base-32 alphabet. */
export const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** The prefix of every certificate number. */
export const prefix = "SJW"

const checkModulus = 997
const codeLength = 12
const canonicalPattern = /^SJW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/

const checkOf = (code: string): string => {
  let remainder = 0
  for (const char of code) remainder = (remainder * 32 + alphabet.indexOf(char)) % checkModulus
  return alphabet.charAt(Math.floor(remainder / 32)) + alphabet.charAt(remainder % 32)
}

const layout = (code: string, check: string): string => `${prefix}-${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${check}`

/** Why a string is not a certificate number, or `undefined` when it is one in canonical form. */
const canonicalProblem = (value: string): string | undefined => {
  if (!canonicalPattern.test(value)) {
    return "a certificate number reads SJW-XXXX-XXXX-XXXX-CC, in digits and capital letters without I, L, O and U"
  }
  const code = value.slice(4, 18).replaceAll("-", "")
  return checkOf(code) === value.slice(19) ? undefined : "its check characters do not match: the number is mistyped"
}

/** Schema of a certificate number in canonical form, with valid check characters. */
export const CertificateNumber = Schema.String.pipe(
  Schema.filter((value) => canonicalProblem(value) ?? true, {
    arbitrary: () => (fc) =>
      fc
        .array(fc.constantFrom(...alphabet), { minLength: codeLength, maxLength: codeLength })
        .map((chars) => layout(chars.join(""), checkOf(chars.join(""))))
  }),
  Schema.brand("CertificateNumber"),
  Schema.annotations({ identifier: "CertificateNumber", description: "a Sijawara certificate number" })
)

/** A certificate number. */
export type CertificateNumber = typeof CertificateNumber.Type

/** A string that is not a certificate number; the message says how to read one. */
export class InvalidCertificateNumber extends Schema.TaggedError<InvalidCertificateNumber>()(
  "InvalidCertificateNumber",
  { input: Schema.String, reason: Schema.String },
  ErrorCategory.invalidInput
) {
  override get message(): string {
    return (
      `${JSON.stringify(this.input)} is not a Sijawara certificate number: ${this.reason}. ` +
      `Certificate numbers read like SJW-7K3M-9QXA-2BCD-4F.`
    )
  }
}

const halfBits = 30
const halfChars = codeLength / 2

const base32 = (value: number, length: number): string => {
  let code = ""
  let rest = value
  for (let i = 0; i < length; i++) {
    code = alphabet.charAt(rest % 32) + code
    rest = Math.floor(rest / 32)
  }
  return code
}

/**
 * A new certificate number: a 60-bit code drawn from Effect's `Random` (two draws of 30 bits),
 * with its check characters. Tests make it reproducible with a seeded `Random`
 * (`Effect.withRandom(Random.make(seed))`).
 */
export const draw: Effect.Effect<CertificateNumber> = Effect.map(
  Effect.all([Random.nextIntBetween(0, 2 ** halfBits), Random.nextIntBetween(0, 2 ** halfBits)]),
  ([high, low]) => {
    const code = base32(high, halfChars) + base32(low, halfChars)
    return CertificateNumber.make(layout(code, checkOf(code)))
  }
)

/**
 * Reads a certificate number as a person may type it (any case, with or without spaces and
 * dashes, `I`/`L` for `1`, `O` for `0`), checks its check characters, and returns it in canonical
 * form. A typo is reported here, without looking anything up.
 */
export const parse = (input: string): Either.Either<CertificateNumber, InvalidCertificateNumber> => {
  const fail = (reason: string) => Either.left(new InvalidCertificateNumber({ input, reason }))
  const compact = input.toUpperCase().replace(/[\s-]/g, "")
  if (!compact.startsWith(prefix)) return fail(`it must start with "${prefix}"`)
  const body = compact.slice(prefix.length).replace(/[IL]/g, "1").replace(/O/g, "0")
  if (body.length !== codeLength + 2) {
    return fail(`it must have ${codeLength + 2} characters after "${prefix}", not ${body.length}`)
  }
  const stray = [...body].find((char) => !alphabet.includes(char))
  if (stray !== undefined) return fail(`${JSON.stringify(stray)} is not used in certificate numbers`)
  const code = body.slice(0, codeLength)
  if (checkOf(code) !== body.slice(codeLength)) {
    return fail("its check characters do not match: a character is mistyped or two are swapped")
  }
  return Either.right(CertificateNumber.make(layout(code, body.slice(codeLength))))
}
