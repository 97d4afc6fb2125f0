/**
 * What the suites of the SQL read models (`@jatim/opop-sql`, …) share: a PostgreSQL store with
 * its checkpoints in a schema of its own, commands sent with the clock at their instant, and the
 * check that every SQL query answers exactly what the pure read model answers, live, after a
 * reset and after a rebuild.
 *
 * A subpath export, `@jatim/testing/sqlReadModels`, so that only those suites pull the
 * PostgreSQL adapter.
 *
 * ```ts
 * const database = suiteDatabaseBeforeAll("opop_sql_read_models")
 * const schema = uniqueSchema("opop_sql")
 * const models = SqlReadModels.make({ schema: `${schema}_read` })
 * const { events, states } = yield* SqlReadModelCheck.agree({
 *   store: SqlReadModelCheck.store(database(), schema),
 *   projections: models.projections,
 *   before: sendAll(history.slice(0, before)),
 *   live: sendAll(history.slice(before)),
 *   events: SqlReadModelCheck.storedEvents(OpopEvent.codec, OpopEvent.categories),
 *   pure: SqlReadModelCheck.folded(pureStates),
 *   comparisons: (events) => comparisons(models, questions(events))
 * })
 * ```
 *
 * @since 0.1.0
 */
import { expect } from "vitest"
import { Chunk, Effect, Layer, type Redacted, Stream } from "effect"
import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { type Checkpoints, type EventCodec, EventStore, type LeaderElection, type Projection, ProjectionRunner } from "@jatim/eventstore"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { Page } from "@jatim/kernel"
import * as FixedClock from "./FixedClock.js"
import { uniqueSchema } from "./postgres.js"

/** One global order of several streams' items, each stream's order kept (`Histories.interleave`). */
export { interleave } from "./Histories.js"

/**
 * A store, its checkpoints and leader election, and a client, in `schema` of the database at
 * `url`; the read models' tables go in the same database.
 */
export const store = (url: Redacted.Redacted<string>, schema: string) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ schema }),
    PostgresProjections.layer({ schema, retry: "100 millis", checkInterval: "200 millis" })
  ).pipe(Layer.provideMerge(PgClient.layer({ url, maxConnections: 16 })))

/** The event store's own errors: never part of a history, always a failure of the test. */
export const storeErrors: ReadonlySet<string> = new Set([
  "InvalidStreamName",
  "InvalidCategory",
  "ExpectedVersionConflict",
  "DuplicateEventId",
  "InvalidEvent",
  "InvalidReadRequest",
  "EventDecodeError",
  "EventStoreUnavailable",
  "InlineProjectionFailed"
])

/**
 * What a history does with a command the rules refuse: `"skip"` leaves it out of the history
 * (random commands are often refused, as they should be); `"fail"` fails the test (every
 * command of a written-out history must be accepted).
 */
export type Refusals = "skip" | "fail"

/** `command`, with a refusal by the rules left out as `refusals` says (the store's own errors always fail). */
export const refused =
  (refusals: Refusals) =>
  <A, E extends { readonly _tag: string }, R>(command: Effect.Effect<A, E, R>): Effect.Effect<unknown, E, R> =>
    Effect.catchIf(
      command,
      (error) => refusals === "skip" && !storeErrors.has(error._tag),
      () => Effect.void
    )

/** Sends `command` with the clock at `at`, a refusal by the rules handled as `refusals` says. */
export const sendAt = <A, E extends { readonly _tag: string }, R>(
  command: Effect.Effect<A, E, R>,
  at: number,
  refusals: Refusals
): Effect.Effect<unknown, E, R> => command.pipe(refused(refusals), FixedClock.at(at))

/** Sends the items of a history in order, each item's `command` with the clock at its instant `at` (see `sendAt`). */
export const sendingAt =
  <T extends { readonly at: number }, E extends { readonly _tag: string }, R>(command: (item: T) => Effect.Effect<unknown, E, R>) =>
  (refusals: Refusals) =>
  (items: ReadonlyArray<T>): Effect.Effect<void, E, R> =>
    Effect.forEach(items, (item) => sendAt(command(item), item.at, refusals), { discard: true })

/** Every event of `categories` in the store, decoded by `codec`, in global order: what the pure read models are fed. */
export const storedEvents = <E extends { readonly _tag: string }>(codec: EventCodec.EventCodec<E>, categories: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const raw = yield* Stream.runCollect(store.readAll({ categories }))
    return yield* Effect.forEach(Chunk.toReadonlyArray(raw), (event) => Effect.map(codec.decode(event), (decoded) => decoded.data))
  })

/** One question, put to the pure read model (through its `States`) and to the SQL one. */
export interface Comparison<States> {
  readonly label: string
  readonly pure: (states: States) => unknown
  readonly sql: Effect.Effect<unknown, unknown, SqlClient.SqlClient>
}

/** An input as a question's label shows it: numbers and text as they are (`NaN`, `Infinity`), the rest as JSON. */
const shown = (input: unknown): string =>
  typeof input === "number" || typeof input === "string" || input === undefined ? String(input) : JSON.stringify(input)

/**
 * Questions about pure read models whose states are `States`: `ask(name, inputs, pure, sql)` is
 * the question `name` for each of `inputs` (labelled with the input), put to the pure read model
 * (`pure`) and to the SQL one (`sql`) with the same input.
 *
 * ```ts
 * const ask = asking<PureStates>()
 * ask("directory get", q.nspps, (s, nspp) => PesantrenDirectory.get(s.directory, nspp), models.pesantrenDirectory.get)
 * ```
 */
export const asking =
  <States>() =>
  <I>(
    name: string,
    inputs: ReadonlyArray<I>,
    pure: (states: States, input: I) => unknown,
    sql: (input: I) => Effect.Effect<unknown, unknown, SqlClient.SqlClient>
  ): ReadonlyArray<Comparison<States>> =>
    inputs.map((input) => ({ label: `${name} ${shown(input)}`, pure: (states) => pure(states, input), sql: sql(input) }))

/**
 * Questions about a paged query of pure read models whose states are `States`: `ask(name, inputs,
 * limitOf, pure, sql)` is the question `name` for each of `inputs`, answered by every page of
 * `limitOf(input)` items, read from the pure read model (`Page.allPagesSync`) and from the SQL one
 * (`Page.allPages`): both must cut their pages alike, not only list the same items.
 *
 * ```ts
 * const askPages = askingPages<PureStates>()
 * askPages("catalogue pages of 1", filters, () => 1, (s, filter, request) => ProductCatalogue.searchPage(s.catalogue, filter, request), models.productCatalogue.searchPage)
 * ```
 */
export const askingPages =
  <States>() =>
  <I, A, K>(
    name: string,
    inputs: ReadonlyArray<I>,
    limitOf: (input: I) => number,
    pure: (states: States, input: I, request: Page.Request<K>) => Page.Page<A, K>,
    sql: (input: I, request: Page.Request<K>) => Effect.Effect<Page.Page<A, K>, unknown, SqlClient.SqlClient>
  ): ReadonlyArray<Comparison<States>> =>
    asking<States>()(
      name,
      inputs,
      (states, input) => Page.allPagesSync((request: Page.Request<K>) => pure(states, input, request), limitOf(input)),
      (input) => Page.allPages((request: Page.Request<K>) => sql(input, request), limitOf(input))
    )

/** The pure read models the SQL ones must answer like. */
export interface PureReadModels<Events, States> {
  /** Pure read models in memory that the runner keeps next to the SQL ones; none when their states are folded from the events. */
  readonly projections: ReadonlyArray<Projection.Projection<never>>
  /** Their states once the runner caught up, with `events` in the store. */
  readonly states: (events: Events) => Effect.Effect<States>
  /** Their states for no events. */
  readonly empty: Effect.Effect<States>
}

/** Pure read models whose states `fold` computes from the stored events (and from none, for a reset). */
export const folded = <E, States>(fold: (events: ReadonlyArray<E>) => States): Effect.Effect<PureReadModels<ReadonlyArray<E>, States>> =>
  Effect.succeed({
    projections: [],
    states: (events) => Effect.sync(() => fold(events)),
    empty: Effect.sync(() => fold([]))
  })

/** The answers to every comparison, by label. */
const answers = {
  pure: <States>(comparisons: ReadonlyArray<Comparison<States>>, states: States) =>
    Object.fromEntries(comparisons.map((c) => [c.label, c.pure(states)])),
  sql: <States>(comparisons: ReadonlyArray<Comparison<States>>) =>
    Effect.map(
      Effect.forEach(comparisons, (c) => Effect.map(c.sql, (answer) => [c.label, answer] as const)),
      Object.fromEntries
    )
}

/** A check of SQL read models against the pure ones (see `agree`). */
export interface Agreement<Events, States> {
  /** The store to run on (`store(url, schema)`). */
  readonly store: Layer.Layer<
    EventStore.EventStore | Checkpoints.Checkpoints | LeaderElection.LeaderElection | SqlClient.SqlClient,
    unknown
  >
  /** The SQL read models' projections to check. */
  readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>
  /** What is stored before the runner starts (the projections catch up on it). */
  readonly before: Effect.Effect<unknown, unknown, EventStore.EventStore>
  /** What is sent while the runner runs (the projections follow it live). */
  readonly live: Effect.Effect<unknown, unknown, EventStore.EventStore>
  /** The events the pure read models are fed, read from the store once the runner caught up. */
  readonly events: Effect.Effect<Events, unknown, EventStore.EventStore>
  /** The pure read models (`folded` when their states are folded from `events`). */
  readonly pure: Effect.Effect<PureReadModels<Events, States>>
  /** The questions to put to both, given the stored events. */
  readonly comparisons: (events: Events) => ReadonlyArray<Comparison<States>>
  /** Whether to check again after a reset and after a rebuild from scratch (default `true`). */
  readonly rebuild?: boolean | undefined
}

/**
 * Stores `before` on a fresh PostgreSQL store, starts a runner with the SQL projections (and
 * the pure read models in memory, if any), then sends `live`. Once every projection caught up,
 * every SQL query must answer exactly what the pure read model answers for the events the
 * store holds; unless `rebuild` is `false`, after a reset what it answers for no events, and
 * after each projection is rebuilt from scratch the same as before. Returns the stored events
 * and the pure states, for checks of their own.
 */
export const agree = <Events, States>(
  agreement: Agreement<Events, States>
): Effect.Effect<{ readonly events: Events; readonly states: States }, unknown> =>
  Effect.gen(function* () {
    const { projections } = agreement
    const pure = yield* agreement.pure
    yield* agreement.before
    const all = [...projections, ...pure.projections]
    const runner = yield* ProjectionRunner.make(all, { batchSize: 25 })
    yield* agreement.live
    for (const projection of all) yield* runner.awaitCaughtUp(projection.name)
    const events = yield* agreement.events
    const states = yield* pure.states(events)
    const comparisons = agreement.comparisons(events)
    const expected = answers.pure(comparisons, states)
    expect(yield* answers.sql(comparisons)).toStrictEqual(expected)
    if (agreement.rebuild !== false) {
      // Reset empties the tables: every query answers what the pure models answer for no events.
      for (const projection of projections) yield* projection.reset
      expect(yield* answers.sql(comparisons)).toStrictEqual(answers.pure(comparisons, yield* pure.empty))
      // A rebuild catches up from the first event again, to the same answers.
      for (const projection of projections) {
        yield* runner.rebuild(projection.name)
        yield* runner.awaitCaughtUp(projection.name)
      }
      expect(yield* answers.sql(comparisons)).toStrictEqual(expected)
    }
    return { events, states }
  }).pipe(Effect.scoped, Effect.provide(agreement.store))

/** What a suite's runs share (see `agreeOn`): where, which read models, how a history is sent, and what to compare. */
export interface Suite<
  Models extends { readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>> },
  Item,
  Events,
  States,
  Questions
> {
  /** The suite's database (`suiteDatabaseBeforeAll`). */
  readonly database: () => Redacted.Redacted<string>
  /** The prefix of each run's schema; its read models' tables go in `<schema>_read`. */
  readonly schema: string
  /** The SQL read models with their tables in `options.schema` (a domain's `SqlReadModels.make`), their projections the ones checked. */
  readonly models: (options: { readonly schema: string }) => Models
  /** Sends a history's items in order; made once a run, so that it may count across the run's two parts. */
  readonly send: (refusals: Refusals) => (items: ReadonlyArray<Item>) => Effect.Effect<unknown, unknown, EventStore.EventStore>
  /** The events the pure read models are fed (see `Agreement.events`). */
  readonly events: Effect.Effect<Events, unknown, EventStore.EventStore>
  /** The pure read models (see `Agreement.pure`). */
  readonly pure: Effect.Effect<PureReadModels<Events, States>>
  /** The questions to put to both. */
  readonly comparisons: (models: Models, questions: Questions) => ReadonlyArray<Comparison<States>>
}

/** One run of a suite: how much of the history is stored first, what a refusal does, what to ask. */
export interface Run<Events, Questions> {
  /** How many of the history's items are stored before the runner starts. */
  readonly before: number
  readonly refusals: Refusals
  /** What to ask, given the stored events. */
  readonly questions: (events: Events) => Questions
  /** What is stored first of all (for example the parties a history needs). */
  readonly prelude?: Effect.Effect<unknown, unknown, EventStore.EventStore> | undefined
  /** See `Agreement.rebuild`. */
  readonly rebuild?: boolean | undefined
}

/**
 * `agree` for each history of a suite: runs `history` on a fresh store in a schema of its own,
 * its first `run.before` items stored before the runner starts (the projections catch up on
 * them), the rest sent while it runs (they follow live), then compares as `agree` does.
 */
export const agreeOn =
  <Models extends { readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>> }, Item, Events, States, Questions>(
    suite: Suite<Models, Item, Events, States, Questions>
  ) =>
  (
    history: ReadonlyArray<Item>,
    run: Run<Events, Questions>
  ): Effect.Effect<{ readonly events: Events; readonly states: States }, unknown> => {
    const schema = uniqueSchema(suite.schema)
    const models = suite.models({ schema: `${schema}_read` })
    const send = suite.send(run.refusals)
    return agree({
      store: store(suite.database(), schema),
      projections: models.projections,
      before: Effect.zipRight(run.prelude ?? Effect.void, send(history.slice(0, run.before))),
      live: send(history.slice(run.before)),
      events: suite.events,
      pure: suite.pure,
      comparisons: (events) => suite.comparisons(models, run.questions(events)),
      rebuild: run.rebuild
    })
  }
