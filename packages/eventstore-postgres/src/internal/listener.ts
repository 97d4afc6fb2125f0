/**
 * Wakes subscribers when events are appended: LISTEN on the store's channel, which every store
 * on the schema notifies after its appends commit (see `notifier.ts`). A heartbeat notification proves
 * the listening connection alive; when it goes quiet (a dropped connection), the listener is
 * started again and subscribers are woken to catch up on whatever they missed. Subscribers
 * also poll, so no event waits longer than the poll interval even while the listener is down.
 */
import { Clock, Duration, Effect, Ref, Schedule, Stream, type Scope } from "effect"
import type { PgClient } from "@effect/sql-pg/PgClient"
import { Adapter } from "@jatim/eventstore"
import { appendedOf } from "./notifier.js"

/** The payload of heartbeat notifications (the notifier sends `appended:<sender>:<categories>`, an append in a caller's transaction its category). */
export const heartbeatPayload = "_heartbeat"

/**
 * Starts the listener of the store instance `self` in the background of `scope`; returns the
 * signal subscribers wait on. Notifications of `self`'s own appends only prove the connection
 * alive: its notifier woke its subscribers already.
 */
export const listen = (
  client: PgClient,
  channel: string,
  self: string,
  heartbeatInterval: Duration.Duration
): Effect.Effect<Adapter.ChangeSignal, never, Scope.Scope> =>
  Effect.gen(function* () {
    const signal = yield* Adapter.makeChangeSignal
    const lastHeard = yield* Ref.make(yield* Clock.currentTimeMillis)
    const heard = Effect.flatMap(Clock.currentTimeMillis, (now) => Ref.set(lastHeard, now))

    const wake = (appended: ReturnType<typeof appendedOf>) =>
      appended.sender === self
        ? Effect.void
        : appended.categories === undefined
          ? signal.notify
          : signal.notifyCategories(appended.categories)
    const receive = client
      .listen(channel)
      .pipe(Stream.runForEach((payload) => (payload === heartbeatPayload ? heard : Effect.zipRight(heard, wake(appendedOf(payload))))))
    const watchdog = Effect.gen(function* () {
      while (true) {
        yield* Effect.sleep(heartbeatInterval)
        yield* client`SELECT pg_notify(${channel}, ${heartbeatPayload})`.pipe(Effect.ignore)
        yield* Effect.sleep(heartbeatInterval)
        const silentFor = (yield* Clock.currentTimeMillis) - (yield* Ref.get(lastHeard))
        if (silentFor > 2 * Duration.toMillis(heartbeatInterval)) {
          return yield* Effect.fail(`no notification for ${silentFor} ms`)
        }
      }
    })
    const session = Effect.gen(function* () {
      yield* heard
      // Whatever was appended while no one listened is found by the subscribers' next read.
      yield* signal.notify
      return yield* Effect.raceFirst(receive, watchdog)
    })
    yield* session.pipe(
      Effect.catchAllCause((cause) => Effect.logDebug("event store listener restarts", cause)),
      Effect.repeat(Schedule.spaced("100 millis")),
      Effect.forkScoped
    )
    return signal
  })
