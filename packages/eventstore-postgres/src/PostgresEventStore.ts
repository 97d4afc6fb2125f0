/**
 * The PostgreSQL adapter of the event store contract, on `@effect/sql-pg`.
 *
 * - An append is one call of a SQL function that checks every expected-version variant under
 *   the stream's row lock, inserts the batch and bumps the stream's version, atomically.
 * - Global order is `(transaction_id, global_position)`. Reads of all events and of a category
 *   see a transaction's events only once every older transaction has ended, so a reader that
 *   resumes after its checkpoint never skips an event that committed late (adr/0006).
 * - Subscriptions wake on LISTEN/NOTIFY and poll as a fallback. One notifier per store sends
 *   the NOTIFY after appends commit, so writers do not queue for the notification lock (appends
 *   in a caller's transaction notify in it, at its commit).
 *
 * Appends join the caller's transaction (`SqlClient.withTransaction`) when there is one, in a
 * savepoint of their own: a failed append leaves that transaction usable. Reads of all events
 * and of a category inside it see its own events, in their place in the order (adr/0060).
 *
 * @since 0.1.0
 */
import { Config, type ConfigError, Duration, Effect, Layer, Random, type Scope } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import type { MigrationError } from "@effect/sql/Migrator"
import { PgClient } from "@effect/sql-pg"
import { Adapter, EventStore, type Projection } from "@jatim/eventstore"
import { defaultGroupOptions, type GroupOptions, makeAppend } from "./internal/append.js"
import { listen } from "./internal/listener.js"
import { makeNotifier } from "./internal/notifier.js"
import { makeReads } from "./internal/reads.js"
import { tablesOf } from "./internal/tables.js"
import { migrate, schemaNameProblem } from "./Migrations.js"

/** Options of the PostgreSQL event store. */
export interface PostgresEventStoreOptions {
  /** The PostgreSQL schema holding the store's tables; `eventstore` by default. */
  readonly schema?: string | undefined
  /** Run the migrations when the store is made; `true` by default. */
  readonly migrate?: boolean | undefined
  /** What one append may carry. */
  readonly limits?: Adapter.AppendLimits | undefined
  /** How often a subscriber looks for new events when no notification wakes it; 500 ms. */
  readonly pollInterval?: Duration.DurationInput | undefined
  /**
   * Whether subscribers that have caught up share one read of the newest events (each new event
   * read and decoded once for all of them, whatever its category) instead of each reading pages
   * of its own; `true`. A process whose only subscriber selects a small part of the events may
   * read less with `false` (adr/0093).
   */
  readonly sharedTail?: boolean | undefined
  /**
   * How long the store gathers appends before it notifies other processes' subscribers with one
   * NOTIFY; 5 ms. Subscribers of this store are woken at once.
   */
  readonly notifyWindow?: Duration.DurationInput | undefined
  /** How often the listener proves its connection alive; 5 s. */
  readonly heartbeatInterval?: Duration.DurationInput | undefined
  /**
   * How long a read of all events or of a category waits for transactions that were running
   * when it started, so that it sees everything committed before it; 5 s. After that it
   * returns the events that are safe to read (a prefix of the global order). A read inside a
   * caller's transaction never waits for that transaction, and sees its events.
   */
  readonly readWaitTimeout?: Duration.DurationInput | undefined
  /**
   * Projections applied in the append's own transaction: a failing one fails the append and
   * nothing is written. Their setup runs when the store is made.
   */
  readonly inline?: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>> | undefined
  /**
   * How concurrent appends travel together (adr/0084): appends outside a caller's transaction
   * that arrive while others are on their way are sent in one call and one transaction, each
   * with its own expectation and outcome. `defaultGroupOptions` by default; `false` sends each
   * append alone. A store with inline projections sends each alone.
   */
  readonly groupAppends?: Partial<GroupOptions> | false | undefined
}

export { defaultGroupOptions, type GroupOptions } from "./internal/append.js"

/** The schema used when none is given. */
export const defaultSchema = "eventstore"

/** The longest schema name the store takes (its NOTIFY channel, `<schema>_appended`, must fit 63). */
export const maxSchemaLength = 50

/** The LISTEN/NOTIFY channel of the store in `schema`. */
export const channelOf = (schema: string): string => `${schema}_appended`

/** Makes the PostgreSQL event store over the `PgClient` of the context. */
export const make = (
  options: PostgresEventStoreOptions = {}
): Effect.Effect<EventStore.EventStore, SqlError | MigrationError, PgClient.PgClient | Scope.Scope> =>
  Effect.gen(function* () {
    const schema = options.schema ?? defaultSchema
    const problem = schemaNameProblem(schema, maxSchemaLength)
    if (problem !== undefined) {
      return yield* Effect.dieMessage(`PostgresEventStore: invalid schema name ${JSON.stringify(schema)}: ${problem}`)
    }
    const sql = yield* PgClient.PgClient
    if (options.migrate ?? true) yield* Effect.provideService(migrate(schema), SqlClient.SqlClient, sql)
    const channel = channelOf(schema)
    // This store instance, as its notifications name it.
    const self = (yield* Random.nextInt).toString(36) + (yield* Random.nextInt).toString(36)
    const changes = yield* listen(sql, channel, self, Duration.decode(options.heartbeatInterval ?? "5 seconds"))
    const inline = options.inline ?? []
    yield* Effect.forEach(
      inline,
      (projection) =>
        Effect.provideService(projection.setup, SqlClient.SqlClient, sql).pipe(
          Effect.orDieWith((error) => new Error(`inline projection "${projection.name}" could not be set up: ${String(error)}`))
        ),
      { discard: true }
    )

    const tables = tablesOf(sql, schema)
    const notifier = yield* makeNotifier(sql, channel, self, changes, Duration.decode(options.notifyWindow ?? "5 millis"))
    const group = options.groupAppends === false ? false : { ...defaultGroupOptions, ...options.groupAppends }
    const append = yield* makeAppend(tables, channel, notifier, inline, group)
    return EventStore.EventStore.of(
      Adapter.make({
        limits: options.limits,
        append,
        ...makeReads(tables, Duration.toMillis(Duration.decode(options.readWaitTimeout ?? "5 seconds"))),
        changes,
        pollInterval: options.pollInterval ?? "500 millis",
        sharedTail: options.sharedTail
      })
    )
  })

/** A layer of the PostgreSQL event store over the `PgClient` of the context. */
export const layer = (
  options?: PostgresEventStoreOptions
): Layer.Layer<EventStore.EventStore, SqlError | MigrationError, PgClient.PgClient> => Layer.scoped(EventStore.EventStore, make(options))

/** A `PgClient` connected to `DATABASE_URL` (read through Effect's `Config`). */
export const clientLayerFromConfig: Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, ConfigError.ConfigError | SqlError> =
  PgClient.layerConfig({
    url: Config.redacted("DATABASE_URL")
  })

/** The PostgreSQL event store on `DATABASE_URL`, its schema from `EVENTSTORE_SCHEMA` (`eventstore`). */
export const layerFromConfig = (
  options: Omit<PostgresEventStoreOptions, "schema"> = {}
): Layer.Layer<EventStore.EventStore, ConfigError.ConfigError | SqlError | MigrationError> =>
  Layer.unwrapEffect(
    Effect.map(
      Config.string("EVENTSTORE_SCHEMA").pipe(
        Config.validate({
          message:
            `must be a schema the event store may use: at most ${maxSchemaLength} lower-case letters, digits or "_", ` +
            `not pg_* nor information_schema`,
          validation: (schema) => schemaNameProblem(schema, maxSchemaLength) === undefined
        }),
        Config.withDefault(defaultSchema)
      ),
      (schema) => layer({ ...options, schema })
    )
  ).pipe(Layer.provide(clientLayerFromConfig))
