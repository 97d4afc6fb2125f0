/**
 * The right to erasure over HTTP, on PostgreSQL (issue 20): personal fields are stored encrypted
 * per person; only a Dinas officer erases a learner's personal data (`POST
 * /sijawara/learners/erase`), with an audit event naming who and when; afterwards the learner's
 * name is in no event read back, no response (commands, the live feed, `Idempotency-Key`
 * replays), no read model, and rebuilding every read model still succeeds.
 */
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Context, Effect, Stream } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { EventStore, PersonalData, PersonalDataKeys, ProjectionRunner } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import { Arbitraries } from "@jatim/sijawara/testing"
import { sqlReadModels } from "../src/readModels/postgres.js"
import { dinas, eventually, hostPerFile, learnerToken, type Token, token } from "./support.js"

const suite = hostPerFile("erasure")
const { get, post, call } = suite

const withSql = <A>(statement: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown, never>) =>
  Effect.runPromise(
    Effect.scoped(Effect.flatMap(SqlClient.SqlClient, statement).pipe(Effect.provide(PgClient.layer({ url: suite.databaseUrl }))))
  )

/** Every event's data as stored, as text. */
const storedEventData = () =>
  withSql((sql) => sql<{ readonly data: string }>`SELECT data::text AS data FROM eventstore.events`).then((rows) =>
    rows.map((row) => row.data).join("\n")
  )

/** Every row of every read model table, as text. */
const readModelRows = () =>
  withSql((sql) =>
    Effect.gen(function* () {
      const tables = yield* sql<{ readonly name: string }>`
        SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'eventstore_read'`
      const rows = yield* Effect.forEach(
        tables,
        ({ name }) => sql<{ readonly row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql("eventstore_read")}.${sql(name)} t`
      )
      return {
        tables: tables.length,
        text: rows
          .flat()
          .map((r) => r.row)
          .join("\n")
      }
    })
  )

/** The live feed from the first event on, as `as` sees it, until `done` holds of what came (10 s at most). */
const feedFromStart = async (as: Token, category: string, done: (received: string) => boolean): Promise<string> => {
  const controller = new AbortController()
  const response = await fetch(`${suite.host.base}/events/live?category=${category}&after=0.0`, {
    headers: { authorization: `Bearer ${await as}` },
    signal: controller.signal
  })
  expect(response.status).toBe(200)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let received = ""
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000))
  while (!done(received)) {
    const chunk = await Promise.race([reader.read(), timeout])
    if (chunk === "timeout" || chunk.done) break
    received += decoder.decode(chunk.value)
  }
  controller.abort()
  return received
}

/** How many times `text` occurs in `within`. */
const occurrences = (within: string, text: string) => within.split(text).length - 1

/** The stored events of a learner, read back through the host's store. */
const learnerEvents = (learnerId: string) =>
  Effect.runPromise(suite.host.store.readStream(`learner-${learnerId}`)).then((result) => result.events)

let run = 0
let erasures = 0
/** Names no other text of the store contains by accident: a person's name with a tag of this run. */
const personName = fc
  .tuple(fc.constantFrom("Siti", "Ahmad", "Dewi", "Budi", "Nur", "Rina"), fc.constantFrom("Aminah", "Fauzi", "Lestari", "Santoso"))
  .map(([first, last]) => `${first} ${last}`)

describe("erasing a learner's personal data", () => {
  it("only a Dinas officer erases; afterwards no event, response or read model holds the name, at rest nothing ever did", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(personName, { minLength: 2, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        Arbitraries.nonDinasActor,
        async (names, erasedFlags, stranger) => {
          run++
          const learners = names.map((name, i) => ({
            learnerId: `L-2031-${String(run).padStart(3, "0")}${i}`,
            name: `${name} Uji${run}x${i}`,
            erased: i === 0 || erasedFlags[i] === true
          }))
          for (const [i, learner] of learners.entries()) {
            // Odd learners register themselves with an Idempotency-Key: its kept response names them.
            const registered =
              i % 2 === 0
                ? await post("/sijawara/learners/register", dinas, {
                    learnerId: learner.learnerId,
                    name: learner.name,
                    region: "35.07",
                    role: { _tag: "PUBLIC" }
                  })
                : await post(
                    "/sijawara/learners/register",
                    learnerToken(learner.learnerId),
                    { learnerId: learner.learnerId, name: learner.name, region: "35.07", role: { _tag: "PUBLIC" } },
                    { "idempotency-key": `register-${learner.learnerId}` }
                  )
            expect(registered.status).toBe(200)
            expect(JSON.stringify(registered.body)).toContain(learner.name)
          }
          // Encrypted at rest from the start: the stored events name nobody.
          const stored = await storedEventData()
          for (const learner of learners) expect(stored).not.toContain(learner.name)

          const target = learners[0]!
          // Anyone but the Dinas is refused, the learner themself included, and nothing is erased.
          for (const actor of [stranger, Actor.Learner.make({ learnerId: target.learnerId })]) {
            const refused = await post("/sijawara/learners/erase", token(actor), { learnerId: target.learnerId })
            expect(refused.status).toBe(403)
            expect(refused.body._tag).toBe("Forbidden")
            expect(JSON.stringify(refused.body)).not.toContain(target.name)
          }
          expect((await learnerEvents(target.learnerId))[0]!.data["name"]).toBe(target.name)

          for (const learner of learners.filter((l) => l.erased)) {
            const erased = await post("/sijawara/learners/erase", dinas, { learnerId: learner.learnerId })
            expect(erased.status).toBe(200)
            expect(erased.body.events).toEqual([
              { _tag: "LearnerDataErased", learnerId: learner.learnerId, erasedBy: "dinas-test", at: expect.any(String) }
            ])
          }

          for (const learner of learners) {
            const events = await learnerEvents(learner.learnerId)
            expect(events[0]!.data["name"]).toBe(learner.erased ? PersonalData.erasedText : learner.name)
          }
          erasures += learners.filter((l) => l.erased).length
          // Every erasure so far is in the feed: it has sent every learner event there is.
          const feed = await feedFromStart(dinas, "learner", (received) => occurrences(received, "event: LearnerDataErased") >= erasures)
          expect(occurrences(feed, "event: LearnerDataErased")).toBe(erasures)
          const reads = await readModelRows()
          expect(reads.tables).toBeGreaterThan(20)
          for (const learner of learners) {
            if (learner.erased) {
              expect(feed).not.toContain(learner.name)
              expect(reads.text).not.toContain(learner.name)
            } else {
              expect(feed).toContain(learner.name)
            }
          }
          // A registration repeated with its Idempotency-Key no longer replays the erased name.
          for (const [i, learner] of learners.entries()) {
            if (i % 2 === 0 || !learner.erased) continue
            const replayed = await post(
              "/sijawara/learners/register",
              learnerToken(learner.learnerId),
              { learnerId: learner.learnerId, name: learner.name, region: "35.07", role: { _tag: "PUBLIC" } },
              { "idempotency-key": `register-${learner.learnerId}` }
            )
            expect(replayed.status).toBe(422)
            expect(replayed.body._tag).toBe("RuleViolated")
          }
        }
      ),
      { numRuns: 5 }
    )
  })

  it("erasing again answers no event; an unknown learner is 404", async () => {
    const learnerId = "L-2031-999001"
    expect(
      (await post("/sijawara/learners/register", dinas, { learnerId, name: "Sekali Saja", region: "35.78", role: { _tag: "PUBLIC" } }))
        .status
    ).toBe(200)
    expect((await post("/sijawara/learners/erase", dinas, { learnerId })).body.events).toHaveLength(1)
    const again = await post("/sijawara/learners/erase", dinas, { learnerId })
    expect(again.status).toBe(200)
    expect(again.body.events).toEqual([])
    const unknown = await post("/sijawara/learners/erase", dinas, { learnerId: "L-2031-999002" })
    expect(unknown.status).toBe(404)
    expect(unknown.body._tag).toBe("NotFound")
  })
})

describe("forgetting other people", () => {
  it("a forgotten pengasuh reads as erased in every read model rebuilt since, and every rebuild succeeds", async () => {
    const pesantren = [
      { nspp: "510035070901", name: "Pondok Pesantren Erasure Satu", pengasuh: "KH. Lupa Namanya" },
      { nspp: "510035070902", name: "Pondok Pesantren Erasure Dua", pengasuh: "KH. Tetap Dikenal" }
    ]
    for (const p of pesantren) {
      expect((await post("/opop/pesantren/register", dinas, { ...p, regionCode: "35.07", santriCount: 300 })).status).toBe(200)
    }
    expect((await get(`/opop/pesantren/${pesantren[0]!.nspp}`, dinas)).body.pengasuh).toBe("KH. Lupa Namanya")

    await Effect.runPromise(
      PersonalDataKeys.forget(PersonalData.subject("pengasuh", pesantren[0]!.nspp)).pipe(Effect.provide(suite.host.context))
    )
    // Every read model replayed from the store, through a runner of its own beside the host's (as `jatim projections rebuild` does).
    const { projections } = sqlReadModels("eventstore")
    await Effect.runPromise(
      Effect.gen(function* () {
        const runner = yield* ProjectionRunner.make(projections, { resetCheckInterval: "200 millis" })
        const store = yield* EventStore.EventStore
        for (const projection of projections) yield* runner.rebuild(projection.name)
        // This runner stands by (the host leads): it waits for the stored checkpoints of the
        // projections that have events to apply; the others are live again when the host says so.
        for (const projection of projections) {
          const selected = yield* Stream.runHead(store.readAll({ ...projection.filter, maxCount: 1 }))
          if (selected._tag === "Some") yield* runner.awaitCaughtUp(projection.name)
        }
      }).pipe(
        Effect.scoped,
        // The host's client of the store (its read models' tables are on it).
        Effect.provideService(SqlClient.SqlClient, Context.unsafeGet(suite.host.context, SqlClient.SqlClient)),
        Effect.provide(suite.host.context)
      )
    )
    const live = (statuses: ReadonlyArray<{ readonly name: string; readonly state: string; readonly lag: number }>) =>
      projections.every((projection) => statuses.some((s) => s.name === projection.name && s.state === "live" && s.lag === 0))
    expect(live(await eventually(async () => (await get("/projections")).body, live))).toBe(true)
    expect((await get(`/opop/pesantren/${pesantren[0]!.nspp}`, dinas)).body.pengasuh).toBe(PersonalData.erasedText)
    expect((await get(`/opop/pesantren/${pesantren[1]!.nspp}`, dinas)).body.pengasuh).toBe("KH. Tetap Dikenal")
    const reads = await readModelRows()
    expect(reads.text).not.toContain("KH. Lupa Namanya")
    expect(reads.text).toContain("KH. Tetap Dikenal")
    const events = await Effect.runPromise(
      Stream.runCollect(Context.get(suite.host.context, EventStore.EventStore).readCategory("pesantren"))
    )
    expect(JSON.stringify([...events])).not.toContain("KH. Lupa Namanya")
    expect((await call("GET", `/opop/pesantren/${pesantren[0]!.nspp}`)).status).toBe(200)
  })
})
