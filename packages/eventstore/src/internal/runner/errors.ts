/**
 * The runner's errors: `ProjectionFailed` (public, re-exported by `ProjectionRunner`) and the
 * tagged failures its steps pass between them, which never leave the runner.
 *
 * @internal
 */
import { Data, type Option, Predicate, Schema } from "effect"
import type * as Checkpoints from "../../Checkpoints.js"
import type { EventStoreUnavailable, ReadError } from "../../EventStoreError.js"
import type * as GlobalPosition from "../../GlobalPosition.js"
import { taggedError } from "../taggedError.js"

/** A projection stopped on an event it cannot apply. */
export class ProjectionFailed extends taggedError<ProjectionFailed>()(
  "ProjectionFailed",
  {
    projection: Schema.String,
    eventId: Schema.String,
    streamName: Schema.String,
    streamVersion: Schema.Number,
    reason: Schema.String
  },
  ({ projection, eventId, streamVersion, streamName, reason }) =>
    `Projection "${projection}" stopped at event "${eventId}" (version ${streamVersion} of ` +
    `"${streamName}"), which it cannot apply: ${reason}. Fix the handler or the event, then rebuild or restart it.`
) {}

/** The projection's handler failed in a unit, or the unit died (a connection lost mid-transaction). */
export class HandlerFailed extends Data.TaggedError("HandlerFailed")<{ readonly error: unknown }> {}

/** Why one unit of work failed: the projection's handler, or the unit itself (its transaction, the checkpoint). */
export type UnitFailure = HandlerFailed | Checkpoints.CheckpointMoved | EventStoreUnavailable

/** A batch stopped by a passing failure after `done` of its events were applied, up to `at`. */
export class Stalled extends Data.TaggedError("Stalled")<{
  readonly at: Option.Option<GlobalPosition.GlobalPosition>
  readonly done: number
  readonly failure: unknown
}> {}

/** The leadership of the projection was lost while following it. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is how Data.TaggedError declares an error without fields
export class LeadershipLost extends Data.TaggedError("LeadershipLost")<{}> {
  override get message(): string {
    return "leadership lost: the lock's connection failed"
  }
}

/** A run of the projection died (a defect), e.g. of a connection lost mid-read. */
export class RunDefect extends Data.TaggedError("RunDefect")<{ readonly defect: unknown }> {
  override get message(): string {
    return describeError(this.defect)
  }
}

/** Why one run of a projection ended. */
export type RunEnd = ProjectionFailed | Checkpoints.CheckpointMoved | ReadError | LeadershipLost | RunDefect

/** A failure's message, for a status's `lastError` and `ProjectionFailed`'s reason. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : Predicate.isObject(error) ? JSON.stringify(error) : String(error)

/**
 * Errors of the contract that say nothing about the event being applied: a command's target
 * stream moved meanwhile (contention), or the store is away. A retry can succeed.
 */
export const isPassingError = (error: unknown): boolean =>
  Predicate.isTagged(error, "ExpectedVersionConflict") || Predicate.isTagged(error, "EventStoreUnavailable")

/** A `ProjectionFailed` that names no event (its setup or its reset failed). */
export const failedWithoutEvent = (projection: string, reason: string): ProjectionFailed =>
  new ProjectionFailed({ projection, eventId: "", streamName: "", streamVersion: 0, reason })
