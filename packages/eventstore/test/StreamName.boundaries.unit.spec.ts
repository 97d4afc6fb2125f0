/**
 * The edges of the stream-name rules, against a reference written character by character:
 * a category of 64 characters against 65, a leading or doubled `-`, an empty category or id,
 * 255 characters against 256, and the first and last characters of every allowed range.
 */
import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { StreamName } from "../src/index.js"

const isLetter = (c: string) => (c >= "A" && c <= "Z") || (c >= "a" && c <= "z")
const isDigit = (c: string) => c >= "0" && c <= "9"
const isPrintable = (c: string) => c.charCodeAt(0) >= 0x21 && c.charCodeAt(0) <= 0x7e

/** The reason a category is refused, or `undefined`: the rule in words, not in a regex. */
const categoryReason = (category: string): string | undefined => {
  if (category.length === 0) return "it is empty"
  if (category.length > 64) return "it is longer than 64 characters"
  const [first, ...rest] = category
  return isLetter(first!) && rest.every((c) => isLetter(c) || isDigit(c) || c === "_")
    ? undefined
    : 'it must start with a letter and hold only letters, digits and "_"'
}

const nameReason = (name: string): string | undefined => {
  if (name.length > 255) return "it is longer than 255 characters"
  const dash = name.indexOf("-")
  if (dash === -1) return 'it has no "-" between category and id'
  const category = categoryReason(name.slice(0, dash))
  if (category !== undefined) return `its category ${category}`
  const id = name.slice(dash + 1)
  if (id.length === 0) return 'its id (after the first "-") is empty'
  if (![...id].every(isPrintable)) return "its id may hold only printable ASCII characters without spaces"
  return undefined
}

/** Characters at the edges of every range the rules name, and a few outside all of them. */
const edgeCharacter = fc.constantFrom(
  "A",
  "Z",
  "a",
  "z",
  "0",
  "9",
  "_",
  "-",
  "@",
  "[",
  "`",
  "{",
  "/",
  ":",
  "^",
  " ",
  "!",
  "~",
  "\u007f",
  "\u0000",
  "\n",
  "é",
  "\u{1F600}"
)
/** Lengths near the limits are the ones a wrong bound gets wrong. */
const length = (max: number) =>
  fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: max - 2, max: max + 2 }), fc.integer({ min: 0, max: max + 2 }))
const text = (chars: fc.Arbitrary<string>, max: number) =>
  length(max).chain((n) => fc.array(chars, { minLength: n, maxLength: n }).map((cs) => cs.join("")))

const validCategoryChar = fc.constantFrom("A", "Z", "a", "z", "0", "9", "_")
const letter = fc.constantFrom("A", "Z", "a", "z", "m")
const validCategory = (n: number) =>
  fc.tuple(letter, fc.array(validCategoryChar, { minLength: n - 1, maxLength: n - 1 })).map(([l, cs]) => l + cs.join(""))

/** Mostly valid categories and ids, with an edge character or a wrong length now and then. */
const category = fc.oneof(
  text(edgeCharacter, 64),
  text(validCategoryChar, 64),
  length(64)
    .filter((n) => n > 0)
    .chain(validCategory)
)
const id = fc.oneof(text(edgeCharacter, 40), fc.stringMatching(/^[\x21-\x7E]{1,40}$/))
const name = fc.oneof(
  fc.tuple(category, id).map(([c, i]) => `${c}-${i}`),
  text(edgeCharacter, 255),
  fc.tuple(validCategory(10), length(255 - 11)).map(([c, n]) => `${c}-${"x".repeat(n)}`)
)

/** Why `name` is refused, or "accepted". */
const reasonOf = (n: string) =>
  Either.flip(StreamName.parse(n)).pipe(
    Either.map((e) => e.reason),
    Either.getOrElse(() => "accepted")
  )

const decodeName = Schema.decodeUnknownEither(StreamName.StreamName)
const decodeCategory = Schema.decodeUnknownEither(StreamName.CategorySchema)

/**
 * The parser and the Schema agree with the rule in words on `value`: both accept it as it is when
 * the rule gives no `reason`, and both refuse it with that reason otherwise.
 */
const expectTheRule = <E>(
  value: string,
  reason: string | undefined,
  parsed: Either.Either<string, E>,
  decoded: Either.Either<string, { readonly message: string }>,
  refusal: { readonly error: Readonly<Record<string, string>>; readonly label: string }
) => {
  if (reason === undefined) {
    expect(parsed).toEqual(Either.right(value))
    expect(decoded).toEqual(Either.right(value))
  } else {
    expect(Either.flip(parsed).pipe(Either.getOrThrow)).toMatchObject({ ...refusal.error, reason })
    expect(Either.isLeft(decoded) && decoded.left.message).toContain(`${refusal.label}: ${reason}`)
  }
}

describe("StreamName boundaries", () => {
  it("a category is accepted exactly when the rule in words accepts it, and refused with its reason", () => {
    fc.assert(
      fc.property(category, (c) => {
        expectTheRule(c, categoryReason(c), StreamName.parseCategory(c), decodeCategory(c), {
          error: { _tag: "InvalidCategory", category: c },
          label: "invalid category"
        })
      })
    )
  })

  it("a stream name is accepted exactly when the rule in words accepts it, and refused with its reason", () => {
    fc.assert(
      fc.property(name, (n) => {
        const reason = nameReason(n)
        const parsed = StreamName.parse(n)
        expectTheRule(n, reason, parsed, decodeName(n), {
          error: { _tag: "InvalidStreamName", streamName: n },
          label: "invalid stream name"
        })
        if (reason === undefined) {
          const dash = n.indexOf("-")
          expect(StreamName.category(parsed.pipe(Either.getOrThrow))).toBe(n.slice(0, dash))
          expect(StreamName.id(parsed.pipe(Either.getOrThrow))).toBe(n.slice(dash + 1))
        }
      })
    )
  })

  it("make joins category and id with a dash and validates the whole", () => {
    fc.assert(
      fc.property(category, id, (c, i) => {
        const made = StreamName.make(c, i)
        expect(made).toEqual(StreamName.parse(`${c}-${i}`))
      })
    )
  })

  it("64 characters of category pass, 65 do not; 255 characters of name pass, 256 do not", () => {
    const c64 = "c".repeat(64)
    expect(StreamName.parseCategory(c64)).toEqual(Either.right(c64))
    expect(Either.flip(StreamName.parseCategory(`${c64}x`)).pipe(Either.getOrThrow).reason).toBe("it is longer than 64 characters")
    expect(StreamName.parse(`${c64}-1`)).toEqual(Either.right(`${c64}-1`))
    expect(reasonOf(`${c64}x-1`)).toBe("its category it is longer than 64 characters")
    const n255 = `a-${"x".repeat(253)}`
    expect(StreamName.parse(n255)).toEqual(Either.right(n255))
    expect(reasonOf(`${n255}x`)).toBe("it is longer than 255 characters")
    expect(StreamName.maxLength).toBe(255)
  })

  it("a leading dash, an empty category, an empty id and a missing dash each get their own reason", () => {
    expect(reasonOf("-abc")).toBe("its category it is empty")
    expect(reasonOf("-")).toBe("its category it is empty")
    expect(reasonOf("abc-")).toBe('its id (after the first "-") is empty')
    expect(reasonOf("abc")).toBe('it has no "-" between category and id')
    expect(reasonOf("")).toBe('it has no "-" between category and id')
    expect(reasonOf("abc--")).toBe("accepted")
    expect(StreamName.id(Either.getOrThrow(StreamName.parse("abc--")))).toBe("-")
    expect(StreamName.category(Either.getOrThrow(StreamName.parse("a-b-c")))).toBe("a")
    expect(StreamName.id(Either.getOrThrow(StreamName.parse("a-b-c")))).toBe("b-c")
  })
})
