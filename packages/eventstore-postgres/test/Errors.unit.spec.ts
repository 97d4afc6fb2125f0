/** How database failures become the contract's typed errors, for every SQLSTATE the adapter names. */
import { describe, expect, it } from "vitest"
import { Effect, Either, Exit } from "effect"
import * as fc from "fast-check"
import { SqlError } from "@effect/sql/SqlError"
import { ExpectedVersion } from "@jatim/eventstore"
import { appendFailure, isTransient, retryTransient, unavailable } from "../src/internal/errors.js"

/** A failure as @effect/sql-pg reports one from PostgreSQL. */
const pgError = (code: string, detail?: string, message: string | null = "boom") =>
  new SqlError({
    message: "Failed to execute statement",
    cause: { code, ...(message === null ? {} : { message }), ...(detail === undefined ? {} : { detail }) }
  })

const expected = ExpectedVersion.exact(3)

describe("PostgreSQL errors", () => {
  it("EVCNF is an expected-version conflict with the actual version from the detail", () => {
    fc.assert(
      fc.property(fc.nat(), (actual) => {
        expect(appendFailure(pgError("EVCNF", String(actual)), "order-1", expected)).toMatchObject({
          _tag: "ExpectedVersionConflict",
          streamName: "order-1",
          expected,
          actual
        })
      })
    )
  })

  it("EVDUP is a duplicate event id with the id and reason from the detail, or a general reason when it does not parse", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string(), (eventId, reason) => {
        expect(appendFailure(pgError("EVDUP", JSON.stringify({ eventId, reason })), "order-1", expected)).toMatchObject({
          _tag: "DuplicateEventId",
          streamName: "order-1",
          eventId,
          reason
        })
      })
    )
    for (const detail of [undefined, "not json", JSON.stringify({ eventId: 1 })]) {
      expect(appendFailure(pgError("EVDUP", detail), "order-1", expected)).toMatchObject({
        _tag: "DuplicateEventId",
        streamName: "order-1",
        eventId: "",
        reason: "an event id of the batch is already stored"
      })
    }
  })

  it("EVEXP is an invalid expected version naming what was given", () => {
    expect(appendFailure(pgError("EVEXP", '{"_tag":"Later"}'), "order-1", expected)).toMatchObject({
      _tag: "InvalidExpectedVersion",
      streamName: "order-1",
      reason: '{"_tag":"Later"} is not one of them'
    })
    expect(appendFailure(pgError("EVEXP"), "order-1", expected)).toMatchObject({ reason: "given is not one of them" })
  })

  it("any other failure is EventStoreUnavailable for the operation, with PostgreSQL's message and SQLSTATE", () => {
    const error = appendFailure(pgError("22P05", undefined, "unsupported Unicode escape sequence"), "order-1", expected)
    expect(error).toMatchObject({
      _tag: "EventStoreUnavailable",
      operation: 'append to "order-1"',
      reason: "Failed to execute statement: unsupported Unicode escape sequence (SQLSTATE 22P05)"
    })
    expect(isTransient(error)).toBe(false)
    expect(unavailable("read")(new SqlError({ message: "lost", cause: new Error("connection reset") }))).toMatchObject({
      operation: "read",
      reason: "lost: connection reset"
    })
    expect(unavailable("read")(new SqlError({ message: "lost", cause: "who knows" }))).toMatchObject({ reason: "lost" })
    expect(unavailable("read")(pgError("XX000", undefined, null))).toMatchObject({ reason: "Failed to execute statement" })
    // A failure that is not PostgreSQL's (a dropped connection) is never taken for a conflict or a duplicate.
    expect(appendFailure(new SqlError({ message: "lost", cause: new Error("connection reset") }), "order-1", expected)).toMatchObject({
      _tag: "EventStoreUnavailable",
      operation: 'append to "order-1"',
      reason: "lost: connection reset"
    })
  })

  it("a deadlock or a serialization failure is transient, says so, and is retried up to 4 attempts in all", async () => {
    for (const code of ["40P01", "40001"]) {
      const error = unavailable("append")(pgError(code))
      expect(isTransient(error)).toBe(true)
      expect(error.reason).toMatch(/rolled (this one|it) back .*nothing of it was written: run the whole transaction again$/)
      let attempts = 0
      const exit = await Effect.runPromiseExit(
        retryTransient(
          Effect.suspend(() => {
            attempts++
            return Effect.fail(unavailable("append")(pgError(code)))
          })
        )
      )
      expect(Exit.isFailure(exit)).toBe(true)
      expect(attempts).toBe(4)
    }
    let attempts = 0
    const recovers = await Effect.runPromise(
      Effect.either(
        retryTransient(
          Effect.suspend(() => (++attempts < 3 ? Effect.fail(unavailable("append")(pgError("40P01"))) : Effect.succeed(attempts)))
        )
      )
    )
    expect(recovers).toEqual(Either.right(3))
    // Anything else is not retried.
    let others = 0
    await Effect.runPromiseExit(
      retryTransient(
        Effect.suspend(() => {
          others++
          return Effect.fail(unavailable("append")(pgError("23505")))
        })
      )
    )
    expect(others).toBe(1)
    expect(isTransient(new Error("40P01"))).toBe(false)
  })
})
