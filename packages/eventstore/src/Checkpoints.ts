/**
 * Where projections and process managers keep their checkpoint: the position of the last event
 * they applied. A checkpoint moves only in the same unit of work as the read model's change
 * (`transaction`), and only from the position the runner last saw, so two runners can never
 * both move it and a checkpoint is never ahead of its read model. A rebuild (`reset`) takes the
 * checkpoint before it empties the read model, so a unit of another runner in flight either
 * lands before the reset (which then empties it too) or finds the checkpoint gone and undoes
 * itself: no event is applied twice (adr/0060).
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Option, Ref, Schema } from "effect"
import type { EventStoreUnavailable } from "./EventStoreError.js"
import * as GlobalPosition from "./GlobalPosition.js"

/** The checkpoint was not where the runner left it: another runner moved it, or a rebuild reset it. */
export class CheckpointMoved extends Schema.TaggedError<CheckpointMoved>()("CheckpointMoved", {
  name: Schema.String
}) {
  override get message(): string {
    return (
      `The checkpoint of "${this.name}" moved under this runner (another instance leads it, or it was reset); ` +
      `this runner stops applying and starts again from the stored checkpoint.`
    )
  }
}

/** The checkpoint store. */
export interface Checkpoints {
  /** The position of the last event applied, if any. */
  readonly load: (name: string) => Effect.Effect<Option.Option<GlobalPosition.GlobalPosition>, EventStoreUnavailable>
  /** Moves the checkpoint from `expected` to `next`, or fails with `CheckpointMoved`. */
  readonly save: (
    name: string,
    expected: Option.Option<GlobalPosition.GlobalPosition>,
    next: GlobalPosition.GlobalPosition
  ) => Effect.Effect<void, CheckpointMoved | EventStoreUnavailable>
  /**
   * Runs `effect` (a batch of `name`: the read model's change, then the checkpoint's move from
   * `expected` by `save`) as one unit, never at the same time as a `reset` of `name`: a
   * database transaction on PostgreSQL, so both commit or neither, and a reset waits for it
   * (the checkpoint's move then fails, undoing the change, when a reset came first). In
   * memory, where nothing rolls back, units and resets of one name run one at a time, and the
   * unit fails with `CheckpointMoved` before `effect` when the checkpoint is not at `expected`.
   */
  readonly transaction: <A, E, R>(
    name: string,
    expected: Option.Option<GlobalPosition.GlobalPosition>,
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | CheckpointMoved | EventStoreUnavailable, R>
  /**
   * A rebuild's unit: takes the checkpoint of `name` (a unit of it in flight ends first, one
   * that starts later waits), forgets it and runs `resetReadModel`, which empties the read
   * model; all or nothing. The next run starts from the first event.
   */
  readonly reset: <A, E, R>(name: string, resetReadModel: Effect.Effect<A, E, R>) => Effect.Effect<A, E | EventStoreUnavailable, R>
  /**
   * Whether a failure inside a unit is the database's passing trouble (a lost connection, a
   * deadlock, a serialization failure) rather than the projection's own: the runner retries
   * it without end and never takes it for a poison event.
   */
  readonly isTransient: (failure: unknown) => boolean
  /**
   * Keeps why `name` stopped (a failed projection's message), for operators and tools that do not
   * run it; replaces what was kept before. The runner records it when it stops a projection.
   */
  readonly recordFailure: (name: string, message: string) => Effect.Effect<void, EventStoreUnavailable>
  /** Forgets why `name` stopped: the runner clears it when it leads `name` again; a `reset` clears it too. */
  readonly clearFailure: (name: string) => Effect.Effect<void, EventStoreUnavailable>
  /** Why each stopped projection stopped, by name. */
  readonly failures: Effect.Effect<ReadonlyArray<ProjectionFailure>, EventStoreUnavailable>
}

/** Why a projection stopped, as the checkpoint store keeps it. */
export interface ProjectionFailure {
  readonly name: string
  readonly message: string
  readonly failedAt: Date
}

/** The `Checkpoints` service. */
export const Checkpoints: Context.Tag<Checkpoints, Checkpoints> = Context.GenericTag<Checkpoints>("@jatim/eventstore/Checkpoints")

/** Checkpoints in memory. */
export const makeInMemory: Effect.Effect<Checkpoints> = Effect.map(
  Effect.all([Ref.make(new Map<string, GlobalPosition.GlobalPosition>()), Ref.make(new Map<string, ProjectionFailure>())]),
  ([ref, failed]): Checkpoints => {
    const locks = new Map<string, Effect.Semaphore>()
    /** One unit or reset of `name` at a time. */
    const exclusively = (name: string) => {
      let lock = locks.get(name)
      if (lock === undefined) {
        lock = Effect.unsafeMakeSemaphore(1)
        locks.set(name, lock)
      }
      return lock.withPermits(1)
    }
    const load = (name: string) => Effect.map(Ref.get(ref), (map) => Option.fromNullable(map.get(name)))
    const forget = (name: string) =>
      Ref.update(failed, (map) => {
        const next = new Map(map)
        next.delete(name)
        return next
      })
    const isAt = (name: string, expected: Option.Option<GlobalPosition.GlobalPosition>) =>
      Effect.map(load(name), (current) => Option.getEquivalence(GlobalPosition.equals)(current, expected))
    return {
      load,
      save: (name, expected, next) =>
        Effect.flatMap(isAt(name, expected), (same) =>
          same ? Ref.update(ref, (map) => new Map(map).set(name, next)) : new CheckpointMoved({ name })
        ),
      transaction: (name, expected, effect) =>
        exclusively(name)(
          Effect.zipRight(
            Effect.filterOrFail(
              isAt(name, expected),
              (same) => same,
              () => new CheckpointMoved({ name })
            ),
            effect
          )
        ),
      // Under the name's lock nobody else moves the checkpoint: it is forgotten once the read
      // model is empty, so a reset that fails leaves both as they were.
      reset: (name, resetReadModel) =>
        exclusively(name)(
          Effect.tap(resetReadModel, () =>
            Effect.zipRight(
              Ref.update(ref, (map) => {
                const next = new Map(map)
                next.delete(name)
                return next
              }),
              forget(name)
            )
          )
        ),
      isTransient: () => false,
      recordFailure: (name, message) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Ref.update(failed, (map) => new Map(map).set(name, { name, message, failedAt: new Date(now) }))
        ),
      clearFailure: forget,
      failures: Effect.map(Ref.get(failed), (map) => [...map.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    }
  }
)

/** A layer with checkpoints in memory. */
export const layerInMemory: Layer.Layer<Checkpoints> = Layer.effect(Checkpoints, makeInMemory)
