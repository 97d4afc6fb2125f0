/**
 * Applying a unit: a batch of events and the checkpoint's move, as one unit of work (one
 * transaction on PostgreSQL), with retries.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import * as Checkpoints from "../../Checkpoints.js"
import type { RecordedEvent } from "../../Event.js"
import * as GlobalPosition from "../../GlobalPosition.js"
import type { Projection } from "../../Projection.js"
import type { RunnerEnv } from "./env.js"
import { HandlerFailed, type UnitFailure } from "./errors.js"

/** Applies `events` and moves the checkpoint from `from`, as one unit, with retries; answers the new position. */
export const applyUnit = <R>(
  env: RunnerEnv,
  projection: Projection<R>,
  from: Option.Option<GlobalPosition.GlobalPosition>,
  events: ReadonlyArray<RecordedEvent>
): Effect.Effect<Option.Option<GlobalPosition.GlobalPosition>, UnitFailure, R> =>
  env.checkpoints
    .transaction(
      projection.name,
      from,
      // The handler may be interrupted (shutdown); once it has applied the batch, the
      // checkpoint's move is not: the two land together or not at all.
      Effect.uninterruptibleMask((restore) =>
        Effect.zipRight(
          restore(Effect.mapError(projection.handle(events), (error) => new HandlerFailed({ error }))),
          env.checkpoints.save(projection.name, from, events[events.length - 1]!.globalPosition)
        )
      )
    )
    .pipe(
      // A connection lost mid-transaction can surface as a defect (its rollback fails): retry it too.
      Effect.catchAllDefect((defect) => Effect.fail(new HandlerFailed({ error: defect }))),
      Effect.retry({ schedule: env.settings.retrySchedule, while: (failure) => failure._tag !== "CheckpointMoved" }),
      Effect.as(Option.some(events[events.length - 1]!.globalPosition)),
      Effect.withSpan("Projection.applyBatch", {
        attributes: { projection: projection.name, events: events.length },
        captureStackTrace: false
      })
    )

/** Fails with `CheckpointMoved` when the stored checkpoint is no longer `expected`. */
export const failIfMoved = (env: RunnerEnv, name: string, expected: Option.Option<GlobalPosition.GlobalPosition>) =>
  Effect.flatMap(env.checkpoints.load(name), (stored) =>
    Option.getEquivalence(GlobalPosition.equals)(stored, expected) ? Effect.void : Effect.fail(new Checkpoints.CheckpointMoved({ name }))
  )
