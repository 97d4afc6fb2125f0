/**
 * A model-based property test of the contract: fast-check draws random sequences of appends
 * (with random expected versions and idempotent retries) and reads, runs them against a
 * store and against a small reference model, and compares every answer.
 *
 * Each run writes to categories of its own, so one store serves every run, and a database
 * adapter needs no fresh schema per case.
 *
 * @since 0.1.0
 */
import { Effect, Either, Runtime, Stream, Chunk } from "effect"
import { EventId, ExpectedVersion, type GlobalPosition, type Event, type EventStore } from "@jatim/eventstore"
import * as fc from "fast-check"

interface ModelEvent {
  readonly eventId: string
  readonly streamName: string
  readonly data: Event.JsonObject
}

interface Model {
  readonly run: number
  readonly streams: Map<string, Array<ModelEvent>>
  /** The run's events in append order, which is the store's global order for one writer. */
  readonly all: Array<ModelEvent>
  readonly positions: Map<string, GlobalPosition.GlobalPosition>
  lastBatch: { readonly streamName: string; readonly events: ReadonlyArray<Event.NewEvent>; readonly version: number } | undefined
}

interface Real {
  readonly store: EventStore.EventStore
  readonly runPromise: <A, E>(effect: Effect.Effect<A, E>) => Promise<A>
}

const streamKeys = ["a-1", "a-2", "b-1"] as const
const streamOf = (model: Model, key: (typeof streamKeys)[number]) => `m${model.run}${key}`
const categoriesOf = (model: Model) => [`m${model.run}a`, `m${model.run}b`]
const versionOf = (model: Model, streamName: string) => model.streams.get(streamName)?.length ?? 0

/**
 * What an append expects, chosen relative to the stream's version in the model, so that
 * sequences mix successes and conflicts instead of mostly conflicting.
 */
type ExpectedChoice =
  | { readonly _tag: "Fixed"; readonly expected: ExpectedVersion.ExpectedVersion }
  | { readonly _tag: "Current"; readonly offset: number }

const resolve = (choice: ExpectedChoice, version: number): ExpectedVersion.ExpectedVersion =>
  choice._tag === "Fixed" ? choice.expected : ExpectedVersion.exact(Math.max(0, version + choice.offset))

const expectEqual = (actual: unknown, expected: unknown, what: string) => {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`)
}

class Append implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly key: (typeof streamKeys)[number],
    readonly count: number,
    readonly choice: ExpectedChoice
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const streamName = streamOf(model, this.key)
    const events = await real.runPromise(
      Effect.forEach(
        Array.from({ length: this.count }, (_, n) => n),
        (n) => Effect.map(EventId.make, (eventId): Event.NewEvent => ({ eventId, type: "Counted", data: { n } }))
      )
    )
    const actual = versionOf(model, streamName)
    const expected = resolve(this.choice, actual)
    const result = await real.runPromise(Effect.either(real.store.appendToStream(streamName, events, { expectedVersion: expected })))
    if (!ExpectedVersion.isSatisfiedBy(expected, actual)) {
      if (Either.isRight(result) || result.left._tag !== "ExpectedVersionConflict" || result.left.actual !== actual) {
        throw new Error(`expected a conflict at version ${actual}, got ${JSON.stringify(result)}`)
      }
      return
    }
    if (Either.isLeft(result)) throw new Error(`expected success, got ${result.left.message}`)
    expectEqual(result.right.nextExpectedVersion, actual + this.count, "next expected version")
    expectEqual(result.right.eventsWritten, this.count, "events written")
    const stream = model.streams.get(streamName) ?? []
    for (const event of events) {
      const modelEvent = { eventId: event.eventId, streamName, data: event.data }
      stream.push(modelEvent)
      model.all.push(modelEvent)
    }
    model.streams.set(streamName, stream)
    model.lastBatch = { streamName, events, version: actual + this.count }
    if (this.count > 0) {
      const all = await real.runPromise(Stream.runCollect(real.store.readAll({ direction: "backward", maxCount: this.count })))
      for (const recorded of all) model.positions.set(recorded.eventId, recorded.globalPosition)
    }
  }
  toString = () => `append(${this.key}, ${this.count}, ${JSON.stringify(this.choice)})`
}

class RetryLastBatch implements fc.AsyncCommand<Model, Real> {
  constructor(readonly choice: ExpectedChoice) {}
  check = (model: Readonly<Model>) => model.lastBatch !== undefined && model.lastBatch.events.length > 0
  async run(model: Model, real: Real) {
    const batch = model.lastBatch!
    const expectedVersion = resolve(this.choice, versionOf(model, batch.streamName))
    const result = await real.runPromise(real.store.appendToStream(batch.streamName, batch.events, { expectedVersion }))
    expectEqual(result.eventsWritten, 0, "events written by a retry")
    expectEqual(result.nextExpectedVersion, batch.version, "version returned by a retry")
  }
  toString = () => `retryLastBatch(${JSON.stringify(this.choice)})`
}

class ReadStream implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly key: (typeof streamKeys)[number],
    readonly direction: "forward" | "backward",
    readonly fromVersion: number | undefined,
    readonly maxCount: number | undefined
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const streamName = streamOf(model, this.key)
    const result = await real.runPromise(
      real.store.readStream(streamName, { direction: this.direction, fromVersion: this.fromVersion, maxCount: this.maxCount })
    )
    const stream = model.streams.get(streamName) ?? []
    const versions = stream.map((_, i) => i + 1)
    const max = this.maxCount ?? Number.POSITIVE_INFINITY
    const expected =
      this.direction === "forward"
        ? versions.filter((v) => v >= (this.fromVersion ?? 1)).slice(0, max)
        : versions
            .filter((v) => v <= (this.fromVersion ?? stream.length))
            .reverse()
            .slice(0, max)
    expectEqual(result.streamVersion, stream.length, "stream version")
    expectEqual(
      result.events.map((e) => e.streamVersion),
      expected,
      "versions read"
    )
    expectEqual(
      result.events.map((e) => e.eventId),
      expected.map((v) => stream[v - 1]!.eventId),
      "ids read"
    )
    expectEqual(
      result.events.map((e) => e.data),
      expected.map((v) => stream[v - 1]!.data),
      "data read"
    )
  }
  toString = () => `readStream(${this.key}, ${this.direction}, from ${this.fromVersion}, max ${this.maxCount})`
}

class ReadAll implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly direction: "forward" | "backward",
    readonly fromIndex: number | undefined,
    readonly maxCount: number | undefined,
    readonly batchSize: number,
    readonly category: "both" | "a" | "b"
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const categories = this.category === "both" ? categoriesOf(model) : [`m${model.run}${this.category}`]
    const fromEvent = this.fromIndex === undefined || model.all.length === 0 ? undefined : model.all[this.fromIndex % model.all.length]!
    const from = fromEvent === undefined ? undefined : model.positions.get(fromEvent.eventId)
    const read = await real.runPromise(
      Stream.runCollect(
        real.store.readAll({
          direction: this.direction,
          from,
          maxCount: this.maxCount,
          batchSize: this.batchSize,
          categories
        })
      )
    )
    const inCategories = model.all.filter((e) => categories.some((c) => e.streamName.startsWith(`${c}-`)))
    const start = fromEvent === undefined ? -1 : model.all.indexOf(fromEvent)
    const ordered =
      this.direction === "forward"
        ? inCategories.filter((e) => start < 0 || model.all.indexOf(e) > start)
        : inCategories.filter((e) => start < 0 || model.all.indexOf(e) < start).reverse()
    const expected = ordered.slice(0, this.maxCount ?? Number.POSITIVE_INFINITY)
    expectEqual(
      Chunk.toArray(read).map((e) => e.eventId),
      expected.map((e) => e.eventId),
      "ids read from all"
    )
  }
  toString = () => `readAll(${this.direction}, from #${this.fromIndex}, max ${this.maxCount}, batch ${this.batchSize}, ${this.category})`
}

const fixed = (expected: ExpectedVersion.ExpectedVersion): ExpectedChoice => ({ _tag: "Fixed", expected })
const expectedVersionArbitrary: fc.Arbitrary<ExpectedChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(fixed(ExpectedVersion.any)) },
  { weight: 3, arbitrary: fc.constant<ExpectedChoice>({ _tag: "Current", offset: 0 }) },
  { weight: 1, arbitrary: fc.constant(fixed(ExpectedVersion.noStream)) },
  { weight: 1, arbitrary: fc.constant(fixed(ExpectedVersion.streamExists)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 }).map((n) => fixed(ExpectedVersion.exact(n))) },
  { weight: 1, arbitrary: fc.constantFrom(-2, -1, 1, 2).map((offset): ExpectedChoice => ({ _tag: "Current", offset })) }
)

const key = fc.constantFrom(...streamKeys)
const direction = fc.constantFrom("forward" as const, "backward" as const)

const commandsArbitrary = fc.commands<Model, Real, false>(
  [
    fc.tuple(key, fc.integer({ min: 0, max: 4 }), expectedVersionArbitrary).map(([k, n, e]) => new Append(k, n, e)),
    expectedVersionArbitrary.map((e) => new RetryLastBatch(e)),
    fc
      .tuple(
        key,
        direction,
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined })
      )
      .map(([k, d, f, m]) => new ReadStream(k, d, f, m)),
    fc
      .tuple(
        direction,
        fc.option(fc.nat(), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("both" as const, "a" as const, "b" as const)
      )
      .map(([d, f, m, b, c]) => new ReadAll(d, f, m, b, c))
  ],
  { maxCommands: 25 }
)

/** Options of `runEventStoreModel`. */
export interface ModelOptions {
  /** How many random sequences to run; fast-check's global default when absent. */
  readonly numRuns?: number | undefined
  /** Replays a failure: the seed fast-check printed. */
  readonly seed?: number | undefined
}

/**
 * Runs random command sequences against `store` and the reference model; fails with
 * fast-check's report (including the shrunk counterexample) on the first disagreement.
 */
export const runEventStoreModel = (store: EventStore.EventStore, options: ModelOptions = {}): Effect.Effect<void> =>
  Effect.gen(function* () {
    const runtime = yield* Effect.runtime<never>()
    const runPromise = <A, E>(effect: Effect.Effect<A, E>) => Runtime.runPromise(runtime)(effect)
    let run = 0
    yield* Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(commandsArbitrary, (commands) => {
          run += 1
          const model: Model = { run, streams: new Map(), all: [], positions: new Map(), lastBatch: undefined }
          return fc.asyncModelRun(() => ({ model, real: { store, runPromise } }), commands)
        }),
        {
          ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }),
          ...(options.seed === undefined ? {} : { seed: options.seed })
        }
      )
    )
  })
