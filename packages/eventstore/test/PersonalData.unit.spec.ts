import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import { EventCodec, PersonalData } from "../src/index.js"

const name = (subject: string, idField: string) => PersonalData.field(Schema.String, { subject, idField })

/** One event type of every shape a personal field can take. */
class Shapes extends Schema.TaggedClass<Shapes>()("Shapes", {
  leaderId: Schema.String,
  leaderName: name("leader", "leaderId"),
  /** Nested struct: the id beside the field inside it. */
  contact: Schema.Struct({ personId: Schema.String, phone: name("person", "personId") }),
  /** Array of structs. */
  members: Schema.Array(Schema.Struct({ personId: Schema.String, name: name("person", "personId"), role: Schema.String })),
  /** Array of arrays of structs. */
  teams: Schema.Array(Schema.Array(Schema.Struct({ personId: Schema.String, name: name("person", "personId") }))),
  /** Array of personal texts: the id beside the array. */
  aliases: Schema.Array(name("leader", "leaderId")),
  /** Optional, nullable. */
  nickname: Schema.optional(name("leader", "leaderId")),
  maidenName: Schema.NullOr(name("leader", "leaderId")),
  /** Annotated inside the union of `optionalWith({ nullable })`. */
  motto: Schema.optionalWith(name("leader", "leaderId"), { nullable: true }),
  /** Another placeholder. */
  birthYear: PersonalData.field(Schema.Int, { subject: "leader", idField: "leaderId", placeholder: 0 }),
  note: Schema.String
}) {}

const Plain = Schema.TaggedStruct("Plain", { title: Schema.String })
const Tagged = Schema.TaggedStruct("Tagged", { learnerId: Schema.String, name: name("learner", "learnerId") })
const Renamed = Schema.TaggedStruct("Renamed", {
  nib: Schema.String,
  ownerName: Schema.propertySignature(name("umkm-owner", "nib")).pipe(Schema.fromKey("owner_name"))
})

const Events = Schema.Union(Shapes, Plain, Tagged, Renamed)
const classification = PersonalData.classify(Events)

const summary = (c: PersonalData.Classification) =>
  Object.fromEntries(
    [...c].map(([type, fields]) => [type, fields.map((f) => [PersonalData.formatPath(f.path), f.subject, f.idField, f.placeholder])])
  )

describe("PersonalData.classify", () => {
  it("finds every annotated field of TaggedClass and TaggedStruct members, with its path, subject, id field and placeholder", () => {
    expect(summary(classification)).toEqual({
      Shapes: [
        ["leaderName", "leader", "leaderId", "[dihapus]"],
        ["contact.phone", "person", "personId", "[dihapus]"],
        ["members[].name", "person", "personId", "[dihapus]"],
        ["teams[][].name", "person", "personId", "[dihapus]"],
        ["aliases[]", "leader", "leaderId", "[dihapus]"],
        ["nickname", "leader", "leaderId", "[dihapus]"],
        ["maidenName", "leader", "leaderId", "[dihapus]"],
        ["motto", "leader", "leaderId", "[dihapus]"],
        ["birthYear", "leader", "leaderId", 0]
      ],
      Tagged: [["name", "learner", "learnerId", "[dihapus]"]],
      Renamed: [["owner_name", "umkm-owner", "nib", "[dihapus]"]]
    })
  })

  it("paths are property names and PersonalData.items for every element of an array", () => {
    const fields = classification.get("Shapes")!
    expect(fields.find((f) => f.path[0] === "members")!.path).toEqual(["members", PersonalData.items, "name"])
    expect(fields.find((f) => f.path[0] === "teams")!.path).toEqual(["teams", PersonalData.items, PersonalData.items, "name"])
    expect(fields.find((f) => f.path[0] === "aliases")!.path).toEqual(["aliases", PersonalData.items])
    expect(classification.has("Plain")).toBe(false)
  })

  it("a classification's paths are where the codec puts the values: every personal value is found at its path", () => {
    const codec = EventCodec.make(Events)
    const text = fc.string({ minLength: 1, maxLength: 6 })
    const person = fc.record({ personId: text, name: text })
    const shapes = fc
      .record({
        leaderId: text,
        leaderName: text,
        contact: fc.record({ personId: text, phone: text }),
        members: fc.array(fc.record({ personId: text, name: text, role: text }), { maxLength: 3 }),
        teams: fc.array(fc.array(person, { maxLength: 2 }), { maxLength: 2 }),
        aliases: fc.array(text, { maxLength: 3 }),
        maidenName: fc.option(text, { nil: null }),
        birthYear: fc.integer({ min: 1900, max: 2020 }),
        note: text
      })
      .map((fields) => new Shapes(fields))
    fc.assert(
      fc.property(shapes, (event) => {
        const encoded = Effect.runSync(codec.encode({ event, eventId: "e-1" }))
        const values: Array<unknown> = []
        const at = (value: unknown, path: PersonalData.Path): void => {
          if (path.length === 0) return void values.push(value)
          const [segment, ...rest] = path
          if (segment === PersonalData.items) for (const element of value as ReadonlyArray<unknown>) at(element, rest)
          else if (value !== null && typeof value === "object" && segment! in value) at((value as Record<string, unknown>)[segment!], rest)
        }
        for (const field of classification.get("Shapes")!) at(encoded.data, field.path)
        const expected = [
          event.leaderName,
          event.contact.phone,
          ...event.members.map((m) => m.name),
          ...event.teams.flatMap((team) => team.map((m) => m.name)),
          ...event.aliases,
          event.maidenName,
          event.birthYear
        ]
        expect(values).toEqual(expected)
      }),
      { numRuns: 200 }
    )
  })

  it("throws when the id field is not beside the personal field", () => {
    const topLevel = Schema.TaggedStruct("A", { name: name("learner", "learnerId"), id: Schema.String })
    expect(() => PersonalData.classify(topLevel)).toThrow(/"name" names the id field "learnerId", which is not beside it/)
    // The id one level up does not count: it must be in the same object.
    const nested = Schema.TaggedStruct("B", {
      learnerId: Schema.String,
      profile: Schema.Struct({ name: name("learner", "learnerId") })
    })
    expect(() => PersonalData.classify(nested)).toThrow(/not beside it/)
    // An array of personal texts needs its id beside the array.
    const array = Schema.TaggedStruct("C", { id: Schema.String, aliases: Schema.Array(name("learner", "learnerId")) })
    expect(() => PersonalData.classify(array)).toThrow(/"aliases" names the id field "learnerId", which is not beside it/)
    // The same, with the id where it belongs, classifies.
    expect(() =>
      PersonalData.classify(Schema.TaggedStruct("D", { learnerId: Schema.String, aliases: Schema.Array(name("learner", "learnerId")) }))
    ).not.toThrow()
  })
})

describe("PersonalData.field", () => {
  it("throws on a default placeholder that the field does not accept, refinements included", () => {
    expect(() => name("learner", "learnerId")).not.toThrow()
    expect(() => PersonalData.field(Schema.String.pipe(Schema.pattern(/^\d+$/)), { subject: "a", idField: "id" })).toThrow(
      /the placeholder "\[dihapus\]" is no value of the field/
    )
    expect(() => PersonalData.field(Schema.String.pipe(Schema.maxLength(5)), { subject: "a", idField: "id" })).toThrow(/placeholder/)
    // A refinement after a transformation too: the placeholder is decoded like a stored field.
    expect(() => PersonalData.field(Schema.Trim.pipe(Schema.maxLength(5)), { subject: "a", idField: "id" })).toThrow(/placeholder/)
    expect(() => PersonalData.field(Schema.Int, { subject: "a", idField: "id" })).toThrow(/give one with \{ placeholder \}/)
    expect(() => PersonalData.field(Schema.Int, { subject: "a", idField: "id", placeholder: 1.5 })).toThrow(/placeholder 1.5/)
  })

  it("accepts a placeholder that decodes", () => {
    const digits = PersonalData.field(Schema.String.pipe(Schema.pattern(/^\d+$/)), { subject: "a", idField: "id", placeholder: "0" })
    expect(Schema.decodeUnknownSync(digits)("0")).toBe("0")
    const annotation = digits.ast.annotations[PersonalData.PersonalDataId] as PersonalData.FieldAnnotation
    expect(annotation).toEqual({ subject: "a", idField: "id", placeholder: "0" })
  })

  it("throws on a subject kind that is not lower case letters, digits and -", () => {
    for (const subject of ["", "Learner", "1learner", "umkm owner", "umkm:owner", "-x", "ä"]) {
      expect(() => name(subject, "id")).toThrow(/the subject kind .* is not lower case letters, digits and "-"/)
    }
    for (const subject of ["learner", "umkm-owner", "a1", "x-"]) expect(() => name(subject, "id")).not.toThrow()
  })
})

describe("PersonalData.merge", () => {
  it("throws on an event type classified differently twice", () => {
    const a = PersonalData.classify(Schema.TaggedStruct("Tagged", { learnerId: Schema.String, name: name("learner", "learnerId") }))
    const otherSubject = PersonalData.classify(
      Schema.TaggedStruct("Tagged", { learnerId: Schema.String, name: name("student", "learnerId") })
    )
    const otherField = PersonalData.classify(
      Schema.TaggedStruct("Tagged", { learnerId: Schema.String, title: name("learner", "learnerId") })
    )
    const otherPlaceholder = PersonalData.classify(
      Schema.TaggedStruct("Tagged", {
        learnerId: Schema.String,
        name: PersonalData.field(Schema.String, { subject: "learner", idField: "learnerId", placeholder: "-" })
      })
    )
    for (const other of [otherSubject, otherField, otherPlaceholder]) {
      expect(() => PersonalData.merge(a, other)).toThrow(/the event type "Tagged" has different personal fields in two classifications/)
    }
  })

  it("accepts equal classifications of a type, and keeps every type of each", () => {
    const again = PersonalData.classify(Schema.Union(Tagged, Plain))
    const merged = PersonalData.merge(classification, again, PersonalData.empty)
    expect(summary(merged)).toEqual(summary(classification))
    expect(PersonalData.merge().size).toBe(0)
  })
})

describe("PersonalData subjects", () => {
  it("a subject is kind:id, and the erased text is recognised", () => {
    expect(PersonalData.subject("learner", "L-2025-000123")).toBe("learner:L-2025-000123")
    expect(PersonalData.isErasedText(PersonalData.erasedText)).toBe(true)
    expect(PersonalData.isErasedText("Siti")).toBe(false)
  })
})
