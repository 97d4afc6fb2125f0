/**
 * `Idempotency-Key` kept in PostgreSQL: over HTTP across a restart and across two hosts on one
 * database, and the store itself (`makeSql`) with a request held open, so that waiting, the
 * in-progress refusal, releasing a key and taking over an abandoned one are seen for sure.
 */
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpServerResponse } from "@effect/platform"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Context, Deferred, Effect, Exit, Fiber, type Redacted, Ref, Schema, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import { RuleViolated, StoreFailure } from "../src/errors.js"
import * as PostgresIdempotency from "../src/idempotency/PostgresIdempotency.js"
import { start } from "../src/server.js"
import { adminOf, client, dinas, freshDatabase, type Host, startHost, tokenKeys, streamLength } from "./support.js"

let databaseUrl: Redacted.Redacted<string>
const hosts: Array<Host> = []

const started = async () => {
  const host = await startHost(databaseUrl)
  hosts.push(host)
  return host
}
const stopped = async (host: Host) => {
  hosts.splice(hosts.indexOf(host), 1)
  await host.stop()
}

beforeAll(async () => {
  databaseUrl = await freshDatabase("http_host_idempotency")
})

afterAll(async () => {
  for (const host of [...hosts]) await stopped(host)
})

let pesantrenCount = 0
/** A registered, Kopontren-linked and verified pesantren (3 events on its stream), through `host`. */
const verifiedPesantren = async (host: Host) => {
  const { post } = client(() => host.base)
  const nspp = `51003578${String(++pesantrenCount).padStart(4, "0")}`
  expect(
    (
      await post("/opop/pesantren/register", dinas, {
        nspp,
        name: `Pondok Pesantren Darul Ulum ${pesantrenCount}`,
        regionCode: "35.78",
        pengasuh: "KH. Penguji",
        santriCount: 500
      })
    ).status
  ).toBe(200)
  expect(
    (await post("/opop/pesantren/link-kopontren", adminOf(nspp), { nspp, nik: `357801000009${String(pesantrenCount).padStart(4, "0")}` }))
      .status
  ).toBe(200)
  expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
  return nspp
}

describe("Idempotency-Key over HTTP on PostgreSQL", () => {
  it("answers a repeated request after a restart with the first response, success or refusal, and runs nothing", async () => {
    const first = await started()
    const nspp = await verifiedPesantren(first)
    const body = { nspp, reason: "Pemeriksaan administrasi" }
    const suspended = await client(() => first.base).post("/opop/pesantren/suspend", dinas, body, { "idempotency-key": "restart-1" })
    expect(suspended.status).toBe(200)
    expect(suspended.body.events[0]).toMatchObject({ _tag: "PesantrenSuspended" })
    // A refusal is an outcome too: verifying a pesantren not registered yet.
    const later = `51003578${String(++pesantrenCount).padStart(4, "0")}`
    const notYet = await client(() => first.base).post("/opop/pesantren/verify", dinas, { nspp: later }, { "idempotency-key": "restart-2" })
    expect(notYet.status).toBe(404)
    await stopped(first)

    const second = await started()
    const { post } = client(() => second.base)
    expect(await post("/opop/pesantren/suspend", dinas, body, { "idempotency-key": "restart-1" })).toEqual(suspended)
    expect(await streamLength(second.store, `pesantren-${nspp}`)).toBe(4)
    // Now the pesantren exists, yet the key still answers what it answered first.
    expect(
      (
        await post("/opop/pesantren/register", dinas, {
          nspp: later,
          name: "Pondok Pesantren Darul Ulum Baru",
          regionCode: "35.78",
          pengasuh: "KH. Penguji",
          santriCount: 200
        })
      ).status
    ).toBe(200)
    expect(await post("/opop/pesantren/verify", dinas, { nspp: later }, { "idempotency-key": "restart-2" })).toEqual(notYet)
    expect(await streamLength(second.store, `pesantren-${later}`)).toBe(1)
    // The same key with another body is refused, and writes nothing.
    const reused = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Alasan lain" }, { "idempotency-key": "restart-1" })
    expect(reused.status).toBe(422)
    expect(reused.body._tag).toBe("IdempotencyKeyReused")
    expect(await streamLength(second.store, `pesantren-${nspp}`)).toBe(4)
    // Keys are per actor: another actor's same key is another request (refused by its rule here).
    expect((await post("/opop/pesantren/suspend", adminOf(nspp), body, { "idempotency-key": "restart-1" })).status).toBe(403)
    await stopped(second)
  })

  it("runs a command once when two hosts on one database get the same key at once", async () => {
    const [a, b] = [await started(), await started()]
    for (let round = 1; round <= 3; round++) {
      const nspp = await verifiedPesantren(a)
      const key = `concurrent-${round}`
      const body = { nspp, reason: "Pemeriksaan serentak" }
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          client(() => (i % 2 === 0 ? a : b).base).post("/opop/pesantren/suspend", dinas, body, { "idempotency-key": key })
        )
      )
      expect(await streamLength(a.store, `pesantren-${nspp}`)).toBe(4)
      const successes = replies.filter((reply) => reply.status === 200)
      expect(successes.length).toBeGreaterThanOrEqual(1)
      for (const reply of replies) {
        // Each one is the single run's response, or (past the wait) a refusal to run it again.
        if (reply.status === 200) expect(reply).toEqual(successes[0])
        else expect(reply).toMatchObject({ status: 409, body: { _tag: "IdempotentRequestInProgress" } })
      }
      expect(successes[0]!.body.version).toBe(4)
      // Afterwards every host answers with it.
      expect(await client(() => b.base).post("/opop/pesantren/suspend", dinas, body, { "idempotency-key": key })).toEqual(successes[0])
    }
    await stopped(a)
    await stopped(b)
  })

  it("keeps keys in memory, per instance, when the host runs in memory", async () => {
    const scope = Effect.runSync(Scope.make())
    const memory = await Effect.runPromise(Scope.extend(start({ store: { _tag: "memory" }, port: 0, tokenKeys }), scope))
    try {
      const { post } = client(() => memory.url)
      const register = {
        nspp: "510035070001",
        name: "Pondok Pesantren Miftahul Huda",
        regionCode: "35.07",
        pengasuh: "KH. Penguji",
        santriCount: 150
      }
      const first = await post("/opop/pesantren/register", dinas, register, { "idempotency-key": "memory-1" })
      expect(first.status).toBe(200)
      expect(await post("/opop/pesantren/register", dinas, register, { "idempotency-key": "memory-1" })).toEqual(first)
      expect((await post("/opop/pesantren/register", dinas, register)).status).toBe(422)
      const events = Context.get(memory.context, EventStore.EventStore)
      expect(await streamLength(events, "pesantren-510035070001")).toBe(1)
    } finally {
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  })

  it("declares IdempotentRequestInProgress (409) on command endpoints in the OpenAPI document", async () => {
    const host = await started()
    const openapi = await client(() => host.base).get("/docs/openapi.json")
    const conflict = JSON.stringify(openapi.body.paths["/tomiko/orders/accept"].post.responses["409"])
    expect(conflict).toContain("IdempotentRequestInProgress")
    expect(JSON.stringify(openapi.body.paths["/opop/pesantren/suspend"].post.responses["409"])).toContain("IdempotentRequestInProgress")
    await stopped(host)
  })
})

// ---------------------------------------------------------------------------------------------
// The store itself, with a request held open
// ---------------------------------------------------------------------------------------------

/** A small API: one endpoint whose success is `{ n }` and whose refusal is `RuleViolated`. */
class Counting extends HttpApiGroup.make("counting").add(
  HttpApiEndpoint.post("count", "/count")
    .addSuccess(Schema.Struct({ n: Schema.Int }))
    .addError(RuleViolated)
) {}
const api = HttpApi.make("test").add(Counting)

const actor = Schema.decodeUnknownSync(Actor.Actor)({ _tag: "DINAS_OFFICER", officerId: "dinas-uji" })
const schema = "idempotency_store_test"

/** Two stores on one database, as two hosts would have. */
const twoStores = (options: PostgresIdempotency.SqlOptions = {}) =>
  Effect.all([PostgresIdempotency.makeSql(api, { schema, ...options }), PostgresIdempotency.makeSql(api, { schema, ...options })])

const jsonOf = (response: HttpServerResponse.HttpServerResponse): unknown =>
  response.body._tag === "Uint8Array" ? JSON.parse(new TextDecoder().decode(response.body.body)) : undefined

/** What a replayed response says: its status and JSON body. */
const replayed = (value: unknown) =>
  HttpServerResponse.isServerResponse(value) ? { status: value.status, body: jsonOf(value) } : { value }

const runTest = <A, E>(program: Effect.Effect<A, E, SqlClient.SqlClient | Scope.Scope>) =>
  Effect.runPromise(Effect.scoped(program).pipe(Effect.provide(PgClient.layer({ url: databaseUrl, maxConnections: 5 })), Effect.orDie))

const pending = (key: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`SELECT count(*)::int AS n FROM ${sql(schema)}.idempotency_keys WHERE key = ${key}`.pipe(Effect.map((rows) => rows[0]?.["n"]))
  )

/** A command that counts its runs, held open until `gate` opens; `running` says it started. */
const heldCommand = Effect.gen(function* () {
  const runs = yield* Ref.make(0)
  const gate = yield* Deferred.make<void>()
  const running = yield* Deferred.make<void>()
  const count = Effect.gen(function* () {
    yield* Deferred.succeed(running, undefined)
    yield* Deferred.await(gate)
    return { n: yield* Ref.updateAndGet(runs, (n) => n + 1) }
  })
  return { count, gate, running, runs }
})

describe("the PostgreSQL Idempotency-Key store", () => {
  it("makes a request with a running key wait for its outcome, and refuses another body at once", () =>
    runTest(
      Effect.gen(function* () {
        const [here, there] = yield* twoStores()
        const { count, gate, running, runs } = yield* heldCommand
        const options = { key: "wait-1", actor, endpoint: "count", body: { x: 1 } }
        const first = yield* Effect.fork(here.run(options, count))
        yield* Deferred.await(running)
        const second = yield* Effect.fork(there.run(options, count))
        const other = yield* Effect.exit(there.run({ ...options, body: { x: 2 } }, count))
        expect(Exit.isFailure(other) && JSON.stringify(other.cause)).toContain("IdempotencyKeyReused")
        yield* Deferred.succeed(gate, undefined)
        expect(yield* Fiber.join(first)).toEqual({ n: 1 })
        expect(replayed(yield* Fiber.join(second))).toEqual({ status: 200, body: { n: 1 } })
        expect(yield* Ref.get(runs)).toBe(1)
      })
    ))

  it("answers IdempotentRequestInProgress when the running request outlasts the wait, without running it", () =>
    runTest(
      Effect.gen(function* () {
        const [here] = yield* twoStores()
        const [there] = yield* twoStores({ wait: "200 millis" })
        const { count, gate, running, runs } = yield* heldCommand
        const options = { key: "wait-2", actor, endpoint: "count", body: {} }
        const first = yield* Effect.fork(here.run(options, count))
        yield* Deferred.await(running)
        const refused = yield* Effect.flip(there.run(options, count))
        expect(refused).toMatchObject({ _tag: "IdempotentRequestInProgress" })
        expect(refused.message).toContain(`Idempotency-Key "wait-2"`)
        yield* Deferred.succeed(gate, undefined)
        expect(yield* Fiber.join(first)).toEqual({ n: 1 })
        expect(yield* Ref.get(runs)).toBe(1)
        // Once it finished, the same request gets its outcome.
        expect(replayed(yield* there.run(options, count))).toEqual({ status: 200, body: { n: 1 } })
      })
    ))

  it("keeps a typed refusal, decoded with the endpoint's Schema", () =>
    runTest(
      Effect.gen(function* () {
        const [here, there] = yield* twoStores()
        const options = { key: "refusal", actor, endpoint: "count", body: {} }
        const refusal = new RuleViolated({ rule: "QuotaExceeded", message: "Kuota bulan ini habis." })
        expect(yield* Effect.flip(here.run(options, Effect.fail(refusal)))).toEqual(refusal)
        expect(replayed(yield* there.run(options, Effect.succeed({ n: 7 })))).toEqual({
          status: 422,
          body: { _tag: "RuleViolated", rule: "QuotaExceeded", message: "Kuota bulan ini habis." }
        })
      })
    ))

  it("releases the key when the store fails, the request is interrupted or it dies, so a retry runs", () =>
    runTest(
      Effect.gen(function* () {
        const [here, there] = yield* twoStores()
        const attempts: ReadonlyArray<readonly [string, Effect.Effect<{ n: number }, StoreFailure>]> = [
          ["store-failure", Effect.fail(new StoreFailure({ rule: "EventStoreUnavailable", message: "Basis data tidak terjangkau." }))],
          ["defect", Effect.dieMessage("bug")],
          ["interrupted", Effect.interrupt]
        ]
        for (const [key, failing] of attempts) {
          const options = { key, actor, endpoint: "count", body: {} }
          expect(Exit.isFailure(yield* Effect.exit(here.run(options, failing)))).toBe(true)
          expect(yield* pending(key)).toBe(0)
          expect(yield* there.run(options, Effect.succeed({ n: 2 }))).toEqual({ n: 2 })
        }
      })
    ))

  it("runs a request whose key was claimed by an instance that stopped renewing it", () =>
    runTest(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const [store] = yield* twoStores({ lease: "1 second" })
        const key = "abandoned"
        const options = { key, actor, endpoint: "count", body: {} }
        // An instance claimed it two minutes ago and stopped (no outcome, no renewal).
        const fingerprint = JSON.stringify(options.body)
        yield* sql`INSERT INTO ${sql(schema)}.idempotency_keys (actor, endpoint, key, fingerprint, claim, claimed_at)
        VALUES (${Actor.describe(actor)}, 'count', ${key},
          encode(sha256(convert_to(${fingerprint}, 'UTF8')), 'hex'), 'stopped-instance', now() - interval '2 minutes')`
        expect(yield* store.run(options, Effect.succeed({ n: 3 }))).toEqual({ n: 3 })
        expect(replayed(yield* store.run(options, Effect.succeed({ n: 4 })))).toEqual({ status: 200, body: { n: 3 } })
      })
    ))
})
