import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { Commands, Umkm } from "../src/index.js"
import { certificateNumber as numbered, claimOf, type Completion, store } from "./completions.js"
import { learner, learnerId, nib, officer, otherNib, otherOwner, owner, register, workshop } from "./fixtures.js"

const kemasan: Completion = { learnerId, courseId: "kemasan-101", topic: "KEMASAN", linkedNib: nib, certificateNumber: numbered(1) }
const elsewhere: Completion = { learnerId, courseId: "kemasan-102", topic: "KEMASAN", linkedNib: otherNib, certificateNumber: numbered(2) }
const koperasi: Completion = { learnerId, courseId: "koperasi-101", topic: "PERKOPERASIAN", linkedNib: nib, certificateNumber: numbered(3) }

/** A registered UMKM and Sijawara's completions, then `body`, on a store of its own. */
const withStore = <A, E>(body: Effect.Effect<A, E, EventStore.EventStore>) =>
  Effect.gen(function* () {
    yield* Commands.umkm(register)
    yield* Effect.forEach([kemasan, elsewhere, koperasi], store, { discard: true })
    return yield* body
  }).pipe(Effect.provide(InMemoryEventStore.layer()))

const claim = (c: Completion, changes: Partial<ReturnType<typeof claimOf>> = {}) => ({
  _tag: "SIJAWARA_CERTIFICATE" as const,
  ...claimOf(c),
  ...changes
})

const failureOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.either(effect), (result) => (Either.isLeft(result) ? result.left._tag : "accepted"))

const trainings = Effect.map(EventStore.readStream(Umkm.streamName(nib)), ({ events }) =>
  events.filter((e) => e.type === "TrainingRecorded").map((e) => e.data)
)

describe("Commands.recordTraining", () => {
  it.effect("records a certificate Sijawara issued, for its topic, to a learner linked to the UMKM at completion", () =>
    withStore(
      Effect.gen(function* () {
        const result = yield* Commands.recordTraining({ actor: learner, nib, training: "KEMASAN", source: claim(kemasan) })
        expect(result.newEvents.map((e) => e._tag)).toEqual(["TrainingRecorded"])
        expect(yield* trainings).toEqual([
          expect.objectContaining({ training: "KEMASAN", source: { _tag: "SIJAWARA_CERTIFICATE", ...claimOf(kemasan) } })
        ])
        // The events record who issued it.
        const { events } = yield* EventStore.readStream(Umkm.streamName(nib))
        expect(events.at(-1)?.metadata.actor).toEqual({ role: "LEARNER", id: learnerId })
      })
    )
  )

  it.effect("refuses a certificate Sijawara did not issue: a made-up number, or a real one for another learner or course", () =>
    withStore(
      Effect.gen(function* () {
        const record = (source: ReturnType<typeof claim>) =>
          failureOf(Commands.recordTraining({ actor: officer, nib, training: "KEMASAN", source }))
        expect(yield* record(claim(kemasan, { certificateNumber: numbered(99) }))).toBe("CertificateNotIssued")
        expect(yield* record(claim(kemasan, { courseId: claimOf(elsewhere).courseId }))).toBe("CertificateNotIssued")
        expect(yield* record(claim(kemasan, { learnerId: claimOf({ ...kemasan, learnerId: "L-2025-000999" }).learnerId }))).toBe(
          "CertificateNotIssued"
        )
        expect(yield* trainings).toEqual([])
      })
    )
  )

  it.effect("refuses a certificate of another topic, or of a learner linked elsewhere or nowhere at completion", () =>
    withStore(
      Effect.gen(function* () {
        const record = (training: "KEMASAN" | "PEMASARAN_DIGITAL", c: Completion) =>
          failureOf(Commands.recordTraining({ actor: learner, nib, training, source: claim(c) }))
        expect(yield* record("PEMASARAN_DIGITAL", kemasan)).toBe("CertificateTopicMismatch")
        expect(yield* record("KEMASAN", koperasi)).toBe("CertificateTopicMismatch")
        expect(yield* record("KEMASAN", elsewhere)).toBe("LearnerNotLinkedAtCompletion")
        expect(yield* trainings).toEqual([])
      })
    )
  )

  it.effect("asks who presents the certificate before looking it up: others learn nothing about it", () =>
    withStore(
      Effect.gen(function* () {
        const other = { _tag: "LEARNER", learnerId: "L-2025-000999" } as const
        for (const actor of [owner, otherOwner, other]) {
          // The same answer for a real certificate and a made-up one.
          for (const source of [claim(kemasan), claim(kemasan, { certificateNumber: numbered(99) })]) {
            expect(yield* failureOf(Commands.recordTraining({ actor, nib, training: "KEMASAN", source }))).toBe("ActorNotAuthorized")
          }
        }
        expect(yield* trainings).toEqual([])
      })
    )
  )

  it.effect("records a workshop as it is: by a Dinas officer only", () =>
    withStore(
      Effect.gen(function* () {
        expect(yield* failureOf(Commands.recordTraining({ actor: owner, nib, training: "FOTO_PRODUK", source: workshop }))).toBe(
          "ActorNotAuthorized"
        )
        const result = yield* Commands.recordTraining({ actor: officer, nib, training: "FOTO_PRODUK", source: workshop })
        expect(result.newEvents.map((e) => e._tag)).toEqual(["TrainingRecorded"])
      })
    )
  )
})
