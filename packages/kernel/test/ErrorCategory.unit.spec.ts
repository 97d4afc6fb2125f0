import { describe, expect, it } from "vitest"
import { Effect, Exit, Option, Schema } from "effect"
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

  it("DomainError declares a tagged error class with its category and its message of its fields", () => {
    class Refused extends ErrorCategory.DomainError<Refused>()(
      "Refused",
      { who: Schema.String, times: Schema.Int },
      ErrorCategory.ruleViolated,
      ({ who, times }) => `${who} was refused ${times} times.`
    ) {}
    const error = new Refused({ who: "Siti", times: 2 })
    expect(error).toBeInstanceOf(Refused)
    expect(error).toBeInstanceOf(Error)
    expect(error._tag).toBe("Refused")
    expect(error.message).toBe("Siti was refused 2 times.")
    expect(String(error)).toBe("Refused: Siti was refused 2 times.")
    expect(ErrorCategory.ofSchema(Refused)).toEqual(Option.some("RuleViolated"))
    expect(ErrorCategory.of(error)).toEqual(Option.some("RuleViolated"))
    const encoded = Schema.encodeSync(Refused)(error)
    expect(encoded).toEqual({ _tag: "Refused", who: "Siti", times: 2 })
    const decoded = Schema.decodeUnknownSync(Refused)(encoded)
    expect(decoded).toBeInstanceOf(Refused)
    expect(decoded.message).toBe(error.message)
    expect(
      Effect.runSyncExit(
        Effect.gen(function* () {
          return yield* error
        })
      )
    ).toEqual(Exit.fail(error))
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
