/**
 * The process manager that turns Sijawara course completions into JATIM ISO trainings: a
 * `CourseCompleted` on a `KEMASAN` (packaging) or `PEMASARAN_DIGITAL` (digital marketing) course,
 * by a learner linked to a NIB, records that training on the UMKM of that NIB.
 *
 * - At least once: it runs in a `ProjectionRunner` with its own checkpoint; an event whose
 *   command fails is retried, and the manager stops (never skips) if it keeps failing.
 * - Applied once: the command is issued with the completion as its cause and deduplicated
 *   (`ProcessManager.commandOptions`), and recording a training already recorded is a no-op.
 * - Out of order: a completion that arrives before the UMKM registers is recorded on the UMKM's
 *   stream all the same, and registration keeps it (adr/0031), so no training is ever lost and
 *   the manager never stops on a UMKM it does not know yet.
 * - The command is issued as the learner named on the certificate (`LEARNER(learnerId)`).
 * - Verified: the completion the command carries is read again from Sijawara's events with
 *   `VerifiedCompletion.find` (the stream the event came from), as every Sijawara training is; a
 *   completion Sijawara's lookup does not confirm is left out, with a warning.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import { type CommandHandler, type EventStore, ProcessManager, type Projection } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import type * as Integration from "@jatim/sijawara/integration"
import * as Commands from "../Commands.js"
import * as SijawaraCompletion from "../SijawaraCompletion.js"
import * as Training from "../Training.js"
import * as Umkm from "../Umkm.js"
import { RecordSijawaraTraining, type UmkmCommand } from "../UmkmCommand.js"
import type { UmkmEvent } from "../UmkmEvent.js"
import * as VerifiedCompletion from "../VerifiedCompletion.js"

/** The process manager's name (and its checkpoint's). */
export const name = "jatim-iso-training-from-sijawara"

/** The training a completion of a course on `topic` counts as, if any (`Training.ofTopic`). */
export const trainingOf: (topic: Integration.CourseCompleted["topic"]) => Option.Option<Training.TrainingType> = Training.ofTopic

/** Whether a completion leads to a training: a core topic, by a learner linked to a NIB. */
export const isTraining = (completed: Integration.CourseCompleted): boolean =>
  completed.linkedNib !== null && Option.isSome(trainingOf(completed.topic))

/** The command a verified completion leads to: none unless it is a core topic and the learner is linked to a NIB. */
export const commandFor = (verified: VerifiedCompletion.VerifiedCompletion): Option.Option<RecordSijawaraTraining> => {
  const { completed } = verified
  const nib = completed.linkedNib
  if (nib === null) return Option.none()
  return Option.map(
    trainingOf(completed.topic),
    (training) =>
      new RecordSijawaraTraining({
        actor: { _tag: "LEARNER", learnerId: completed.learnerId },
        nib,
        training,
        completion: verified
      })
  )
}

/** The command handler the process manager issues its commands with, by default (`Commands.handler`). */
export const defaultHandler: CommandHandler.CommandHandler<UmkmCommand, UmkmEvent, Umkm.State, Umkm.UmkmError> = Commands.handler

/** The process manager, as a projection for a `ProjectionRunner`. */
export const make = (
  handler: CommandHandler.CommandHandler<UmkmCommand, UmkmEvent, Umkm.State, Umkm.UmkmError> = defaultHandler
): Projection.Projection<EventStore.EventStore> =>
  ProcessManager.make({
    name,
    codec: SijawaraCompletion.codec,
    categories: [SijawaraCompletion.category],
    handle: (event) =>
      !isTraining(event.data)
        ? Effect.void
        : Effect.gen(function* () {
            const { certificateNumber, courseId, learnerId } = event.data
            const verified = yield* VerifiedCompletion.find({ certificateNumber, learnerId, courseId })
            const command = Option.flatMap(verified, commandFor)
            if (Option.isNone(command)) {
              return yield* Effect.logWarning(
                `completion ${event.eventId} (certificate ${certificateNumber}) is not confirmed by Sijawara's lookup: no training recorded`
              )
            }
            yield* handler(
              Umkm.streamName(command.value.nib),
              command.value,
              ProcessManager.commandOptions(event, Actor.toActorRef(command.value.actor))
            )
          })
  })
