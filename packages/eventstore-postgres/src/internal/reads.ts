/**
 * Reads on PostgreSQL. Global order is `(transaction_id, global_position)`; reads of all
 * events and of a category see a transaction's events only once every older transaction has
 * ended, so a reader that resumes after its checkpoint never skips an event that committed
 * late (adr/0006). A read inside a caller's transaction sees its own events (adr/0060).
 */
import { Duration, Effect } from "effect"
import type { Adapter, ReadError } from "@jatim/eventstore"
import { unavailable } from "./errors.js"
import { eventColumns, lastPosition } from "./rows.js"
import type { Tables } from "./tables.js"

const maxVersion = "9223372036854775807"

/** The adapter's reads; `readWaitTimeout` in milliseconds (see `PostgresEventStoreOptions`). */
export const makeReads = (tables: Tables, readWaitTimeout: number): Pick<Adapter.Primitives, "readStream" | "readPage" | "startRead"> => {
  const { decodeRows, events, sql, streams } = tables

  const readStream: Adapter.Primitives["readStream"] = (name, request) =>
    Effect.gen(function* () {
      const backward = request.direction === "backward"
      const from = request.fromVersion ?? (backward ? maxVersion : 1)
      const rows = yield* sql<Record<string, unknown>>`
        SELECT s.version::text AS current_version, e.*
        FROM (SELECT version FROM ${streams} WHERE stream_name = ${name}) s
        LEFT JOIN LATERAL (
          SELECT ${sql.literal(eventColumns)} FROM ${events} AS stored
          WHERE stream_name = ${name}
            AND ${backward ? sql`stream_version <= ${from}` : sql`stream_version >= ${from}`}
          ORDER BY stored.stream_version ${sql.literal(backward ? "DESC" : "ASC")}
          LIMIT ${request.maxCount ?? null}
        ) e ON true`.pipe(Effect.mapError(unavailable(`read stream "${name}"`)))
      const current = rows[0]?.current_version
      return {
        streamVersion: current === undefined ? 0 : Number(current),
        events: yield* decodeRows(rows.filter((row) => row.event_id !== null))
      }
    })

  /** One page in global order, of transactions below `bound` (all of which have ended). */
  const readPageBelow =
    (bound: "snapshot" | number): Adapter.ReadPage =>
    (request) => {
      const backward = request.direction === "backward"
      const conditions = [
        bound === "snapshot" ? sql`transaction_id < pg_snapshot_xmin(pg_current_snapshot())` : sql`transaction_id < ${String(bound)}::xid8`,
        ...(request.from === undefined
          ? []
          : [
              sql`(transaction_id, global_position) ${sql.literal(backward ? "<" : ">")} (${String(
                request.from.transaction
              )}::xid8, ${request.from.sequence})`
            ]),
        ...(request.categories === undefined
          ? []
          : [request.categories.length === 1 ? sql`category = ${request.categories[0]!}` : sql.in("category", request.categories)]),
        ...(request.eventTypes === undefined ? [] : [sql.in("event_type", request.eventTypes)])
      ]
      const order = sql.literal(backward ? "DESC" : "ASC")
      return sql<Record<string, unknown>>`
      SELECT ${sql.literal(eventColumns)} FROM ${events} AS stored
      WHERE ${sql.and(conditions)}
      ORDER BY stored.transaction_id ${order}, stored.global_position ${order}
      LIMIT ${request.limit}`.pipe(
        Effect.mapError(unavailable("read events in global order")),
        Effect.map((rows): Adapter.Page => ({ size: rows.length, last: lastPosition(rows), events: decodeRows(rows) }))
      )
    }

  /**
   * What the server says of the transactions around a read: the read's own transaction, if
   * it has an id; the oldest other one still running; and below what every other one is
   * known to have ended or to be listed as running (the snapshot's `xmax`, or one past the
   * own transaction when that is the newest: no other can hide between). A snapshot lists
   * running transactions below its `xmax` only, and never the reader's own.
   */
  const transactions = sql<{
    readonly own: string | null
    readonly xmax: string
    readonly oldest: string | null
    readonly frozen: boolean
  }>`
    SELECT pg_current_xact_id_if_assigned()::text AS own, pg_snapshot_xmax(s)::text AS xmax,
      (SELECT min(x) FROM pg_snapshot_xip(s) AS x)::text AS oldest,
      current_setting('transaction_isolation') <> 'read committed' AS frozen
    FROM pg_current_snapshot() s`.pipe(
    Effect.map((rows) => {
      const row = rows[0]!
      const own = row.own === null ? undefined : Number(row.own)
      const xmax = Number(row.xmax)
      const covered = own === xmax ? own + 1 : xmax
      return {
        own,
        xmax,
        /** Every other transaction below this has ended. */
        settled: Math.min(row.oldest === null ? covered : Number(row.oldest), covered),
        frozen: row.frozen === true
      }
    }),
    Effect.mapError(unavailable("read the transaction horizon"))
  )

  /**
   * The transaction horizon of a read that starts now: every transaction below it, other
   * than the reader's own, has ended once `settled` reaches it. Waits (briefly, with backoff)
   * for the transactions running now; after `readWaitTimeout`, settles for what has ended.
   * The reader's own transaction is never waited for: its events, which it sees, are read in
   * their place in the order (adr/0060). A snapshot that lasts the whole transaction
   * (repeatable read, serializable) never sees others end: it takes what has ended at once.
   */
  const settledHorizon: Effect.Effect<number, ReadError> = Effect.gen(function* () {
    const first = yield* transactions
    const horizon = first.own === undefined ? first.xmax : Math.max(first.xmax, first.own + 1)
    if (first.settled >= horizon) return horizon
    if (first.frozen) return first.settled
    let waited = 0
    for (let delay = 1; waited < readWaitTimeout; delay = Math.min(delay * 2, 50)) {
      yield* Effect.sleep(Duration.millis(delay))
      waited += delay
      const now = yield* transactions
      if (now.settled >= horizon) return horizon
    }
    return Math.min((yield* transactions).settled, horizon)
  })

  return {
    readStream,
    readPage: readPageBelow("snapshot"),
    startRead: Effect.map(settledHorizon, readPageBelow)
  }
}
