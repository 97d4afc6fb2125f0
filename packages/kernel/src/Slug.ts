/**
 * Slugs: the ids callers choose for the things the programs keep (products, santri, courses,
 * learners, listings, orders). They become parts of stream names (`product-<id>`), so they are
 * short and plain: a letter or digit, then letters, digits and a few separators, at most 64
 * characters in all.
 *
 * Each program says which separators its ids may hold (Sijawara's never hold `_`, which joins a
 * learner and a course in an enrollment's stream id) and whether letters may be upper-case; the
 * factory writes the pattern, the message (naming the form and an example) and the arbitrary.
 *
 * @since 0.1.0
 */
import { FastCheck as fc, Schema } from "effect"

/** The most characters a slug has. */
export const maxLength = 64

/** A separator a slug may hold after its first character. */
export type Separator = "." | "_" | "-"

/** What a slug may hold, besides digits. */
export interface Form {
  /** The separators allowed after the first character. */
  readonly separators: ReadonlyArray<Separator>
  /** Only lower-case letters (`a`–`z`); otherwise both cases. Default: both cases. */
  readonly lowerCaseOnly?: boolean
}

const letters = (form: Form): string => (form.lowerCaseOnly === true ? "a-z" : "A-Za-z")

const escaped = (separator: Separator): string => (separator === "-" ? "\\-" : separator === "." ? "\\." : separator)

/** The pattern of slugs of `form`. */
export const patternOf = (form: Form): RegExp =>
  new RegExp(`^[${letters(form)}0-9][${letters(form)}0-9${form.separators.map(escaped).join("")}]{0,${maxLength - 1}}$`)

const quoted = (separators: ReadonlyArray<Separator>): string => {
  const names = separators.map((s) => JSON.stringify(s))
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`
}

/** The form in words: "1 to 64 letters, digits, "." or "-", starting with a letter or digit". */
export const describe = (form: Form): string => {
  const kind = form.lowerCaseOnly === true ? "lower-case letters" : "letters"
  const separators = form.separators.length === 0 ? ` or digits` : `, digits, ${quoted(form.separators)}`
  return `1 to ${maxLength} ${kind}${separators}, starting with a letter or digit`
}

const alphabet = (form: Form): ReadonlyArray<string> => [
  ..."abcdefghijklmnopqrstuvwxyz",
  ...(form.lowerCaseOnly === true ? [] : [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"]),
  ..."0123456789"
]

/**
 * The one arbitrary of slugs of `form`: a letter or digit, then up to 23 letters, digits and
 * separators (short, so that pools of ids collide and streams are shared).
 */
export const arbitrary = (form: Form): fc.Arbitrary<string> => {
  const first = fc.constantFrom(...alphabet(form))
  const rest = fc.constantFrom(...alphabet(form), ...form.separators)
  return fc.tuple(first, fc.array(rest, { maxLength: 23 })).map(([head, tail]) => head + tail.join(""))
}

/** How a slug Schema names itself. */
export interface Naming {
  /** The slug in messages, with its article: "a product id". */
  readonly what: string
  /** One slug of the form: "keripik-tempe". */
  readonly example: string
  /** Its name in JSON Schema and OpenAPI documents; default: the brand. */
  readonly identifier?: string
}

/** Schema of a slug of `form`, branded `brand`, named as `options` say. */
export const make = <const B extends string>(brand: B, options: Form & Naming) =>
  Schema.String.pipe(
    Schema.pattern(patternOf(options), {
      message: (issue) =>
        `${options.what} is ${describe(options)}, for example ${JSON.stringify(options.example)}; got ${JSON.stringify(issue.actual)}`,
      arbitrary: () => () => arbitrary(options)
    }),
    Schema.brand(brand),
    Schema.annotations({
      identifier: options.identifier ?? brand,
      description: `${options.what}: ${describe(options)}, e.g. ${options.example}`
    })
  )
