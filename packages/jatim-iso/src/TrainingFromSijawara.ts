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
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import { CommandHandler, type EventStore, ProcessManager, type Projection } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import type { Integration } from "@jatim/sijawara"
import * as SijawaraCompletion from "./SijawaraCompletion.js"
import type { TrainingType } from "./Training.js"
import * as Umkm from "./Umkm.js"
import { RecordTraining, type UmkmCommand } from "./UmkmCommand.js"
import type { UmkmEvent } from "./UmkmEvent.js"

/** The process manager's name (and its checkpoint's). */
export const name = "jatim-iso-training-from-sijawara"

/** The training a completion of a course on `topic` counts as, if any. */
export const trainingOf = (topic: Integration.CourseCompleted["topic"]): Option.Option<TrainingType> =>
  topic === "KEMASAN" || topic === "PEMASARAN_DIGITAL" ? Option.some(topic) : Option.none()

/** The command a completion leads to: none unless it is a core topic and the learner is linked to a NIB. */
export const commandFor = (completed: Integration.CourseCompleted): Option.Option<RecordTraining> => {
  const nib = completed.linkedNib
  if (nib === null) return Option.none()
  return Option.map(trainingOf(completed.topic), (training) =>
    new RecordTraining({
      actor: { _tag: "LEARNER", learnerId: completed.learnerId },
      nib,
      training,
      source: {
        _tag: "SIJAWARA_CERTIFICATE",
        certificateNumber: completed.certificateNumber,
        learnerId: completed.learnerId,
        courseId: completed.courseId
      }
    }))
}

/** The command handler the process manager issues its commands with, by default. */
export const defaultHandler: CommandHandler.CommandHandler<
  UmkmCommand,
  UmkmEvent,
  Umkm.State,
  Umkm.UmkmError
> = CommandHandler.make({ decider: Umkm.decider, codec: Umkm.codec })

/** The process manager, as a projection for a `ProjectionRunner`. */
export const make = (
  handler: CommandHandler.CommandHandler<UmkmCommand, UmkmEvent, Umkm.State, Umkm.UmkmError> =
    defaultHandler
): Projection.Projection<EventStore.EventStore> =>
  ProcessManager.make({
    name,
    codec: SijawaraCompletion.codec,
    categories: [SijawaraCompletion.category],
    handle: (event) =>
      Option.match(commandFor(event.data), {
        onNone: () => Effect.void,
        onSome: (command) =>
          Effect.asVoid(
            handler(
              Umkm.streamName(command.nib),
              command,
              ProcessManager.commandOptions(event, Actor.toActorRef(command.actor))
            )
          )
      })
  })
