/**
 * Grouped appends (adr/0084): several appends in one call of `append_to_streams` give each the
 * outcome it would have had alone, and concurrent appends through the store keep every
 * guarantee of the contract.
 */
import { it } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"
import { SqlClient } from "@effect/sql"
import { EventStore, type ExpectedVersion } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import * as fc from "fast-check"
import { expect } from "vitest"
import { Migrations } from "../src/index.js"
import { clientLayer, storeLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("grouped_appends")

/** One append as the SQL functions take it: an expectation, and events from a small pool of ids. */
interface SqlAppend {
  readonly stream: string
  readonly kind: string
  readonly version: number | null
  readonly events: ReadonlyArray<{ readonly id: string; readonly data: string }>
}

const sqlAppend: fc.Arbitrary<SqlAppend> = fc
  .record({
    stream: fc.constantFrom("s-0", "s-1", "s-2"),
    expectation: fc.oneof(
      fc.constantFrom({ kind: "Any", version: null }, { kind: "NoStream", version: null }, { kind: "StreamExists", version: null }),
      fc.nat({ max: 4 }).map((version) => ({ kind: "Exact", version })),
      // Refused by the function's guard (EVEXP).
      fc.constantFrom({ kind: "Exact", version: null }, { kind: "Sometimes", version: null })
    ),
    // Ids from a pool of 8 and data of two kinds: retries, partial retries and true duplicates.
    events: fc.uniqueArray(fc.record({ id: fc.nat({ max: 7 }).map((i) => `e-${i}`), data: fc.constantFrom("1", "2") }), {
      selector: (event) => event.id,
      maxLength: 3
    })
  })
  .map(({ stream, expectation, events }) => ({ stream, ...expectation, events }))

/** What an append came to, and what the stores hold, without positions (which only order them). */
const outcomeOf = (result: string | null, code: string | null, detail: string | null) =>
  result === null ? { refused: code, detail } : { result: result.replace(/^\((\d+),\d*,\d*,(\d+)\)$/, "(version $1, written $2)") }

const parameters = (appends: ReadonlyArray<SqlAppend>) => {
  const events = appends.flatMap((a) => a.events)
  return [
    appends.map((a) => a.stream),
    appends.map((a) => a.stream.split("-")[0]!),
    appends.map((a) => a.kind),
    appends.map((a) => a.version),
    appends.map((a) => a.events.length),
    events.map((e) => e.id),
    events.map(() => "Happened"),
    events.map((e) => JSON.stringify({ n: e.data })),
    events.map(() => JSON.stringify({ occurredAt: "2026-01-01T00:00:00.000Z", schemaVersion: 1 }))
  ]
}

const storedIn = (sql: SqlClient.SqlClient, schema: string) =>
  sql.unsafe<Record<string, unknown>>(
    `SELECT stream_name, stream_version::int AS v, event_id, event_type, data FROM "${schema}".events ORDER BY stream_name, stream_version`
  )

it.live(
  "append_to_streams gives every append the outcome, and leaves the events, that one append_to_stream call after another would",
  () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      let run = 0
      const seen = new Set<string>()
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.array(sqlAppend, { minLength: 1, maxLength: 8 }), (appends) =>
            Effect.runPromise(
              Effect.gen(function* () {
                run++
                const together = `grouped_${run}_${uniqueSchema()}`
                const alone = `alone_${run}_${uniqueSchema()}`
                yield* Migrations.migrate(together)
                yield* Migrations.migrate(alone)
                const params = parameters(appends)
                const rows = yield* sql.unsafe<{ result: string | null; error_code: string | null; error_detail: string | null }>(
                  `SELECT * FROM "${together}".append_to_streams($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
                  params
                )
                const sequential = []
                for (const [i, a] of appends.entries()) {
                  const first = appends.slice(0, i).reduce((n, earlier) => n + earlier.events.length, 0)
                  const slice = (values: unknown) => (values as ReadonlyArray<unknown>).slice(first, first + a.events.length)
                  const one = yield* Effect.either(
                    sql.unsafe<{ result: string }>(
                      `SELECT "${alone}".append_to_stream($1, $2, $3, $4, $5, $6, $7, $8, NULL)::text AS result`,
                      [a.stream, "s", a.kind, a.version, slice(params[5]), slice(params[6]), slice(params[7]), slice(params[8])]
                    )
                  )
                  const cause = Either.isLeft(one) ? (one.left.cause as { code?: string; detail?: string }) : undefined
                  sequential.push(
                    Either.isRight(one)
                      ? outcomeOf(one.right[0]!.result, null, null)
                      : outcomeOf(null, cause?.code ?? "none", cause?.detail ?? null)
                  )
                }
                for (const r of rows) seen.add(r.error_code ?? "appended")
                expect(rows.map((r) => outcomeOf(r.result, r.error_code, r.error_detail))).toEqual(sequential)
                expect(yield* storedIn(sql, together)).toEqual(yield* storedIn(sql, alone))
              }).pipe(Effect.provideService(SqlClient.SqlClient, sql))
            )
          ),
          { numRuns: 40, seed: 20261207 }
        )
      )
      // The runs met every outcome: appended, conflict, duplicate, invalid expectation.
      expect([...seen].sort()).toEqual(["EVCNF", "EVDUP", "EVEXP", "appended"])
    }).pipe(Effect.provide(clientLayer(url()))),
  120_000
)

it.live(
  "concurrent appends through the store, grouped: each gets its own outcome, and the streams hold exactly the appended events, without gaps",
  () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const expectations: ReadonlyArray<ExpectedVersion.ExpectedVersion> = [
        { _tag: "Any" },
        { _tag: "NoStream" },
        { _tag: "StreamExists" },
        { _tag: "Exact", version: 0 },
        { _tag: "Exact", version: 1 },
        { _tag: "Exact", version: 2 }
      ]
      for (let round = 0; round < 4; round++) {
        const appends = yield* Effect.forEach(
          Array.from({ length: 24 }, (_, i) => i),
          (i) =>
            Effect.map(Fixtures.newEvents(1 + (i % 3)), (events) => ({
              stream: `order-${round}-${i % 4}`,
              expected: expectations[(i * 7 + round) % expectations.length]!,
              events
            }))
        )
        const outcomes = yield* Effect.forEach(
          appends,
          (a) => Effect.either(store.appendToStream(a.stream, a.events, { expectedVersion: a.expected })),
          { concurrency: "unbounded" }
        )
        for (const outcome of outcomes) {
          if (Either.isLeft(outcome)) expect(outcome.left._tag).toBe("ExpectedVersionConflict")
        }
        // Each stream holds the events of its successful appends, each append's events together,
        // at the versions its result names, and nothing else.
        for (let s = 0; s < 4; s++) {
          const stream = `order-${round}-${s}`
          const read = yield* store.readStream(stream)
          const succeeded = appends.flatMap((a, i) => {
            const outcome = outcomes[i]!
            return a.stream === stream && Either.isRight(outcome) ? [{ a, result: outcome.right }] : []
          })
          expect(read.events.map((e) => e.streamVersion)).toEqual(read.events.map((_, i) => i + 1))
          expect(read.events.length).toBe(succeeded.reduce((n, { a }) => n + a.events.length, 0))
          for (const { a, result } of succeeded) {
            const last = read.events.find((e) => e.eventId === a.events[a.events.length - 1]!.eventId)!
            expect(last.streamVersion).toBe(result.nextExpectedVersion)
            expect(read.events.slice(last.streamVersion - a.events.length, last.streamVersion).map((e) => e.eventId)).toEqual(
              a.events.map((e) => e.eventId)
            )
          }
        }
      }
    }).pipe(Effect.provide(Layer.fresh(storeLayer(url(), { groupAppends: { concurrency: 1, maxAppends: 8 } })))),
  60_000
)
