import { describe, expect, it } from "vitest"
import { Effect, Stream } from "effect"
import * as fc from "fast-check"
import { CommandHandler, EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { Identifier } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"
import { TrainingFromSijawara, Umkm, UmkmCommand } from "../src/index.js"

const handle = CommandHandler.make({ decider: Umkm.decider, codec: Umkm.codec })

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const nibs = [Identifier.Nib.make("1000000000001"), Identifier.Nib.make("1000000000002")]
const topics = ["KEMASAN", "PEMASARAN_DIGITAL", "PERKOPERASIAN", "AKUNTANSI_SHU"] as const

const registerFirst = new UmkmCommand.RegisterUmkm({
  actor: { _tag: "UMKM_OWNER", nib: nibs[0]! },
  nib: nibs[0]!,
  businessName: "Keripik Bu Sri",
  ownerName: "Sri Wahyuni",
  region: "35.78",
  sector: "KULINER",
  scale: "MIKRO"
})

/** A completion: which learner and course (so which certificate), topic, linked NIB. */
const completion = fc.record({
  n: fc.integer({ min: 1, max: 31 }),
  topic: fc.constantFrom(...topics),
  linkedNib: fc.constantFrom(null, ...nibs)
})

describe("TrainingFromSijawara properties", () => {
  it("whatever the completions and however often each is delivered, each UMKM holds each core training it earned, once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(completion, { selector: (c) => c.n, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom("before", "between", "never"),
        (completions, redeliveries, registration) =>
          Effect.gen(function* () {
            // The first UMKM registers before any completion, between deliveries, or never.
            const register = handle(Umkm.streamName(nibs[0]!), registerFirst)
            if (registration === "before") yield* register
            for (const c of completions) {
              yield* EventStore.appendToStream(`enrollment-L${c.n}_course-${c.n}`, [
                {
                  eventId: `completion-${c.n}`,
                  type: Integration.sourceEventType,
                  data: {
                    learnerId: `L${c.n}`,
                    courseId: `course-${c.n}`,
                    courseVersion: 1,
                    topic: c.topic,
                    region: "35.78",
                    linkedNib: c.linkedNib,
                    certificateNumber: `SJW-0000-0000-000${alphabet[c.n]}-0${alphabet[c.n]}`,
                    at: "2025-03-01T09:30:00.000Z"
                  }
                }
              ])
            }
            const delivered = [...(yield* Stream.runCollect(EventStore.readAll({ categories: ["enrollment"] })))]
            // Every event once in order, then some again, in any order (at least once).
            const again = delivered.length === 0 ? [] : redeliveries.map((i) => delivered[i % delivered.length]!)
            const manager = TrainingFromSijawara.make()
            yield* manager.handle(delivered)
            if (registration === "between") yield* register
            yield* manager.handle(again)
            for (const nib of nibs) {
              const { events } = yield* EventStore.readStream(Umkm.streamName(nib))
              const recorded = events.filter((e) => e.type === "TrainingRecorded").map((e) => e.data.training)
              const earned = new Set(
                completions
                  .filter((c) => c.linkedNib === nib && (c.topic === "KEMASAN" || c.topic === "PEMASARAN_DIGITAL"))
                  .map((c) => c.topic)
              )
              expect(new Set(recorded)).toEqual(earned)
              expect(recorded.length).toBe(earned.size)
            }
            // Registered before, between or after: the UMKM's state holds the trainings it earned.
            const stored = yield* EventStore.readStream(Umkm.streamName(nibs[0]!))
            const decoded = yield* Effect.forEach(stored.events, Umkm.codec.decode)
            const state = decoded.map((e) => e.data).reduce(Umkm.evolve, Umkm.initialState)
            expect(state.registration !== null).toBe(registration !== "never")
            expect(new Set(state.trainings.keys())).toEqual(
              new Set(
                completions
                  .filter((c) => c.linkedNib === nibs[0] && (c.topic === "KEMASAN" || c.topic === "PEMASARAN_DIGITAL"))
                  .map((c) => c.topic)
              )
            )
          }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.runPromise)
      )
    )
  })
})
