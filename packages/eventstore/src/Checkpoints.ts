/**
 * Where projections and process managers keep their checkpoint: the position of the last event
 * they applied. A checkpoint moves only in the same unit of work as the read model's change
 * (`transaction`), and only from the position the runner last saw, so two runners can never
 * both move it and a checkpoint is never ahead of its read model.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Ref, Schema } from "effect"
import type { EventStoreUnavailable } from "./EventStoreError.js"
import * as GlobalPosition from "./GlobalPosition.js"

/** The checkpoint was not where the runner left it: another runner moved it, or a rebuild reset it. */
export class CheckpointMoved extends Schema.TaggedError<CheckpointMoved>()("CheckpointMoved", {
  name: Schema.String
}) {
  override get message(): string {
    return `The checkpoint of "${this.name}" moved under this runner (another instance leads it, or it was reset); ` +
      `this runner stops applying and starts again from the stored checkpoint.`
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
  /** Forgets the checkpoint: the next run starts from the first event. */
  readonly reset: (name: string) => Effect.Effect<void, EventStoreUnavailable>
  /**
   * Runs `effect` (a read model's change, then the checkpoint's move) as one unit: a database
   * transaction on PostgreSQL, so both commit or neither; in memory, the runner itself keeps the
   * move from being interrupted once the change is made.
   */
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | EventStoreUnavailable, R>
}

/** The `Checkpoints` service. */
export const Checkpoints: Context.Tag<Checkpoints, Checkpoints> = Context.GenericTag<Checkpoints>("@jatim/eventstore/Checkpoints")

/** Checkpoints in memory. */
export const makeInMemory: Effect.Effect<Checkpoints> = Effect.map(
  Ref.make(new Map<string, GlobalPosition.GlobalPosition>()),
  (ref): Checkpoints => ({
    load: (name) => Effect.map(Ref.get(ref), (map) => Option.fromNullable(map.get(name))),
    save: (name, expected, next) =>
      Effect.flatMap(Ref.get(ref), (map) => {
        const current = Option.fromNullable(map.get(name))
        const same = Option.isNone(current)
          ? Option.isNone(expected)
          : Option.isSome(expected) && GlobalPosition.equals(current.value, expected.value)
        return same
          ? Ref.set(ref, new Map(map).set(name, next))
          : new CheckpointMoved({ name })
      }),
    reset: (name) =>
      Ref.update(ref, (map) => {
        const next = new Map(map)
        next.delete(name)
        return next
      }),
    transaction: (effect) => effect
  })
)

/** A layer with checkpoints in memory. */
export const layerInMemory: Layer.Layer<Checkpoints> = Layer.effect(Checkpoints, makeInMemory)
