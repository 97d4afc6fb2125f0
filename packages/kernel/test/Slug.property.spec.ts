/** Slugs: the pattern of each form, the message, and the arbitrary. */
import { describe, expect, it } from "vitest"
import { Arbitrary, Either, ParseResult, Schema } from "effect"
import * as fc from "fast-check"
import { Slug } from "../src/index.js"

const forms: ReadonlyArray<{ readonly form: Slug.Form; readonly reference: RegExp }> = [
  { form: { separators: [".", "_", "-"] }, reference: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/ },
  { form: { separators: [".", "-"] }, reference: /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/ },
  { form: { separators: ["_", "-"] }, reference: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/ },
  { form: { separators: ["-"], lowerCaseOnly: true }, reference: /^[a-z0-9][a-z0-9-]{0,63}$/ }
]

const candidate = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.array(fc.constantFrom(..."aZ09._- /"), { maxLength: 66 }).map((cs) => cs.join(""))
)

describe("Slug", () => {
  it("each form accepts exactly what the programs' id patterns accepted", () => {
    for (const { form, reference } of forms) {
      const schema = Slug.make("Example", { ...form, what: "an example id", example: "a-1" })
      fc.assert(
        fc.property(candidate, (text) => {
          expect(Schema.is(schema)(text)).toBe(reference.test(text))
        })
      )
      expect(Schema.is(schema)("a".repeat(64))).toBe(true)
      expect(Schema.is(schema)("a".repeat(65))).toBe(false)
    }
  })

  it("a refusal names the id, its form and an example", () => {
    const schema = Slug.make("ProductLike", { separators: [".", "_", "-"], what: "a product id", example: "keripik-tempe" })
    const message = Either.match(Schema.decodeUnknownEither(schema)("keripik tempe"), {
      onLeft: (error) => ParseResult.TreeFormatter.formatErrorSync(error),
      onRight: () => ""
    })
    expect(message).toContain(`a product id is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`)
    expect(message).toContain(`for example "keripik-tempe"; got "keripik tempe"`)
  })

  it("the arbitrary's slugs all decode, for every form", () => {
    for (const { form } of forms) {
      const schema = Slug.make("Example", { ...form, what: "an example id", example: "a-1" })
      fc.assert(
        fc.property(Slug.arbitrary(form), Arbitrary.make(schema), (a, b) => {
          expect(Schema.decodeUnknownSync(schema)(a)).toBe(a)
          expect(Schema.is(schema)(b)).toBe(true)
        })
      )
    }
  })
})
