import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, Option, Ref, Schema, Scope } from "effect"
import * as fc from "fast-check"
import {
  Checkpoints,
  EventStore,
  EventStoreUnavailable,
  ExpectedVersion,
  ExpectedVersionConflict,
  GlobalPosition,
  InMemoryEventStore,
  InMemoryReadModel,
  LeaderElection,
  Projection,
  ProjectionRunner,
  type Event
} from "../src/index.js"

/** A store, checkpoints and leader election in memory, shared by every runner of a test. */
const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

const event = (n: number, type = "Counted"): Event.NewEvent => ({ eventId: `e-${n}-${type}`, type, data: { n } })

/** A read model of the ids it applied, per stream category. */
const idsReadModel = (name = "ids", filter?: { readonly categories?: ReadonlyArray<string> }) =>
  InMemoryReadModel.make<ReadonlyArray<string>>({
    name,
    filter,
    initial: [],
    apply: (ids, e) => [...ids, e.eventId]
  })

const appendEach = (stream: string, from: number, count: number) =>
  Effect.forEach(
    Array.from({ length: count }, (_, i) => from + i),
    (n) => EventStore.appendToStream(stream, [event(n)])
  )

/**
 * `count` events appended to "tally-1", then the ids read model on a runner that reads
 * `batchSize` events a page, caught up with them; `status` is the read model's status.
 */
const idsCaughtUp = (count: number, batchSize: number) =>
  Effect.gen(function* () {
    yield* appendEach("tally-1", 1, count)
    const model = yield* idsReadModel()
    const runner = yield* ProjectionRunner.make([model.projection], { batchSize })
    yield* runner.awaitCaughtUp("ids")
    const status = Effect.map(runner.status, (statuses) => statuses.find((s) => s.name === "ids")!)
    return { model, runner, status }
  })

/**
 * A projection that records the ids it applied; each of its first `failures` batches fails
 * instead, with what `failure` makes of the failures still to come.
 */
const failingAtFirst = <E>(name: string, failures: number, failure: (left: number) => Effect.Effect<never, E>) =>
  Effect.gen(function* () {
    const left = yield* Ref.make(failures)
    const applied = yield* Ref.make<ReadonlyArray<string>>([])
    const projection = Projection.make({
      name,
      handle: (events) =>
        Effect.flatMap(
          Ref.getAndUpdate(left, (n) => n - 1),
          (n) => (n > 0 ? failure(n) : Ref.update(applied, (ids) => [...ids, ...events.map((e) => e.eventId)]))
        )
    })
    return { projection, applied: Ref.get(applied) }
  })

/** A test on a new store, checkpoints and leader election in memory, in a scope of its own. */
const inMemoryTest = <A, E>(
  title: string,
  body: () => Effect.Effect<A, E, EventStore.EventStore | Checkpoints.Checkpoints | LeaderElection.LeaderElection | Scope.Scope>
) => it.live(title, () => body().pipe(Effect.scoped, Effect.provide(inMemory)))

describe("ProjectionRunner", () => {
  inMemoryTest("catches up from the start, then follows live; the status says where it is", () =>
    Effect.gen(function* () {
      const { model, runner, status: statusNow } = yield* idsCaughtUp(5, 2)
      yield* appendEach("tally-2", 6, 3)
      yield* runner.awaitCaughtUp("ids")
      expect(yield* model.get).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `e-${n}-Counted`))
      const status = yield* statusNow
      expect(status).toMatchObject({ name: "ids", state: "live", lag: 0, lastError: undefined })
      const all = yield* Effect.flatMap(EventStore.EventStore, (s) => s.readStream("tally-2"))
      expect(status!.position).toEqual(all.events[2]!.globalPosition)
      // Its encoded form, as an HTTP host would send it, and back.
      const encoded = Schema.encodeSync(ProjectionRunner.ProjectionStatus)(status!)
      expect(encoded).toMatchObject({
        position: GlobalPosition.format(status!.position!),
        lastError: null,
        since: new Date(status!.since).toISOString()
      })
      const decoded = Schema.decodeUnknownSync(ProjectionRunner.ProjectionStatus)(JSON.parse(JSON.stringify(encoded)))
      expect(decoded).toEqual(status)
    })
  )

  inMemoryTest("is live once no more is there, even when the last page it read was full", () =>
    Effect.gen(function* () {
      const { model, status } = yield* idsCaughtUp(6, 3)
      expect(yield* status).toMatchObject({ state: "live", lag: 0 })
      expect(yield* model.get).toHaveLength(6)
    })
  )

  inMemoryTest("a rebuild whose reset fails answers with a typed ProjectionFailed naming the cause, and the projection goes on", () =>
    Effect.gen(function* () {
      const applied = yield* Ref.make(0)
      const stubborn = Projection.make({
        name: "stubborn",
        handle: (events) => Ref.update(applied, (n) => n + events.length),
        reset: Effect.fail(new Error("the read model's table is locked"))
      })
      yield* appendEach("tally-1", 1, 2)
      const runner = yield* ProjectionRunner.make([stubborn])
      yield* runner.awaitCaughtUp("stubborn")
      const result = yield* Effect.either(runner.rebuild("stubborn"))
      expect(result._tag).toBe("Left")
      if (result._tag === "Left") {
        expect(result.left._tag).toBe("ProjectionFailed")
        expect(result.left.message).toContain("the read model's table is locked")
      }
      // Still running from its checkpoint: it applies what comes next, and nothing twice.
      yield* appendEach("tally-1", 3, 2)
      yield* runner.awaitCaughtUp("stubborn")
      expect(yield* Ref.get(applied)).toBe(4)
      expect((yield* runner.status)[0]).toMatchObject({ state: "live", lag: 0 })
    })
  )

  inMemoryTest("applies pages that wait together, never more than maxBatchSize events at once", () =>
    Effect.gen(function* () {
      yield* appendEach("tally-1", 1, 20)
      const sizes = yield* Ref.make<ReadonlyArray<number>>([])
      const slow = Projection.make({
        name: "slow",
        // A slow handler: pages read meanwhile wait to be applied.
        handle: (events) =>
          Effect.zipRight(
            Effect.sleep("30 millis"),
            Ref.update(sizes, (all) => [...all, events.length])
          )
      })
      const runner = yield* ProjectionRunner.make([slow], { batchSize: 3, maxBatchSize: 6 })
      yield* runner.awaitCaughtUp("slow")
      const applied = yield* Ref.get(sizes)
      expect(applied.reduce((a, b) => a + b, 0)).toBe(20)
      expect(Math.max(...applied)).toBeLessThanOrEqual(6)
      expect(applied.some((n) => n > 3)).toBe(true)
    })
  )

  inMemoryTest("applies only the events its filter selects", () =>
    Effect.gen(function* () {
      const model = yield* idsReadModel("orders", { categories: ["order"] })
      const runner = yield* ProjectionRunner.make([model.projection])
      yield* EventStore.appendToStream("order-1", [event(1)])
      yield* EventStore.appendToStream("listing-1", [event(2)])
      yield* EventStore.appendToStream("order-2", [event(3)])
      yield* runner.awaitCaughtUp("orders")
      expect(yield* model.get).toEqual(["e-1-Counted", "e-3-Counted"])
    })
  )

  inMemoryTest("awaitCaughtUp with upTo waits for the events it selects at or before that position, not for later ones", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const applied = yield* Ref.make<ReadonlyArray<string>>([])
      // Holds back every batch with event 3 until the gate opens.
      const gated = Projection.make({
        name: "gated",
        filter: { categories: ["order"] },
        handle: (events) =>
          Effect.zipRight(
            events.some((e) => e.eventId === "e-3-Counted") ? Deferred.await(gate) : Effect.void,
            Ref.update(applied, (all) => [...all, ...events.map((e) => e.eventId)])
          )
      })
      const runner = yield* ProjectionRunner.make([gated])
      yield* EventStore.appendToStream("order-1", [event(1)])
      yield* runner.awaitCaughtUp("gated")
      const unselected = yield* EventStore.appendToStream("listing-1", [event(2)])
      const held = yield* EventStore.appendToStream("order-2", [event(3)])
      // Up to the listing's event: the last event it selects at or before it is event 1.
      yield* runner.awaitCaughtUp("gated", { upTo: unselected.lastPosition })
      expect(yield* Ref.get(applied)).toEqual(["e-1-Counted"])
      // Up to event 3 itself, or everything stored now: event 3 is held back.
      const waitFor = (upTo?: GlobalPosition.GlobalPosition) =>
        Effect.option(Effect.timeout(runner.awaitCaughtUp("gated", { upTo }), "200 millis"))
      expect(yield* waitFor(held.lastPosition)).toEqual(Option.none())
      expect(yield* waitFor()).toEqual(Option.none())
      yield* Deferred.succeed(gate, undefined)
      yield* runner.awaitCaughtUp("gated")
      expect(yield* Ref.get(applied)).toEqual(["e-1-Counted", "e-3-Counted"])
    })
  )

  inMemoryTest("retries a batch that fails for a while, and applies it once", () =>
    Effect.gen(function* () {
      const flaky = yield* failingAtFirst("flaky", 2, () => Effect.fail("database briefly away"))
      yield* appendEach("tally-1", 1, 3)
      const runner = yield* ProjectionRunner.make([flaky.projection], { retryDelay: "1 millis" })
      yield* runner.awaitCaughtUp("flaky")
      expect(yield* flaky.applied).toEqual(["e-1-Counted", "e-2-Counted", "e-3-Counted"])
    })
  )

  inMemoryTest("a poison event stops the projection with a failed status naming it; nothing after it is applied", () =>
    Effect.gen(function* () {
      const model = yield* InMemoryReadModel.make<ReadonlyArray<number>>({
        name: "strict",
        initial: [],
        apply: (ns, e) => {
          if (e.data.n === 3) throw new Error("n = 3 is not a valid amount")
          return [...ns, Number(e.data.n)]
        }
      })
      yield* appendEach("tally-1", 1, 5)
      const runner = yield* ProjectionRunner.make([model.projection], { batchSize: 10, retryDelay: "1 millis", attempts: 2 })
      const failure = yield* Effect.flip(runner.awaitCaughtUp("strict"))
      expect(failure._tag).toBe("ProjectionFailed")
      const [status] = yield* runner.status
      expect(status!.state).toBe("failed")
      expect(status!.lastError).toContain("e-3-Counted")
      expect(status!.lastError).toContain("n = 3 is not a valid amount")
      expect(yield* model.get).toEqual([1, 2])
      expect(status!.lag).toBe(3)
      yield* appendEach("tally-1", 6, 1)
      yield* Effect.sleep("50 millis")
      expect(yield* model.get).toEqual([1, 2])
      // The checkpoint store keeps why it stopped, for tools that do not run it.
      const checkpoints = yield* Checkpoints.Checkpoints
      expect((yield* checkpoints.failures).map((f) => [f.name, f.message])).toEqual([["strict", status!.lastError]])
    })
  )

  inMemoryTest("the checkpoint store keeps why a projection stopped until it is cleared or reset", () =>
    Effect.gen(function* () {
      const checkpoints = yield* Checkpoints.Checkpoints
      yield* checkpoints.recordFailure("b", "first")
      yield* checkpoints.recordFailure("a", "only")
      yield* checkpoints.recordFailure("b", "second")
      expect((yield* checkpoints.failures).map((f) => [f.name, f.message])).toEqual([
        ["a", "only"],
        ["b", "second"]
      ])
      yield* checkpoints.clearFailure("a")
      yield* checkpoints.reset("b", Effect.void)
      expect(yield* checkpoints.failures).toEqual([])
    })
  )

  it.live(
    "a rebuilt read model equals the one built live, for any event history",
    () =>
      Effect.gen(function* () {
        const history = fc.array(
          fc.record({ category: fc.constantFrom("order", "listing", "koperasi"), id: fc.nat(3), count: fc.integer({ min: 1, max: 3 }) }),
          { maxLength: 12 }
        )
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(history, (appends) =>
              Effect.runPromise(
                Effect.gen(function* () {
                  const model = yield* InMemoryReadModel.make<Readonly<Record<string, number>>>({
                    name: "totals",
                    filter: { categories: ["order", "listing"] },
                    initial: {},
                    apply: (totals, e) => ({ ...totals, [e.streamName]: (totals[e.streamName] ?? 0) + Number(e.data.n) })
                  })
                  const runner = yield* ProjectionRunner.make([model.projection], { batchSize: 3 })
                  let n = 0
                  for (const { category, count, id } of appends) {
                    yield* EventStore.appendToStream(
                      `${category}-${id}`,
                      Array.from({ length: count }, () => ({ eventId: `e${++n}`, type: "Counted", data: { n } }))
                    )
                  }
                  yield* runner.awaitCaughtUp("totals")
                  const live = yield* model.get
                  yield* runner.rebuild("totals")
                  yield* runner.awaitCaughtUp("totals")
                  expect(yield* model.get).toEqual(live)
                }).pipe(Effect.scoped, Effect.provide(inMemory))
              ).then(() => true)
            )
          )
        )
      }),
    60_000
  )

  inMemoryTest("two runners on one store never both run a projection; the survivor takes over", () =>
    Effect.gen(function* () {
      const appliedBy = yield* Ref.make<ReadonlyArray<string>>([])
      const projectionFor = (runner: string) =>
        Projection.make({
          name: "shared",
          handle: (events) => Ref.update(appliedBy, (log) => [...log, ...events.map((e) => `${runner}:${e.eventId}`)])
        })
      const scopeA = yield* Scope.make()
      const a = yield* Scope.extend(ProjectionRunner.make([projectionFor("a")]), scopeA)
      yield* Effect.sleep("20 millis")
      const b = yield* ProjectionRunner.make([projectionFor("b")])
      yield* appendEach("tally-1", 1, 3)
      yield* a.awaitCaughtUp("shared")
      expect((yield* b.status)[0]!.state).toBe("standby")
      yield* Scope.close(scopeA, Exit.void)
      yield* appendEach("tally-1", 4, 2)
      yield* b.awaitCaughtUp("shared")
      const log = yield* Ref.get(appliedBy)
      expect(log).toEqual(["a:e-1-Counted", "a:e-2-Counted", "a:e-3-Counted", "b:e-4-Counted", "b:e-5-Counted"])
    })
  )

  inMemoryTest("a runner in standby awaits the leader: it is caught up once the stored checkpoint reaches what is stored", () =>
    Effect.gen(function* () {
      const leaderMayGo = yield* Deferred.make<void>()
      const projectionOf = (gate: Effect.Effect<void>) => Projection.make({ name: "led-elsewhere", handle: () => gate })
      const leader = yield* ProjectionRunner.make([projectionOf(Deferred.await(leaderMayGo))])
      yield* Effect.sleep("20 millis")
      const standby = yield* ProjectionRunner.make([projectionOf(Effect.void)])
      yield* appendEach("tally-1", 1, 3)
      expect((yield* standby.status)[0]!.state).toBe("standby")
      // The leader has not applied the events: the standby is not caught up.
      const waiting = yield* Effect.fork(standby.awaitCaughtUp("led-elsewhere"))
      yield* Effect.sleep("100 millis")
      expect(waiting.unsafePoll()).toBeNull()
      // Once the leader has applied them (its checkpoint stored), the standby is caught up too.
      yield* Deferred.succeed(leaderMayGo, undefined)
      yield* leader.awaitCaughtUp("led-elsewhere")
      yield* Fiber.join(waiting).pipe(Effect.timeout("2 seconds"))
      expect((yield* standby.status)[0]!.state).toBe("standby")
    })
  )

  inMemoryTest("awaiting a projection with nothing to apply waits until its setup has run", () =>
    Effect.gen(function* () {
      const ready = yield* Ref.make(false)
      const slowSetup = Projection.make({
        name: "slow-setup",
        setup: Effect.zipRight(Effect.sleep("100 millis"), Ref.set(ready, true)),
        handle: () => Effect.void
      })
      const runner = yield* ProjectionRunner.make([slowSetup])
      yield* runner.awaitCaughtUp("slow-setup")
      expect(yield* Ref.get(ready)).toBe(true)
    })
  )

  inMemoryTest("a standby shuts down at once when its scope closes", () =>
    Effect.gen(function* () {
      const idle = Projection.make({ name: "idle", handle: () => Effect.void })
      yield* ProjectionRunner.make([idle])
      const standbyScope = yield* Scope.make()
      const standby = yield* Scope.extend(ProjectionRunner.make([idle]), standbyScope)
      yield* Effect.sleep("20 millis")
      expect((yield* standby.status)[0]!.state).toBe("standby")
      const closed = yield* Scope.close(standbyScope, Exit.void).pipe(Effect.timeout("2 seconds"), Effect.either)
      expect(closed._tag).toBe("Right")
    })
  )

  inMemoryTest("a projection with nothing to apply is live", () =>
    Effect.gen(function* () {
      const model = yield* idsReadModel("empty", { categories: ["nothing"] })
      const runner = yield* ProjectionRunner.make([model.projection])
      yield* EventStore.appendToStream("order-1", [event(1)])
      yield* runner.awaitCaughtUp("empty")
      yield* Effect.sleep("20 millis")
      expect((yield* runner.status)[0]).toMatchObject({ state: "live", lag: 0, position: undefined })
    })
  )

  inMemoryTest("closing the runner while a batch is being applied leaves read model and checkpoint together, never apart", () =>
    Effect.gen(function* () {
      const handling = yield* Deferred.make<void>()
      const applied = yield* Ref.make(0)
      const slow = Projection.make({
        name: "slow",
        handle: (events) =>
          Effect.zipRight(
            Deferred.succeed(handling, undefined),
            Effect.zipRight(
              Effect.sleep("1 second"),
              Ref.update(applied, (n) => n + events.length)
            )
          )
      })
      yield* appendEach("tally-1", 1, 2)
      const scope = yield* Scope.make()
      yield* Scope.extend(ProjectionRunner.make([slow]), scope)
      yield* Deferred.await(handling)
      yield* Scope.close(scope, Exit.void)
      const checkpoint = yield* Effect.flatMap(Checkpoints.Checkpoints, (c) => c.load("slow"))
      expect(yield* Ref.get(applied)).toBe(0)
      expect(checkpoint._tag).toBe("None")
      // The next runner applies the batch once.
      const next = yield* ProjectionRunner.make([
        Projection.make({ name: "slow", handle: (events) => Ref.update(applied, (n) => n + events.length) })
      ])
      yield* next.awaitCaughtUp("slow")
      expect(yield* Ref.get(applied)).toBe(2)
    })
  )

  inMemoryTest("a conflict on a command's target stream is never taken for poison: the batch is retried until it applies", () =>
    Effect.gen(function* () {
      // Far more conflicts than attempts, as a process manager meets on a busy stream.
      const busy = yield* failingAtFirst(
        "busy",
        12,
        (left) => new ExpectedVersionConflict({ streamName: "tally-hot", expected: ExpectedVersion.exact(left), actual: left + 1 })
      )
      yield* appendEach("tally-1", 1, 3)
      const runner = yield* ProjectionRunner.make([busy.projection], { attempts: 2, retryDelay: "1 millis", maxRetryDelay: "4 millis" })
      yield* runner.awaitCaughtUp("busy")
      expect(yield* busy.applied).toEqual(["e-1-Counted", "e-2-Counted", "e-3-Counted"])
      expect((yield* runner.status)[0]!.state).not.toBe("failed")
    })
  )

  inMemoryTest("the search for a poison event condemns the event that fails, not a healthy one that met an outage", () =>
    Effect.gen(function* () {
      // Applied alone, the first event meets a store that is away three times; the third event is bad.
      const outages = yield* Ref.make(3)
      const applied = yield* Ref.make<ReadonlyArray<string>>([])
      const picky = Projection.make({
        name: "picky",
        handle: (events) =>
          Effect.gen(function* () {
            if (events.some((e) => e.eventId === "e-3-Counted")) return yield* Effect.fail(new Error("e-3 is not a valid amount"))
            if (events.length === 1 && events[0]!.eventId === "e-1-Counted" && (yield* Ref.getAndUpdate(outages, (n) => n - 1)) > 0) {
              return yield* new EventStoreUnavailable({ operation: 'append to "tally-other"', reason: "connection lost" })
            }
            yield* Ref.update(applied, (ids) => [...ids, ...events.map((e) => e.eventId)])
          })
      })
      yield* appendEach("tally-1", 1, 4)
      const runner = yield* ProjectionRunner.make([picky], {
        batchSize: 10,
        attempts: 2,
        retryDelay: "1 millis",
        maxRetryDelay: "4 millis"
      })
      const failure = yield* Effect.flip(runner.awaitCaughtUp("picky"))
      expect(failure).toMatchObject({ _tag: "ProjectionFailed", eventId: "e-3-Counted" })
      expect(yield* Ref.get(applied)).toEqual(["e-1-Counted", "e-2-Counted"])
    })
  )

  inMemoryTest("a rebuild by another runner while a batch is in flight waits for it: every event is applied exactly once", () =>
    Effect.gen(function* () {
      const log = yield* Ref.make<ReadonlyArray<string>>([])
      const inFlight = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const resetting = yield* Deferred.make<void>()
      const projectionFor = (holdOn?: string) =>
        Projection.make({
          name: "logged",
          handle: (events) =>
            Effect.gen(function* () {
              if (holdOn !== undefined && events.some((e) => e.eventId === holdOn) && !(yield* Deferred.isDone(inFlight))) {
                yield* Deferred.succeed(inFlight, undefined)
                yield* Deferred.await(release)
              }
              yield* Ref.update(log, (ids) => [...ids, ...events.map((e) => e.eventId)])
            }),
          reset: Effect.zipRight(Deferred.succeed(resetting, undefined), Ref.set(log, []))
        })
      yield* appendEach("tally-1", 1, 2)
      const leaderScope = yield* Scope.make()
      const a = yield* Scope.extend(ProjectionRunner.make([projectionFor("e-3-Counted")]), leaderScope)
      yield* a.awaitCaughtUp("logged")
      const b = yield* ProjectionRunner.make([projectionFor()])
      yield* appendEach("tally-1", 3, 1)
      yield* Deferred.await(inFlight)
      const rebuild = yield* Effect.fork(b.rebuild("logged"))
      // A reset that does not wait would run now; give it the chance, then let the batch go on.
      yield* Effect.raceFirst(Deferred.await(resetting), Effect.sleep("100 millis"))
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(rebuild)
      yield* Scope.close(leaderScope, Exit.void)
      yield* b.awaitCaughtUp("logged")
      expect(yield* Ref.get(log)).toEqual(["e-1-Counted", "e-2-Counted", "e-3-Counted"])
    })
  )
})
