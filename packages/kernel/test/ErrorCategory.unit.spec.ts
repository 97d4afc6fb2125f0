import { describe, expect, it } from "vitest"
import { Option, Schema } from "effect"
import * as fc from "fast-check"
import { Actor, ErrorCategory, Identifier, Region, Rupiah } from "../src/index.js"

const categories = ErrorCategory.ErrorCategory.literals

describe("ErrorCategory", () => {
  it("an error class declares its category, and its errors and the class itself are read back", () => {
    fc.assert(
      fc.property(fc.constantFrom(...categories), fc.string({ minLength: 1 }), (category, tag) => {
        class Refusal extends Schema.TaggedError<Refusal>()(tag, { detail: Schema.String }, ErrorCategory.annotation(category)) {}
        expect(ErrorCategory.ofSchema(Refusal)).toEqual(Option.some(category))
        expect(ErrorCategory.of(new Refusal({ detail: "x" }))).toEqual(Option.some(category))
      }),
      { numRuns: 100 }
    )
  })

  it("the declared annotations are the categories, and other annotations stay beside them", () => {
    expect(
      [ErrorCategory.notFound, ErrorCategory.forbidden, ErrorCategory.ruleViolated, ErrorCategory.conflict, ErrorCategory.invalidInput].map(
        (annotation) => annotation[ErrorCategory.ErrorCategoryId]
      )
    ).toEqual([...categories])
    class Described extends Schema.TaggedError<Described>()(
      "Described",
      {},
      {
        ...ErrorCategory.conflict,
        description: "a lost race"
      }
    ) {}
    expect(ErrorCategory.of(new Described())).toEqual(Option.some("Conflict"))
  })

  it("a subclass keeps the category of its class", () => {
    class Base extends Schema.TaggedError<Base>()("Base", {}, ErrorCategory.notFound) {}
    class Sub extends Base {}
    expect(ErrorCategory.of(new Sub())).toEqual(Option.some("NotFound"))
  })

  it("an error that declares none, or a value that is no error class's, has none", () => {
    class Plain extends Schema.TaggedError<Plain>()("Plain", {}) {}
    class Odd extends Schema.TaggedError<Odd>()("Odd", {}, { [ErrorCategory.ErrorCategoryId]: "Teapot" }) {}
    for (const value of [new Plain(), new Odd(), new Error("boom"), { _tag: "NotFound" }, "NotFound", null, undefined, 404]) {
      expect(ErrorCategory.of(value)).toEqual(Option.none())
    }
    expect(ErrorCategory.ofSchema(Schema.String)).toEqual(Option.none())
  })

  it("the kernel's own errors declare theirs", () => {
    const actor: Actor.Actor = { _tag: "CURATOR", curatorId: "kurator-07" }
    expect(ErrorCategory.of(new Actor.ActorNotAuthorized({ actor, action: "verify", rule: "no" }))).toEqual(Option.some("Forbidden"))
    expect(ErrorCategory.of(new Identifier.InvalidIdentifier({ kind: "Nspp", value: "1", reason: "short" }))).toEqual(
      Option.some("InvalidInput")
    )
    expect(ErrorCategory.of(new Region.UnknownRegion({ code: "36.01" }))).toEqual(Option.some("InvalidInput"))
    expect(ErrorCategory.of(new Rupiah.RupiahOverflow({ operation: "sum" }))).toEqual(Option.some("RuleViolated"))
  })
})
