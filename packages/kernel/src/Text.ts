/**
 * Bounded text: the names, reasons, descriptions and titles people type into the programs.
 *
 * Every such field is a string with no spaces at either end, not empty, and at most so many
 * characters; when it is not, the message says which field and what to do ("a reason has at
 * most 500 characters"). The Schemas check, they do not trim: what is stored is what was sent.
 *
 * @since 0.1.0
 */
import { FastCheck as fc, Schema } from "effect"

const words = [
  "Pondok",
  "Pesantren",
  "Al-Hidayah",
  "keripik",
  "tempe",
  "batik",
  "tulis",
  "kopi",
  "Arabika",
  "Koperasi",
  "Sejahtera",
  "Bu",
  "Siti",
  "Aminah",
  "pengemasan",
  "halal",
  "UMKM",
  "Jawa",
  "Timur",
  "dokumen",
  "belum",
  "lengkap",
  "izin",
  "kedaluwarsa",
  "2025",
  "200g",
  "Madura",
  "Kediri",
  "ü",
  "é"
]

/**
 * The one arbitrary of bounded text: one to eight words joined by single spaces, cut to `max`
 * characters (and trimmed again), so every value it draws decodes with `bounded(max, …)`.
 */
export const arbitrary = (max: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(" ").slice(0, max).trim())
    .filter((text) => text.length > 0)

/**
 * Schema of a text field of 1 to `max` characters with no spaces at either end. `what` names
 * the field in messages, with its article ("a reason", "a course title").
 */
export const bounded = (max: number, what: string) =>
  Schema.String.pipe(
    Schema.trimmed({ message: () => `${what} has no spaces at either end` }),
    Schema.minLength(1, { message: () => `${what} is not empty` }),
    Schema.maxLength(max, { message: () => `${what} has at most ${max} characters` }),
    Schema.annotations({
      description: `${what}: 1 to ${max} characters, no spaces at either end`,
      arbitrary: () => () => arbitrary(max)
    })
  )

/** A name of a person, pesantren, business, product or venture: 1 to 200 characters. */
export const Name = bounded(200, "a name")

/** Why something was done (a suspension, a revocation, a withdrawal): 1 to 500 characters. */
export const Reason = bounded(500, "a reason")

/** A description of a product: 1 to 2,000 characters. */
export const Description = bounded(2000, "a description")
