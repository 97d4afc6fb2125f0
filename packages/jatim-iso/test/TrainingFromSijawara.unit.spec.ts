import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Layer, Option, Ref, Scope, Stream } from "effect"
import { Checkpoints, CommandHandler, EventStore, InMemoryEventStore, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import * as Integration from "@jatim/sijawara/integration"
import { TrainingFromSijawara, Umkm } from "../src/index.js"
import { verified } from "./completions.js"
import { nib, otherNib, register } from "./fixtures.js"

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)
const handle = CommandHandler.make({ decider: Umkm.decider, codec: Umkm.codec })

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
/** The n-th certificate number (1 ≤ n < 32): code n, so its check characters are "0" and the n-th character. */
const certificateNumber = (n: number) => `SJW-0000-0000-000${alphabet[n]}-0${alphabet[n]}`

interface Completion {
  readonly n: number
  readonly topic: Integration.CourseCompleted["topic"]
  readonly linkedNib: string | null
  readonly learnerId?: string
}

/** Sijawara completes an enrollment: its stored `EnrollmentCompleted` event, as Sijawara writes it. */
const completeCourse = ({ learnerId = "L-2025-000123", linkedNib, n, topic }: Completion) =>
  EventStore.appendToStream(`${Integration.sourceCategory}-${learnerId}_course-${n}`, [
    {
      eventId: `completion-${n}`,
      type: Integration.sourceEventType,
      data: {
        learnerId,
        courseId: `course-${n}`,
        courseVersion: 1,
        topic,
        region: "35.07",
        linkedNib,
        certificateNumber: certificateNumber(n),
        at: "2025-03-01T09:30:00.000Z"
      }
    }
  ])

const umkmEvents = (id: string) => Effect.map(EventStore.readStream(`umkm-${id}`), ({ events }) => events)

const trainingsOn = (id: string) =>
  Effect.map(umkmEvents(id), (events) =>
    events
      .filter((e) => e.type === "TrainingRecorded")
      .map((e) => ({
        training: e.data.training,
        certificate: (e.data.source as { readonly certificateNumber?: unknown }).certificateNumber,
        cause: e.metadata.causationId,
        actor: e.metadata.actor
      }))
  )

describe("TrainingFromSijawara", () => {
  it("maps a verified completion to the command: core topics of linked learners only", async () => {
    const topics = ["KEMASAN", "PEMASARAN_DIGITAL", "PERKOPERASIAN", "MANAJEMEN_KOPERASI", "AKUNTANSI_SHU"] as const
    const completions = [
      ...topics.map((topic, i) => ({
        learnerId: "L-1",
        courseId: `course-${i + 1}`,
        topic,
        linkedNib: nib,
        certificateNumber: certificateNumber(i + 1)
      })),
      { learnerId: "L-1", courseId: "course-9", topic: "KEMASAN" as const, linkedNib: null, certificateNumber: certificateNumber(9) }
    ]
    const [kemasan, pemasaran, ...others] = await verified(completions)
    const command = TrainingFromSijawara.commandFor(kemasan!)
    expect(Option.map(command, (c) => [c._tag, c.training, c.nib, c.actor, c.completion])).toEqual(
      Option.some(["RecordSijawaraTraining", "KEMASAN", nib, { _tag: "LEARNER", learnerId: "L-1" }, kemasan])
    )
    expect(Option.map(TrainingFromSijawara.commandFor(pemasaran!), (c) => c.training)).toEqual(Option.some("PEMASARAN_DIGITAL"))
    // Other topics, and a learner linked to no UMKM at completion, lead to nothing.
    for (const other of others) expect(TrainingFromSijawara.commandFor(other)).toEqual(Option.none())
    expect(others.length).toBe(4)
  })

  it.effect("a completion event Sijawara's lookup does not confirm records nothing, and the manager goes on", () =>
    Effect.gen(function* () {
      yield* handle(Umkm.streamName(nib), register)
      // An EnrollmentCompleted in a stream that is not the enrollment of the learner and course it names.
      yield* EventStore.appendToStream(`${Integration.sourceCategory}-L-2025-000999_other-course`, [
        {
          eventId: "misplaced-1",
          type: Integration.sourceEventType,
          data: {
            learnerId: "L-2025-000123",
            courseId: "course-1",
            courseVersion: 1,
            topic: "KEMASAN",
            region: "35.07",
            linkedNib: nib,
            certificateNumber: certificateNumber(1),
            at: "2025-03-01T09:30:00.000Z"
          }
        }
      ])
      const delivered = yield* Stream.runCollect(EventStore.readAll({ categories: [Integration.sourceCategory] }))
      yield* TrainingFromSijawara.make().handle([...delivered])
      expect(yield* trainingsOn(nib)).toEqual([])
    }).pipe(Effect.provide(inMemory))
  )

  it.live("records packaging and digital-marketing completions of linked learners on their UMKM, with the completion as cause", () =>
    Effect.gen(function* () {
      yield* handle(Umkm.streamName(nib), register)
      const runner = yield* ProjectionRunner.make([TrainingFromSijawara.make()])
      yield* completeCourse({ n: 1, topic: "KEMASAN", linkedNib: nib })
      yield* completeCourse({ n: 2, topic: "AKUNTANSI_SHU", linkedNib: nib })
      yield* completeCourse({ n: 3, topic: "PEMASARAN_DIGITAL", linkedNib: null })
      yield* completeCourse({ n: 4, topic: "PEMASARAN_DIGITAL", linkedNib: nib })
      yield* runner.awaitCaughtUp(TrainingFromSijawara.name)
      expect(yield* trainingsOn(nib)).toEqual([
        { training: "KEMASAN", certificate: certificateNumber(1), cause: "completion-1", actor: { role: "LEARNER", id: "L-2025-000123" } },
        {
          training: "PEMASARAN_DIGITAL",
          certificate: certificateNumber(4),
          cause: "completion-4",
          actor: { role: "LEARNER", id: "L-2025-000123" }
        }
      ])
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.effect("a completion delivered twice is applied once; a second course on the same topic changes nothing", () =>
    Effect.gen(function* () {
      const outcomes = yield* Ref.make<ReadonlyArray<string>>([])
      const observing: typeof TrainingFromSijawara.defaultHandler = (streamName, command, options) =>
        Effect.tap(TrainingFromSijawara.defaultHandler(streamName, command, options), (result) =>
          Ref.update(outcomes, (all) => [
            ...all,
            result.alreadyApplied ? "already applied" : result.newEvents.length === 0 ? "nothing new" : "recorded"
          ])
        )
      const manager = TrainingFromSijawara.make(observing)
      yield* handle(Umkm.streamName(nib), register)
      yield* completeCourse({ n: 1, topic: "KEMASAN", linkedNib: nib })
      yield* completeCourse({ n: 2, topic: "KEMASAN", linkedNib: nib, learnerId: "L-2025-000456" })
      const delivered = yield* Stream.runCollect(EventStore.readAll({ categories: [Integration.sourceCategory] }))
      const [first, second] = [...delivered]
      // At-least-once delivery: the same event, again and again, in one batch and in the next.
      yield* manager.handle([first!, first!])
      yield* manager.handle([first!, second!, first!])
      yield* manager.handle([second!])
      // The same completion is recognised by its cause; another completion of the same training is a no-op.
      expect(yield* Ref.get(outcomes)).toEqual([
        "recorded",
        "already applied",
        "already applied",
        "nothing new",
        "already applied",
        "nothing new"
      ])
      expect(yield* trainingsOn(nib)).toEqual([
        { training: "KEMASAN", certificate: certificateNumber(1), cause: "completion-1", actor: { role: "LEARNER", id: "L-2025-000123" } }
      ])
    }).pipe(Effect.provide(inMemory))
  )

  it.live("a completion that arrives before the UMKM registers is kept, and the UMKM has it once registered", () =>
    Effect.gen(function* () {
      const runner = yield* ProjectionRunner.make([TrainingFromSijawara.make()])
      yield* completeCourse({ n: 1, topic: "PEMASARAN_DIGITAL", linkedNib: nib })
      yield* runner.awaitCaughtUp(TrainingFromSijawara.name)
      expect((yield* trainingsOn(nib)).map((t) => t.training)).toEqual(["PEMASARAN_DIGITAL"])
      // The manager did not stop on the unknown UMKM: it goes on with the next completions.
      yield* completeCourse({ n: 2, topic: "KEMASAN", linkedNib: otherNib })
      yield* runner.awaitCaughtUp(TrainingFromSijawara.name)
      expect((yield* trainingsOn(otherNib)).map((t) => t.training)).toEqual(["KEMASAN"])
      const [status] = yield* runner.status
      expect(status?.state).toBe("live")
      // The owner registers later: the training is part of the UMKM, and a redelivery changes nothing.
      const registration = yield* handle(Umkm.streamName(nib), register)
      expect([...registration.newState.trainings.keys()]).toEqual(["PEMASARAN_DIGITAL"])
      expect(registration.newState.registration?.businessName).toBe("Keripik Bu Sri")
      yield* runner.rebuild(TrainingFromSijawara.name)
      yield* runner.awaitCaughtUp(TrainingFromSijawara.name)
      expect((yield* umkmEvents(nib)).map((e) => e.type)).toEqual(["TrainingRecorded", "UmkmRegistered"])
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.live("a crash after the command but before the checkpoint does not record the training twice", () =>
    Effect.gen(function* () {
      const commandIssued = yield* Deferred.make<void>()
      const crashOnce = yield* Ref.make(true)
      const crashingHandler: typeof TrainingFromSijawara.defaultHandler = (streamName, command, options) =>
        Effect.tap(TrainingFromSijawara.defaultHandler(streamName, command, options), () =>
          Effect.gen(function* () {
            if (yield* Ref.getAndSet(crashOnce, false)) {
              yield* Deferred.succeed(commandIssued, undefined)
              return yield* Effect.never
            }
          })
        )
      yield* handle(Umkm.streamName(nib), register)
      yield* completeCourse({ n: 1, topic: "KEMASAN", linkedNib: nib })
      // The first runner records the training, then dies before its checkpoint moves.
      const first = yield* Scope.make()
      yield* Scope.extend(ProjectionRunner.make([TrainingFromSijawara.make(crashingHandler)]), first)
      yield* Deferred.await(commandIssued)
      yield* Scope.close(first, Exit.void)
      expect(Option.isNone(yield* Effect.flatMap(Checkpoints.Checkpoints, (c) => c.load(TrainingFromSijawara.name)))).toBe(true)
      expect((yield* trainingsOn(nib)).length).toBe(1)
      // The next runner gets the completion again: the command is recognised as applied.
      const second = yield* ProjectionRunner.make([TrainingFromSijawara.make(crashingHandler)])
      yield* second.awaitCaughtUp(TrainingFromSijawara.name)
      yield* completeCourse({ n: 2, topic: "PEMASARAN_DIGITAL", linkedNib: nib })
      yield* second.awaitCaughtUp(TrainingFromSijawara.name)
      expect((yield* trainingsOn(nib)).map((t) => [t.training, t.cause])).toEqual([
        ["KEMASAN", "completion-1"],
        ["PEMASARAN_DIGITAL", "completion-2"]
      ])
      expect(Option.isSome(yield* Effect.flatMap(Checkpoints.Checkpoints, (c) => c.load(TrainingFromSijawara.name)))).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.effect("a stored completion that does not decode is not skipped: the batch fails", () =>
    Effect.gen(function* () {
      yield* EventStore.appendToStream("enrollment-broken", [
        {
          eventId: "broken-1",
          type: Integration.sourceEventType,
          data: { learnerId: "L-1", topic: "KEMASAN" }
        }
      ])
      const delivered = yield* Stream.runCollect(EventStore.readAll({ categories: [Integration.sourceCategory] }))
      const result = yield* Effect.either(TrainingFromSijawara.make().handle([...delivered]))
      expect(result._tag).toBe("Left")
    }).pipe(Effect.provide(inMemory))
  )
})
