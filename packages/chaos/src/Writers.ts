/**
 * The chaos run's writers. Each writer runs transactions one after another until told to stop:
 * one or two appends (to the hot streams, the tally stream, shared streams or a new stream of
 * its own) with the expected version it just read (or `Any`, or `NoStream` for a new stream),
 * a pause (a long one now and then, held open across others' commits), then a commit or, at
 * random, a rollback after the appends. A transaction meant to commit is retried with the same
 * events, as a real caller retries, after a conflict or an error; a retry of events that did
 * commit (their connection died while committing) is an idempotent append, so it settles them.
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit, Option, Predicate, Random, type Ref } from "effect"
import { SqlClient } from "@effect/sql"
import { type Event, EventId, EventStore, ExpectedVersion } from "@jatim/eventstore"
import type { Outcome, WriterTransaction } from "./Check.js"
import { hotStreams, ownStream, sharedStream, tallyStream, triggerStream } from "./Scenario.js"
import type { Settings } from "./Flags.js"
import type { Stats } from "./Stats.js"

/** How many shared streams the writers spread over. */
export const sharedStreams = 16

/** Attempts of one transaction meant to commit. */
const maxAttempts = 10

/** One append of a planned transaction. */
interface PlannedAppend {
  readonly streamName: string
  readonly expected: "exact" | "any" | "noStream"
  readonly events: ReadonlyArray<Event.NewEvent>
}

/** A planned transaction. */
interface Plan {
  readonly id: string
  readonly appends: ReadonlyArray<PlannedAppend>
  readonly holdMillis: number
  readonly long: boolean
  readonly rollback: boolean
}

/** The transaction's deliberate failure after its appends: it rolls back. */
class DeliberateRollback {
  readonly _tag = "DeliberateRollback"
}

const chance = (p: number) => Effect.map(Random.next, (x) => x < p)

/** Draws a transaction of writer `writer`: its streams, events, pause and fate. */
const plan = (writer: number, n: number, settings: Settings): Effect.Effect<Plan> =>
  Effect.gen(function* () {
    const long = yield* chance(0.06)
    const appendCount = (yield* chance(0.25)) ? 2 : 1
    const appends: Array<PlannedAppend> = []
    // Every third writer works mostly on the tally stream, so the process manager's commands
    // there meet conflicts all the time.
    const tallyWriter = writer % 3 === 0
    for (let i = 0; i < appendCount; i++) {
      const roll = tallyWriter && !long && (yield* chance(0.9)) ? 0.45 : yield* Random.next
      // Long transactions stay off the hot and tally streams: their row locks would stall every writer.
      const streamName =
        !long && roll < 0.4
          ? (yield* chance(0.7))
            ? triggerStream
            : hotStreams[1]
          : !long && roll < 0.5
            ? tallyStream
            : roll < 0.8
              ? sharedStream(yield* Random.nextIntBetween(0, sharedStreams))
              : ownStream(writer, n * 2 + i)
      if (appends.some((a) => a.streamName === streamName)) continue
      const own = streamName.startsWith("own-")
      const expected = own ? "noStream" : (yield* chance(0.85)) ? "exact" : "any"
      const count = yield* Random.nextIntBetween(1, 4)
      const events: Array<Event.NewEvent> = []
      for (let k = 0; k < count; k++) {
        const eventId = yield* EventId.make
        const quantity = yield* Random.nextIntBetween(1, 10)
        const origin = { writer, transaction: n, index: k }
        events.push(
          streamName === triggerStream
            ? { eventId, type: "Ordered", data: { quantity, ...origin } }
            : streamName === tallyStream
              ? { eventId, type: "Counted", data: { quantity, source: "writer", ...origin } }
              : { eventId, type: "Noted", data: origin }
        )
      }
      appends.push({ streamName, expected, events })
    }
    const holdMillis = long
      ? yield* Random.nextIntBetween(200, settings.longHoldMillis + 1)
      : (yield* chance(tallyWriter ? 0.6 : 0.3))
        ? yield* Random.nextIntBetween(1, 20)
        : 0
    return { id: `w${writer}#${n}`, appends, holdMillis, long, rollback: yield* chance(0.25) }
  })

/** One attempt: the transaction, and whether its body reached the commit. */
const attempt = (plan: Plan) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const store = yield* EventStore.EventStore
    let reachedCommit = false
    const exit = yield* sql
      .withTransaction(
        Effect.gen(function* () {
          for (const append of plan.appends) {
            const expectedVersion =
              append.expected === "noStream"
                ? ExpectedVersion.noStream
                : append.expected === "any"
                  ? ExpectedVersion.any
                  : ExpectedVersion.exact(
                      (yield* store.readStream(append.streamName, { direction: "backward", maxCount: 1 })).streamVersion
                    )
            yield* store.appendToStream(append.streamName, append.events, { expectedVersion })
          }
          if (plan.holdMillis > 0) yield* Effect.sleep(plan.holdMillis)
          if (plan.rollback) return yield* Effect.fail(new DeliberateRollback())
          reachedCommit = true
        })
      )
      .pipe(Effect.exit)
    return { exit, reachedCommit }
  })

const failure = (cause: Cause.Cause<unknown>) => Option.getOrUndefined(Cause.failureOption(cause))

const isConflict = (cause: Cause.Cause<unknown>) => Predicate.isTagged(failure(cause), "ExpectedVersionConflict")

const isDeliberate = (cause: Cause.Cause<unknown>) => failure(cause) instanceof DeliberateRollback

/** Runs a planned transaction to its outcome: retries one meant to commit, never one meant to roll back. */
const run = (plan: Plan, stats: Stats) =>
  Effect.gen(function* () {
    let uncertain = false
    for (let n = 1; n <= maxAttempts; n++) {
      if (n > 1) {
        stats.retries += 1
        yield* Effect.sleep(yield* Random.nextIntBetween(2, 10 * n + 3))
      }
      const { exit, reachedCommit } = yield* attempt(plan)
      if (Exit.isSuccess(exit)) return "committed" as const
      if (isDeliberate(exit.cause)) return "rolled_back" as const
      if (plan.rollback) return "abandoned" as const
      if (isConflict(exit.cause)) stats.conflicts += 1
      // The body got through and the commit failed: it may have committed or not.
      if (reachedCommit) uncertain = true
    }
    return uncertain ? ("uncertain" as const) : ("abandoned" as const)
  })

/** A writer: transactions until `stop` is set; each recorded in `ledger`. */
export const writer = (
  index: number,
  settings: Settings,
  stop: Ref.Ref<boolean>,
  ledger: Array<WriterTransaction>,
  stats: Stats
): Effect.Effect<void, never, SqlClient.SqlClient | EventStore.EventStore> =>
  Effect.gen(function* () {
    for (let n = 1; !(yield* stop.get); n++) {
      const planned = yield* plan(index, n, settings)
      if (planned.long) stats.longTransactions += 1
      const outcome: Outcome = yield* run(planned, stats)
      const eventIds = planned.appends.flatMap((a) => a.events.map((e) => e.eventId))
      ledger.push({ id: planned.id, eventIds, outcome })
      switch (outcome) {
        case "committed":
          stats.committedTransactions += 1
          stats.committedEvents += eventIds.length
          break
        case "rolled_back":
          stats.rolledBackTransactions += 1
          stats.rolledBackEvents += eventIds.length
          break
        case "abandoned":
          stats.abandonedTransactions += 1
          break
        case "uncertain":
          stats.uncertainTransactions += 1
      }
      if (settings.events !== undefined && stats.committedEvents >= settings.events) return
    }
  }).pipe(Effect.withRandom(Random.make(`${settings.seed}:writer:${index}`)))
