/**
 * Every domain error declares its category (`@jatim/kernel`'s `ErrorCategory`), and the host maps
 * categories onto statuses, never names (adr/0071). The error classes are found by walking the
 * kernel's and the four domains' modules (every module under `src/`, and the namespaces their
 * entry points export), so a new error fails here until it says what it is. The event store's
 * closed set of errors is mapped by its table: by property, and by example.
 */
import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { HttpApiSchema } from "@effect/platform"
import { describe, expect, it } from "vitest"
import { Arbitrary, Cause, Effect, Exit, FastCheck as fc, Option, Predicate, Schema } from "effect"
import {
  DuplicateEventId,
  EventDecodeError,
  EventStoreUnavailable,
  ExpectedVersion,
  ExpectedVersionConflict,
  InlineProjectionFailed,
  InvalidCategory,
  InvalidEvent,
  InvalidExpectedVersion,
  InvalidReadRequest,
  InvalidStreamName
} from "@jatim/eventstore"
import { ErrorCategory } from "@jatim/kernel"
import { type CommandError, Conflict, Forbidden, InvalidInput, NotFound, RuleViolated, StoreFailure, toHttpError } from "../src/errors.js"

/** The status each category answers with: the host's mapping, as the issue states it. */
const statusOfCategory: Readonly<Record<ErrorCategory.ErrorCategory, number>> = {
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  RuleViolated: 422,
  InvalidInput: 400
}

/** The HTTP error class of each `CommandError`, whose annotation holds its status. */
const httpErrorClasses = { Forbidden, NotFound, Conflict, RuleViolated, InvalidInput, StoreFailure } as const

/** The status the host answers `error` with. */
const statusOf = (error: CommandError): number => HttpApiSchema.getStatusError(httpErrorClasses[error._tag])

/** A `Schema.TaggedError` class: a Schema, a constructor of `Error`s, with its `_tag`. */
type ErrorClass = Schema.Schema<Error & { readonly _tag: string; readonly message: string }, unknown> & {
  readonly _tag: string
}

const isErrorClass = (value: unknown): value is ErrorClass =>
  typeof value === "function" &&
  value.prototype instanceof Error &&
  Schema.isSchema(value) &&
  Predicate.hasProperty(value, "_tag") &&
  typeof value._tag === "string"

/** A module namespace object (an entry point's `export * as X`, or an imported module). */
const isModule = (value: unknown): value is Readonly<Record<string, unknown>> => Object.prototype.toString.call(value) === "[object Module]"

/** Every error class reachable from `module`'s exports, through namespaces, with where it was found. */
const errorClassesOf = (module: unknown, where: string, found: Map<ErrorClass, string>, seen = new Set<unknown>()) => {
  if (isErrorClass(module)) {
    if (!found.has(module)) found.set(module, where)
  } else if (isModule(module) && !seen.has(module)) {
    seen.add(module)
    for (const [name, value] of Object.entries(module)) errorClassesOf(value, `${where}.${name}`, found, seen)
  }
}

const packagesDir = fileURLToPath(new URL("../../../packages/", import.meta.url))
const walked = ["kernel", "opop", "sijawara", "jatim-iso", "tomiko"]

/** The error classes of the kernel and the four domains, found in every module of their sources. */
const domainErrorClasses = async (): Promise<ReadonlyMap<ErrorClass, string>> => {
  const found = new Map<ErrorClass, string>()
  for (const name of walked) {
    const src = `${packagesDir}${name}/src/`
    const files = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
      .sort((a, b) => (a === "index.ts" ? -1 : b === "index.ts" ? 1 : a.localeCompare(b)))
    for (const file of files) {
      const module: unknown = await import(`${src}${file}`)
      errorClassesOf(module, file === "index.ts" ? `@jatim/${name}` : `${name}/src/${file}`, found)
    }
  }
  return found
}

/** One error of each class, generated from its Schema. */
const sampleOf = (errorClass: ErrorClass) => {
  const [error] = fc.sample(Arbitrary.make(errorClass), { numRuns: 1, seed: 71 })
  if (error === undefined) throw new Error(`no ${errorClass._tag} generated`)
  return error
}

describe("error categories: every domain error says what it is", () => {
  it("every TaggedError class of the kernel and the four domains declares a category", async () => {
    const classes = await domainErrorClasses()
    // 118 when categories came in: the walk finds them all, wherever a module moves.
    expect(classes.size).toBeGreaterThanOrEqual(118)
    const uncategorized = [...classes]
      .filter(([errorClass]) => Option.isNone(ErrorCategory.ofSchema(errorClass)))
      .map(([errorClass, where]) => `${errorClass._tag} (${where})`)
    expect(uncategorized, "declare a category with @jatim/kernel's ErrorCategory on these classes").toEqual([])
  })

  it("the host answers each domain error with the status of its category, its tag as the rule", async () => {
    for (const errorClass of (await domainErrorClasses()).keys()) {
      const error = sampleOf(errorClass)
      const category = ErrorCategory.of(error).pipe(Option.getOrThrow)
      const mapped = toHttpError(error)
      expect({ tag: errorClass._tag, status: statusOf(mapped) }).toEqual({
        tag: errorClass._tag,
        status: statusOfCategory[category]
      })
      expect(mapped).toMatchObject({ rule: error._tag, message: error.message })
    }
  })
})

describe("toHttpError: categories, never names", () => {
  /** A tag as anyone might name an error, with the suffixes names were once matched on. */
  const tag = fc.oneof(
    fc
      .tuple(
        fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/),
        fc.constantFrom("", "NotFound", "NotRegistered", "NotEnrolled", "NoCourse", "Missing", "Conflict", "Forbidden")
      )
      .map(([stem, suffix]) => `${stem}${suffix}`),
    fc.constantFrom("OrderMissing", "ActorNotAuthorized", "ExpectedVersionConflict", "InvalidEvent", "EventStoreUnavailable")
  )

  it("an error of each category answers its category's status, whatever its name", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ErrorCategory.ErrorCategory.literals), tag, fc.string(), (category, tag, detail) => {
        class DomainError extends Schema.TaggedError<DomainError>()(tag, { detail: Schema.String }, ErrorCategory.annotation(category)) {}
        const error = new DomainError({ detail })
        const mapped = toHttpError(error)
        expect(statusOf(mapped)).toBe(statusOfCategory[category])
        expect(mapped).toMatchObject({ rule: tag, message: error.message })
      })
    )
  })

  it("a new error named OrderMissing is what it declares: 404 when not found, 422 when a rule", () => {
    class OrderMissing extends Schema.TaggedError<OrderMissing>()("OrderMissing", {}, ErrorCategory.notFound) {}
    class NotYourOrder extends Schema.TaggedError<NotYourOrder>()("NotYourOrder", {}, ErrorCategory.forbidden) {}
    class OrderNotFound extends Schema.TaggedError<OrderNotFound>()("OrderNotFound", {}, ErrorCategory.ruleViolated) {}
    expect(toHttpError(new OrderMissing())).toMatchObject({ _tag: "NotFound", rule: "OrderMissing" })
    expect(toHttpError(new NotYourOrder())).toMatchObject({ _tag: "Forbidden", rule: "NotYourOrder" })
    expect(toHttpError(new OrderNotFound())).toMatchObject({ _tag: "RuleViolated", rule: "OrderNotFound" })
  })

  it("the store's closed set: invalid input 400, a lost race 409, a failing store 503", () => {
    const answers = <E extends { readonly _tag: string; readonly message: string }, I>(storeError: Schema.Schema<E, I>, status: number) =>
      fc.assert(
        fc.property(Arbitrary.make(storeError), (error) => {
          const mapped = toHttpError(error)
          expect({ tag: error._tag, status: statusOf(mapped) }).toEqual({ tag: error._tag, status })
          expect(mapped).toMatchObject({ rule: error._tag, message: error.message })
        }),
        { numRuns: 50 }
      )
    answers(InvalidEvent, 400)
    answers(InvalidStreamName, 400)
    answers(InvalidCategory, 400)
    answers(InvalidExpectedVersion, 400)
    answers(InvalidReadRequest, 400)
    answers(ExpectedVersionConflict, 409)
    answers(DuplicateEventId, 503)
    answers(EventDecodeError, 503)
    answers(EventStoreUnavailable, 503)
    answers(InlineProjectionFailed, 503)
  })

  it.each([
    new InvalidEvent({ eventId: "e-1", eventType: "PesantrenRegistered", reason: "data.name holds a lone surrogate" }),
    new InvalidStreamName({ streamName: "pesantren-", reason: "the id is empty" }),
    new InvalidCategory({ category: "", reason: "it is empty" }),
    new InvalidExpectedVersion({ streamName: "pesantren-1", reason: "Exact needs a whole version" }),
    new InvalidReadRequest({ reason: "fromVersion must be a whole number from 1" })
  ])("what the request holds and the store can never keep ($_tag) is the client's to change: 400 InvalidInput", (refusal) => {
    expect(toHttpError(refusal)).toMatchObject({ _tag: "InvalidInput", rule: refusal._tag, message: refusal.message })
  })

  it.each([
    { error: new EventStoreUnavailable({ operation: "append", reason: "connection lost" }), answer: "StoreFailure" },
    {
      error: new ExpectedVersionConflict({ streamName: "pesantren-1", expected: ExpectedVersion.exact(1), actual: 2 }),
      answer: "Conflict"
    }
  ])("a store that failed is 503, a lost race 409: $error._tag is $answer", ({ error, answer }) => {
    expect(toHttpError(error)).toMatchObject({ _tag: answer, rule: error._tag })
  })

  it("an error that declares no category is a defect (500, logged), never a guessed status", () => {
    class Uncategorized extends Schema.TaggedError<Uncategorized>()("ThingNotFound", {}) {}
    const exit = Effect.runSyncExit(Effect.fail(new Uncategorized()).pipe(Effect.mapError(toHttpError)))
    expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
    expect(() => toHttpError({ _tag: "OrderMissing", message: "no such order" })).toThrow(/OrderMissing declares no error category/)
  })
})
