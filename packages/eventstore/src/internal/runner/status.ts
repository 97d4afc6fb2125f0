/**
 * Status bookkeeping: where each projection is on this instance, the failure that stopped it,
 * and what `status` and `awaitCaughtUp` make of them.
 *
 * @internal
 */
import { Clock, Effect, Option, Ref, Stream } from "effect"
import type * as Checkpoints from "../../Checkpoints.js"
import type * as EventStore from "../../EventStore.js"
import * as GlobalPosition from "../../GlobalPosition.js"
import type { Projection } from "../../Projection.js"
import { setLag } from "../metrics.js"
import type { ProjectionStatus } from "../../ProjectionRunner.js"
import type { ProjectionFailed } from "./errors.js"

/** A projection's status as kept: without its lag, which `report` counts. */
export type Entry = Omit<ProjectionStatus, "lag">

/** A change of status; `since` moves when the state changes. */
export type StatusChange = Partial<Omit<ProjectionStatus, "name" | "lag" | "since">>

/** The statuses of a runner's projections, and the failures that stopped them. */
export interface Statuses {
  readonly set: (name: string, change: StatusChange) => Effect.Effect<void>
  readonly entries: Effect.Effect<ReadonlyMap<string, Entry>>
  /** Marks the projection failed with `failure`, at `position`. */
  readonly fail: (name: string, failure: ProjectionFailed, position: Option.Option<GlobalPosition.GlobalPosition>) => Effect.Effect<void>
  /** The failure that stopped the projection, if any. */
  readonly failure: (name: string) => Effect.Effect<Option.Option<ProjectionFailed>>
  /** Forgets the failure and puts the projection back in standby from nothing (a rebuild). */
  readonly restart: (name: string) => Effect.Effect<void>
}

/** Every projection in standby, at no position. */
export const make = (names: ReadonlyArray<string>): Effect.Effect<Statuses> =>
  Effect.gen(function* () {
    const statuses = yield* Ref.make(
      new Map(
        names.map((name): [string, Entry] => [
          name,
          {
            name,
            state: "standby",
            position: undefined,
            lastError: undefined,
            since: 0
          }
        ])
      )
    )
    const failures = yield* Ref.make(new Map<string, ProjectionFailed>())
    const set = (name: string, change: StatusChange) =>
      Effect.flatMap(Clock.currentTimeMillis, (since) =>
        Ref.update(statuses, (map) => {
          const current = map.get(name)!
          const next = { ...current, ...change }
          return new Map(map).set(name, next.state === current.state ? next : { ...next, since })
        })
      )
    return {
      set,
      entries: Ref.get(statuses),
      fail: (name, failure, position) =>
        Effect.zipRight(
          Ref.update(failures, (map) => new Map(map).set(name, failure)),
          set(name, { state: "failed", lastError: failure.message, position: Option.getOrUndefined(position) })
        ),
      failure: (name) => Effect.map(Ref.get(failures), (map) => Option.fromNullable(map.get(name))),
      restart: (name) =>
        Effect.zipRight(
          Ref.update(failures, (map) => {
            const next = new Map(map)
            next.delete(name)
            return next
          }),
          set(name, { state: "standby", position: undefined, lastError: undefined })
        )
    }
  })

/** Every projection's status, with its lag counted up to `lagCap` (and set in its lag gauge). */
export const report = <R>(store: EventStore.EventStore, statuses: Statuses, projections: ReadonlyArray<Projection<R>>, lagCap: number) => {
  const lagOf = (projection: Projection<R>, position: GlobalPosition.GlobalPosition | undefined) =>
    Stream.runCount(store.readAll({ ...projection.filter, from: position, maxCount: lagCap, batchSize: 1000 }))
  return Effect.flatMap(statuses.entries, (map) =>
    Effect.forEach(projections, (projection) => {
      const current = map.get(projection.name)!
      return Effect.map(
        Effect.tap(lagOf(projection, current.position), (lag) => setLag(projection.name, lag)),
        (lag): ProjectionStatus => ({
          ...current,
          // Catching up with nothing left to apply is live (the last page it read was full).
          state: current.state === "catching_up" && lag === 0 ? "live" : current.state,
          lag
        })
      )
    })
  )
}

/**
 * Waits until the projection has applied every event it selects that is stored now (with
 * `upTo`, every such event at or before `upTo`); fails with its `ProjectionFailed` if it fails
 * meanwhile. On an instance in standby (another instance leads the projection), where it stands
 * is its stored checkpoint, which the leader moves.
 */
export const awaitCaughtUp = <R>(
  store: EventStore.EventStore,
  checkpoints: Checkpoints.Checkpoints,
  statuses: Statuses,
  projection: Projection<R>,
  upTo?: GlobalPosition.GlobalPosition
) =>
  Effect.gen(function* () {
    // The last event it selects, stored now or (read backward from just after `upTo`, exclusive) at or before `upTo`.
    const from = upTo === undefined ? undefined : GlobalPosition.make(upTo.transaction, upTo.sequence + 1)
    const head = yield* Stream.runHead(store.readAll({ ...projection.filter, direction: "backward", maxCount: 1, from }))
    while (true) {
      const current = (yield* statuses.entries).get(projection.name)!
      if (current.state === "failed") {
        const failure = yield* statuses.failure(projection.name)
        if (Option.isSome(failure)) return yield* Effect.fail(failure.value)
      }
      const standby = current.state === "standby"
      const position = standby
        ? Option.getOrUndefined(yield* checkpoints.load(projection.name).pipe(Effect.orElseSucceed(() => Option.none())))
        : current.position
      // With nothing to apply, caught up means set up and following (its tables exist).
      if (
        Option.isNone(head)
          ? current.state === "live"
          : position !== undefined && !GlobalPosition.isAfter(head.value.globalPosition, position)
      )
        return
      // A standby asks the checkpoints' store: less often.
      yield* Effect.sleep(standby ? "20 millis" : "5 millis")
    }
  })
