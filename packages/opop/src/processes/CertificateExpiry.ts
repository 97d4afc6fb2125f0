/**
 * Certificates expire by themselves (adr/0085): a scheduler that, at the start of every WIB day
 * (and when it starts), records the expiry of every certificate past its last valid day
 * (`ExpireCertificates` on its product, which appends `CertificateExpired` and, when the market
 * rule breaks, takes the product off every channel until a valid certificate is added).
 *
 * - **Driven by Effect's `Clock`**: it sleeps until the next WIB midnight on the `Clock`, so
 *   tests move it with `TestClock`.
 * - **At most once per certificate**: each expiry is issued with a causation id naming the
 *   certificate (`causationIdOf`: product, kind, number, last valid day) and `deduplicate`, so
 *   the command handler skips it when the product's stream has seen that cause, and the store
 *   refuses the ids derived from it; the decider records a certificate's expiry only while it is
 *   in force.
 * - **Surviving restarts**: it keeps nothing that matters in memory. What is due is a projection
 *   of the product streams (`ExpiringCertificates`); what is done is in the product streams
 *   (the `CertificateExpired` events and their causation ids). A restart sweeps at once: what
 *   was recorded is not recorded twice, what was missed while it was down is recorded at once.
 * - **Where it finds what is due** (`DueCertificates`): by default it folds the certificate
 *   events itself (`foldedFromStore`: every one at its first sweep, then those stored since);
 *   a host that keeps `ExpiringCertificates` as a read model already (in SQL, persisted) gives
 *   it that read model's `lapsed` query instead (`dueFrom`), so that a start reads no history
 *   and the scheduler holds no certificate in memory.
 * - **One instance at a time**: it sweeps only while it leads `name` (`LeaderElection`: a
 *   PostgreSQL advisory lock across instances), as the projection runner's process managers do.
 *
 * @since 0.1.0
 */
import { Clock, Duration, Effect, Option, Ref, Schedule, type Scope, Stream } from "effect"
import { type EventStore, type GlobalPosition, LeaderElection, EventStore as Store } from "@jatim/eventstore"
import { Actor, CalendarDate } from "@jatim/kernel"
import * as Commands from "../Commands.js"
import { codec } from "../OpopEvent.js"
import * as Product from "../Product.js"
import { ExpireCertificates } from "../ProductCommand.js"
import * as ExpiringCertificates from "../readModels/ExpiringCertificates.js"

/** The scheduler's name: its leadership, and the prefix of its causation ids. */
export const name = "opop-certificate-expiry"

/** The actor its commands carry: a Dinas officer's scheduler (only Dinas officers record expiries). */
export const actor: Actor.Actor = Actor.DinasOfficer.make({ officerId: name })

/** The causation id of a certificate's expiry: one per certificate (product, kind, number and last valid day). */
export const causationIdOf = (certificate: ExpiringCertificates.CertificateEntry): string =>
  `${name}:${certificate.productId}:${certificate.kind}:${certificate.number}:${certificate.validUntil}`

/** The instant the WIB day after the one of `now` begins (epoch milliseconds). */
export const nextDayStartsAt = (now: number): number => CalendarDate.startOfDayEpochMillis(CalendarDate.dayNumberOfEpochMillis(now) + 1)

/** What a sweep did. */
export interface SweepResult {
  /** When it swept (epoch milliseconds, on the `Clock`): the next sweep is at the next WIB midnight after it. */
  readonly at: number
  /** The WIB day it swept on. */
  readonly on: CalendarDate.CalendarDate
  /** The certificates past their last valid day it found. */
  readonly lapsed: number
  /** The `CertificateExpired` events it appended (a command may record several of one product's). */
  readonly recorded: number
}

/**
 * Records the expiry of each certificate of `lapsed`, one command each, caused by the
 * certificate and deduplicated. A refusal (none is expected from a Dinas scheduler) is logged and
 * the sweep goes on; the store's failures fail it.
 */
export const expire = (
  lapsed: ReadonlyArray<ExpiringCertificates.CertificateEntry>
): Effect.Effect<number, Commands.StoreError, EventStore.EventStore> =>
  Effect.reduce(lapsed, 0, (recorded, certificate) => {
    const causationId = causationIdOf(certificate)
    return Commands.product(new ExpireCertificates({ actor, productId: certificate.productId }), {
      causationId,
      correlationId: causationId,
      deduplicate: true
    }).pipe(
      Effect.map((result) => recorded + result.newEvents.filter((event) => event._tag === "CertificateExpired").length),
      Effect.catchTags({
        ProductNotFound: (error) => Effect.as(Effect.logWarning(`${name}: ${error.message}`), recorded),
        ActorNotAuthorized: (error) => Effect.as(Effect.logWarning(`${name}: ${error.message}`), recorded)
      }),
      // Every other domain refusal of ExpireCertificates is impossible; log it rather than stop the sweep.
      Effect.catchIf(
        (error): error is Exclude<typeof error, Commands.StoreError> => "category" in error,
        (error) => Effect.as(Effect.logWarning(`${name}: ${error.message}`), recorded)
      )
    )
  })

/** The events that put a certificate on the due list or take it off. */
const certificateEvents: ReadonlyArray<string> = ["CertificateAdded", "CertificateRevoked", "CertificateExpired"]

/** Where a sweep finds the certificates past their last valid day whose expiry is not recorded yet. */
export interface DueCertificates {
  /** The lapsed certificates on the WIB day of `now` (epoch milliseconds), as `ExpiringCertificates.lapsed`. */
  readonly lapsed: (
    now: number
  ) => Effect.Effect<ReadonlyArray<ExpiringCertificates.CertificateEntry>, Commands.StoreError, EventStore.EventStore>
}

/** The due list of a read model that answers `ExpiringCertificates.lapsed` (in SQL, or in memory). */
export const dueFrom = <E>(
  lapsed: (now: number) => Effect.Effect<ReadonlyArray<ExpiringCertificates.CertificateEntry>, E>,
  toStoreError: (error: E) => Commands.StoreError
): DueCertificates => ({ lapsed: (now) => Effect.mapError(lapsed(now), toStoreError) })

/**
 * A due list folded from the store's certificate events (`ExpiringCertificates`), kept in
 * memory: its first `lapsed` folds every certificate event in the store, each later one only
 * those stored since.
 */
export const foldedFromStore: Effect.Effect<DueCertificates> = Effect.map(
  Ref.make<{ readonly state: ExpiringCertificates.State; readonly position: GlobalPosition.GlobalPosition | undefined }>({
    state: ExpiringCertificates.initialState,
    position: undefined
  }),
  (due): DueCertificates => ({
    lapsed: (now) =>
      Effect.gen(function* () {
        const store = yield* Store.EventStore
        const { state, position } = yield* Ref.get(due)
        // Only what moves a certificate: the store reads (and decodes) no other event of the programs.
        const folded = yield* store.readAll({ categories: [Product.category], eventTypes: certificateEvents, from: position }).pipe(
          Stream.mapEffect(codec.decode),
          Stream.runFold({ state, position }, (acc, recorded) => ({
            state: ExpiringCertificates.applyRecorded(acc.state, recorded),
            position: recorded.globalPosition
          }))
        )
        yield* Ref.set(due, folded)
        return ExpiringCertificates.lapsed(folded.state, now)
      })
  })
)

/** The scheduler: one sweep. */
export interface CertificateExpiry {
  /** Reads what is due on the `Clock`'s day, then records every lapsed certificate's expiry. */
  readonly sweep: Effect.Effect<SweepResult, Commands.StoreError, EventStore.EventStore>
}

/** A scheduler that finds what is due in `due`. */
export const makeWith = (due: DueCertificates): CertificateExpiry => ({
  sweep: Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const lapsed = yield* due.lapsed(now)
    const recorded = yield* expire(lapsed)
    return { at: now, on: CalendarDate.fromEpochMillis(now), lapsed: lapsed.length, recorded }
  }).pipe(Effect.withSpan("CertificateExpiry.sweep"))
})

/** A scheduler whose due list is folded from the store's events (`foldedFromStore`). */
export const make: Effect.Effect<CertificateExpiry> = Effect.map(foldedFromStore, makeWith)

/** Options of `run`. */
export interface RunOptions {
  /** After a failed sweep (the store away), the first retry's delay, doubling up to an hour; 1 s. */
  readonly retryDelay?: Duration.DurationInput | undefined
  /** Where it finds what is due; `foldedFromStore` (a new fold each time it becomes the leader) when absent. */
  readonly due?: DueCertificates | undefined
}

/**
 * Runs the scheduler for the life of the scope, on the instance that leads `name`: a sweep at
 * once, then one at the start of every WIB day, on the `Clock`. A failed sweep is retried with a
 * growing pause; losing leadership stops the sweeps until it is led again.
 */
export const run = (
  options: RunOptions = {}
): Effect.Effect<void, never, EventStore.EventStore | LeaderElection.LeaderElection | Scope.Scope> =>
  Effect.gen(function* () {
    const election = yield* LeaderElection.LeaderElection
    const retry = Schedule.exponential(options.retryDelay ?? "1 second").pipe(
      Schedule.union(Schedule.spaced(Duration.hours(1))),
      Schedule.map(() => undefined)
    )
    const sweepDaily = Effect.gen(function* () {
      const scheduler = options.due === undefined ? yield* make : makeWith(options.due)
      while (true) {
        const result = yield* scheduler.sweep.pipe(
          Effect.tapError((error) => Effect.logWarning(`${name}: a sweep failed (${error.message}); it is tried again`)),
          Effect.retry(retry),
          Effect.option
        )
        if (Option.isSome(result) && result.value.recorded > 0) {
          yield* Effect.logInfo(`${name}: recorded ${result.value.recorded} certificate expiries on ${result.value.on}`)
        }
        // The day after the day swept: a sweep that ran past midnight sweeps again at once.
        const now = yield* Clock.currentTimeMillis
        const sweptAt = Option.isSome(result) ? result.value.at : now
        yield* Effect.sleep(Duration.millis(Math.max(0, nextDayStartsAt(sweptAt) - now)))
      }
    })
    const leadOnce = Effect.scoped(Effect.flatMap(election.lead(name), (leadership) => Effect.raceFirst(sweepDaily, leadership.lost)))
    yield* Effect.forkScoped(Effect.forever(leadOnce))
  })
