/**
 * The durable `Idempotency` store, in PostgreSQL (`http_host.idempotency_keys`): shared by every
 * instance on the database and kept across restarts. A request claims its key with a pending row
 * first (`INSERT … ON CONFLICT DO NOTHING`), so a concurrent request with the same key, on any
 * instance, waits for the outcome instead of running the command too. Outcomes are stored as
 * the endpoint's Schemas encode them and decoded with those Schemas again when replayed.
 */
import { HttpApi, type HttpApiGroup, HttpServerResponse } from "@effect/platform"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import {
  Clock,
  Duration,
  Effect,
  Either,
  type Exit,
  Fiber,
  Layer,
  Option,
  type ParseResult,
  Random,
  Schedule,
  Schema,
  type Scope
} from "effect"
import type * as AST from "effect/SchemaAST"
import { createHash } from "node:crypto"
import { Actor } from "@jatim/kernel"
import { type IdempotencyKeyReused, IdempotentRequestInProgress, StoreFailure } from "../errors.js"
import { Idempotency, keptOutcome, reused, type RunOptions } from "./Idempotency.js"

/** Settings of the durable store. */
export interface SqlOptions {
  /** The PostgreSQL schema of the table; `http_host` by default. */
  readonly schema?: string | undefined
  /** How long a request waits for a pending request with its key before `IdempotentRequestInProgress`; 5 s. */
  readonly wait?: Duration.DurationInput | undefined
  /** How often a waiting request looks again; 50 ms. */
  readonly pollInterval?: Duration.DurationInput | undefined
  /**
   * A pending request renews its claim every third of this; a claim not renewed for this long
   * belongs to an instance that stopped, and the next request with the key runs it. 30 s.
   */
  readonly lease?: Duration.DurationInput | undefined
  /** How long outcomes are kept; 24 hours (removed hourly). */
  readonly retention?: Duration.DurationInput | undefined
}

/** The default PostgreSQL schema of the durable store. */
export const defaultSchema = "http_host"

/** An outcome as stored: the HTTP status and the value or error as the endpoint's Schema encodes it. */
const StoredOutcome = Schema.Union(
  Schema.TaggedStruct("Success", { status: Schema.Int, value: Schema.Unknown }),
  Schema.TaggedStruct("Failure", { status: Schema.Int, error: Schema.Unknown })
)
type StoredOutcome = typeof StoredOutcome.Type
const StoredOutcomeJson = Schema.parseJson(StoredOutcome)

/** A row of `idempotency_keys` as read. */
const Row = Schema.Struct({
  fingerprint: Schema.String,
  claim: Schema.NullOr(Schema.String),
  outcome: Schema.NullOr(Schema.String),
  abandoned: Schema.Boolean
})
const decodeRows = Schema.decodeUnknown(Schema.Array(Row))

/** The Schemas of one endpoint's responses, by HTTP status. */
interface EndpointCodec {
  readonly successes: ReadonlyMap<number, Schema.Schema<unknown>>
  readonly errors: ReadonlyMap<number, Schema.Schema<unknown>>
}

const byStatus = (members: ReadonlyMap<number, { readonly ast: Option.Option<AST.AST> }>): ReadonlyMap<number, Schema.Schema<unknown>> =>
  new Map(
    [...members].flatMap(([status, { ast }]) =>
      Option.isSome(ast) ? [[status, Schema.make<unknown, unknown, never>(ast.value)] as const] : []
    )
  )

/** Every endpoint's response Schemas, by endpoint name (names must be unique in the API). */
const codecsOf = <Id extends string, Groups extends HttpApiGroup.HttpApiGroup.Any, E, R>(
  api: HttpApi.HttpApi<Id, Groups, E, R>
): Effect.Effect<ReadonlyMap<string, EndpointCodec>> =>
  Effect.suspend(() => {
    const codecs = new Map<string, EndpointCodec>()
    const duplicates: Array<string> = []
    HttpApi.reflect(api, {
      onGroup: () => {},
      onEndpoint: ({ endpoint, errors, successes }) => {
        if (codecs.has(endpoint.name)) duplicates.push(endpoint.name)
        codecs.set(endpoint.name, { successes: byStatus(successes), errors: byStatus(errors) })
      }
    })
    return duplicates.length > 0
      ? Effect.dieMessage(`Idempotency needs endpoint names unique across the API; used twice: ${duplicates.join(", ")}`)
      : Effect.succeed(codecs)
  })

/** The status and encoded form of `value` under the first of `schemas` that encodes it. */
const encodeWithFirst = (
  schemas: ReadonlyMap<number, Schema.Schema<unknown>>,
  value: unknown
): Option.Option<{ readonly status: number; readonly encoded: unknown }> => {
  for (const [status, schema] of schemas) {
    const encoded = Schema.encodeUnknownEither(schema)(value)
    if (Either.isRight(encoded)) return Option.some({ status, encoded: encoded.right })
  }
  return Option.none()
}

/** An outcome in its stored form, encoded with the endpoint's Schemas (none if they cannot encode it). */
const encodeOutcome = (codec: EndpointCodec, outcome: Either.Either<unknown, unknown>): Option.Option<StoredOutcome> =>
  Either.match(outcome, {
    onRight: (value) =>
      Option.map(encodeWithFirst(codec.successes, value), ({ encoded, status }) => ({ _tag: "Success" as const, status, value: encoded })),
    onLeft: (error) =>
      Option.map(encodeWithFirst(codec.errors, error), ({ encoded, status }) => ({ _tag: "Failure" as const, status, error: encoded }))
  })

const fingerprintOf = (body: unknown): string =>
  createHash("sha256")
    .update(JSON.stringify(body) ?? "undefined")
    .digest("hex")

/** A random claim token (Effect's `Random`), naming one run of a request. */
const newClaim: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 4 }, () => Random.nextIntBetween(0, 0x1_0000_0000))),
  (parts) => parts.map((part) => part.toString(16).padStart(8, "0")).join("")
)

const validSchemaName = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * The durable idempotency store on the `SqlClient` of the context: creates its schema and table
 * when missing, and removes outcomes older than the retention every hour. `api` gives each
 * endpoint's Schemas, with which outcomes are encoded and decoded.
 */
export const makeSql = <Id extends string, Groups extends HttpApiGroup.HttpApiGroup.Any, E, R>(
  api: HttpApi.HttpApi<Id, Groups, E, R>,
  options: SqlOptions = {}
): Effect.Effect<Idempotency, SqlError, SqlClient.SqlClient | Scope.Scope> =>
  Effect.gen(function* () {
    const schema = options.schema ?? defaultSchema
    if (!validSchemaName.test(schema)) {
      return yield* Effect.dieMessage(`invalid PostgreSQL schema name for the Idempotency-Key store: ${JSON.stringify(schema)}`)
    }
    const wait = Duration.decode(options.wait ?? "5 seconds")
    const pollInterval = Duration.decode(options.pollInterval ?? "50 millis")
    const lease = Duration.decode(options.lease ?? "30 seconds")
    const leaseSeconds = Duration.toMillis(lease) / 1000
    const retentionSeconds = Duration.toMillis(Duration.decode(options.retention ?? "24 hours")) / 1000
    const codecs = yield* codecsOf(api)
    const sql = yield* SqlClient.SqlClient
    const table = sql`${sql(schema)}.idempotency_keys`

    yield* sql.withTransaction(
      Effect.gen(function* () {
        // Two instances starting at once would race on CREATE TABLE IF NOT EXISTS.
        yield* sql`SELECT pg_advisory_xact_lock(hashtext(${`jatim.http_host.idempotency.${schema}`}))`
        yield* sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`
        yield* sql`CREATE TABLE IF NOT EXISTS ${table} (
        actor text NOT NULL,
        endpoint text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        claim text,
        outcome jsonb,
        created_at timestamp with time zone NOT NULL DEFAULT now(),
        claimed_at timestamp with time zone NOT NULL DEFAULT now(),
        completed_at timestamp with time zone,
        PRIMARY KEY (actor, endpoint, key),
        CHECK ((claim IS NULL) = (outcome IS NOT NULL))
      )`
        yield* sql`CREATE INDEX IF NOT EXISTS idempotency_keys_completed_at ON ${table} (completed_at)`
      })
    )

    const cleanup = Effect.catchAllCause(
      Effect.asVoid(sql`DELETE FROM ${table} WHERE completed_at < now() - make_interval(secs => ${retentionSeconds})`),
      (cause) => Effect.logWarning("old Idempotency-Keys not removed", cause)
    )
    yield* Effect.forkScoped(Effect.repeat(cleanup, Schedule.spaced("1 hour")))

    interface Id {
      readonly actor: string
      readonly endpoint: string
      readonly key: string
    }
    const where = (id: Id) => sql`actor = ${id.actor} AND endpoint = ${id.endpoint} AND key = ${id.key}`

    const unavailable = (id: Id) => (error: SqlError) =>
      new StoreFailure({
        rule: "IdempotencyStoreUnavailable",
        message:
          `The Idempotency-Key store could not be reached for key "${id.key}" (${error.message}); ` +
          "the command was not run. Retry with the same key."
      })
    const unreadable = (id: Id, reason: string) =>
      new StoreFailure({
        rule: "IdempotencyOutcomeUnreadable",
        message:
          `The first response to Idempotency-Key "${id.key}" on ${id.endpoint} was kept, but this version of ` +
          `the host cannot read it back (${reason}); the command is not run again. Send a new key to run it anew.`
      })

    const claimNew = (id: Id, fingerprint: string, claim: string) =>
      sql`INSERT INTO ${table} (actor, endpoint, key, fingerprint, claim)
        VALUES (${id.actor}, ${id.endpoint}, ${id.key}, ${fingerprint}, ${claim})
        ON CONFLICT (actor, endpoint, key) DO NOTHING
        RETURNING key`.pipe(
        Effect.map((rows) => rows.length > 0),
        Effect.mapError(unavailable(id))
      )

    const read = (id: Id) =>
      sql`SELECT fingerprint, claim, outcome::text AS outcome,
          (claim IS NOT NULL AND claimed_at < now() - make_interval(secs => ${leaseSeconds})) AS abandoned
        FROM ${table} WHERE ${where(id)}`.pipe(
        Effect.mapError(unavailable(id)),
        Effect.flatMap((rows) => Effect.mapError(decodeRows(rows), (error) => unreadable(id, error.message))),
        Effect.map((rows) => Option.fromNullable(rows[0]))
      )

    /** Takes over the claim `previous` of a request whose instance stopped renewing it. */
    const takeOver = (id: Id, previous: string, claim: string) =>
      sql`UPDATE ${table} SET claim = ${claim}, claimed_at = now()
        WHERE ${where(id)} AND claim = ${previous} AND claimed_at < now() - make_interval(secs => ${leaseSeconds})
        RETURNING key`.pipe(
        Effect.map((rows) => rows.length > 0),
        Effect.mapError(unavailable(id))
      )

    const renew = (id: Id, claim: string) => sql`UPDATE ${table} SET claimed_at = now() WHERE ${where(id)} AND claim = ${claim}`

    const complete = (id: Id, claim: string, outcome: StoredOutcome) =>
      Effect.flatMap(
        Schema.encode(StoredOutcomeJson)(outcome),
        (json) =>
          sql`UPDATE ${table} SET outcome = ${json}::jsonb, claim = NULL, completed_at = now()
          WHERE ${where(id)} AND claim = ${claim}`
      )

    const release = (id: Id, claim: string) => sql`DELETE FROM ${table} WHERE ${where(id)} AND claim = ${claim}`

    /** Keeps the outcome of the run `claim`, or releases the key when the outcome is not to be kept. */
    const finish = <A, E>(id: Id, codec: EndpointCodec, claim: string, exit: Exit.Exit<A, E>) => {
      const kept = keptOutcome(exit)
      const stored = Option.flatMap(kept, (outcome) => encodeOutcome(codec, outcome))
      if (Option.isSome(kept) && Option.isNone(stored)) {
        return Effect.logWarning(
          `the outcome of ${id.endpoint} does not encode with its Schemas; Idempotency-Key "${id.key}" released`
        ).pipe(
          Effect.zipRight(release(id, claim)),
          Effect.catchAllCause((cause) => Effect.logWarning(`Idempotency-Key "${id.key}" not released`, cause))
        )
      }
      const keep: Effect.Effect<void, SqlError | ParseResult.ParseError> = Option.match(stored, {
        onNone: () => Effect.asVoid(release(id, claim)),
        onSome: (outcome) => Effect.asVoid(complete(id, claim, outcome))
      })
      return Effect.catchAllCause(keep, (cause) =>
        Effect.logWarning(`the outcome of Idempotency-Key "${id.key}" on ${id.endpoint} could not be kept`, cause)
      )
    }

    /** Runs the request that holds `claim`, renewing the claim while it runs. */
    const execute = <A, E, R>(id: Id, codec: EndpointCodec, claim: string, effect: Effect.Effect<A, E, R>) => {
      const heartbeat = Effect.forever(
        Effect.sleep(Duration.divide(lease, 3).pipe(Option.getOrElse(() => lease))).pipe(Effect.zipRight(Effect.ignore(renew(id, claim))))
      )
      return Effect.flatMap(Effect.fork(heartbeat), (beating) => Effect.ensuring(effect, Fiber.interrupt(beating))).pipe(
        Effect.onExit((exit) => finish(id, codec, claim, exit))
      )
    }

    /** The stored outcome as the HTTP response the endpoint's Schemas give it. */
    const replay = (id: Id, codec: EndpointCodec, json: string) =>
      Effect.gen(function* () {
        const outcome = yield* Effect.mapError(Schema.decode(StoredOutcomeJson)(json), (error) => unreadable(id, error.message))
        const [schemas, encoded] = outcome._tag === "Success" ? [codec.successes, outcome.value] : [codec.errors, outcome.error]
        const schema = schemas.get(outcome.status)
        if (schema === undefined) return yield* unreadable(id, `the endpoint no longer answers ${outcome.status}`)
        const value = yield* Effect.mapError(Schema.decodeUnknown(schema)(encoded), (error) => unreadable(id, error.message))
        const body = yield* Effect.mapError(Schema.encode(schema)(value), (error) => unreadable(id, error.message))
        return HttpServerResponse.unsafeJson(body, { status: outcome.status })
      })

    const run = <A, E, R>(
      runOptions: RunOptions,
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A | HttpServerResponse.HttpServerResponse, E | IdempotencyKeyReused | IdempotentRequestInProgress | StoreFailure, R> =>
      Effect.suspend(() => {
        const key = runOptions.key
        if (key === undefined) return effect
        const codec = codecs.get(runOptions.endpoint)
        if (codec === undefined) {
          return Effect.dieMessage(`Idempotency: the API has no endpoint named "${runOptions.endpoint}"`)
        }
        const id: Id = { actor: Actor.describe(runOptions.actor), endpoint: runOptions.endpoint, key }
        const fingerprint = fingerprintOf(runOptions.body)
        return Effect.gen(function* () {
          const deadline = (yield* Clock.currentTimeMillis) + Duration.toMillis(wait)
          while (true) {
            const claim = yield* newClaim
            if (yield* claimNew(id, fingerprint, claim)) return yield* execute(id, codec, claim, effect)
            const row = yield* read(id)
            // No row: the request that held the key released it (its outcome was not kept); claim it.
            if (Option.isSome(row)) {
              const { abandoned, fingerprint: first, outcome, claim: pending } = row.value
              if (first !== fingerprint) return yield* reused(key)
              if (outcome !== null) return yield* replay(id, codec, outcome)
              if (abandoned && pending !== null && (yield* takeOver(id, pending, claim))) {
                return yield* execute(id, codec, claim, effect)
              }
            }
            if ((yield* Clock.currentTimeMillis) >= deadline) {
              return yield* new IdempotentRequestInProgress({
                message:
                  `A request with Idempotency-Key "${key}" on ${id.endpoint} is still in progress; ` +
                  "retry with the same key in a few seconds to get its response (the command does not run twice)."
              })
            }
            yield* Effect.sleep(pollInterval)
          }
        })
      })
    const forgetMentions = (text: string) =>
      sql`DELETE FROM ${table} WHERE outcome IS NOT NULL AND strpos(outcome::text, ${text}) > 0`.pipe(
        Effect.asVoid,
        Effect.mapError(
          (error) =>
            new StoreFailure({
              rule: "IdempotencyStoreUnavailable",
              message: `The Idempotency-Key store could not be reached to drop kept responses (${error.message}); retry the request.`
            })
        )
      )
    return { run, forgetMentions }
  })

/** The durable idempotency store as a layer (needs a `SqlClient` on PostgreSQL). */
export const layerSql = <Id extends string, Groups extends HttpApiGroup.HttpApiGroup.Any, E, R>(
  api: HttpApi.HttpApi<Id, Groups, E, R>,
  options: SqlOptions = {}
): Layer.Layer<Idempotency, SqlError, SqlClient.SqlClient> => Layer.scoped(Idempotency, makeSql(api, options))
