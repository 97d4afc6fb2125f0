import { describe, expect, it } from "vitest"
import { Arbitrary, Chunk, Effect, Exit, Stream } from "effect"
import * as fc from "fast-check"
import { CryptoShredding, type Event, InMemoryEventStore, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { PersonalDataFixtures } from "@jatim/testing"
import {
  OnboardingFunnel,
  OnboardingProgress,
  PersonalDataFields,
  StalledOnboardings,
  TimeToOnboard,
  Umkm,
  UmkmEvent
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"

const { recorded, summary, textOf } = PersonalDataFixtures

// UMKM events drawn from their Schemas, on a pool of up to three NIBs so that events meet on the
// same streams; each owner's name made unique: "Zqx-<n>-Owner".

const drawn = fc.oneof(
  { weight: 1, arbitrary: Arbitrary.make(UmkmEvent.UmkmRegistered) as fc.Arbitrary<UmkmEvent.UmkmEvent> },
  { weight: 2, arbitrary: Arbitrary.make(UmkmEvent.UmkmEvent) }
)
const history = fc.record({
  nibs: fc.uniqueArray(Arbitraries.nib, { minLength: 1, maxLength: 3 }),
  events: fc.array(fc.tuple(drawn, fc.nat()), { minLength: 1, maxLength: 12 }),
  pick: fc.nat()
})

/** The onboarding read models and every UMKM's aggregate, folded from `events` in order. */
const foldAll = (events: ReadonlyArray<Event.RecordedEvent<UmkmEvent.UmkmEvent>>) => {
  const umkm = new Map<string, Umkm.State>()
  for (const { streamName, data } of events) umkm.set(streamName, Umkm.evolve(umkm.get(streamName) ?? Umkm.initialState, data))
  const progress = OnboardingProgress.applyAll(
    OnboardingProgress.initial,
    events.map((e) => e.data)
  )
  return {
    progress,
    registered: OnboardingProgress.registered(progress),
    funnel: OnboardingFunnel.funnel(progress),
    onboardings: TimeToOnboard.onboardings(progress),
    stalled: StalledOnboardings.stalled(progress, { now: new Date(Date.UTC(2031, 0, 1)), days: 30 }),
    umkm: [...umkm]
  }
}

describe("JATIM ISO's personal data", () => {
  it("the classification names exactly UmkmRegistered.ownerName (umkm-owner:<nib>)", () => {
    expect(summary(PersonalDataFields.classification)).toEqual({
      UmkmRegistered: [["ownerName", "umkm-owner", "nib", PersonalData.erasedText]]
    })
  })

  it("one owner forgotten: every event still decodes, their name reads as erased, and the read models rebuild without it", async () => {
    await fc.assert(
      fc.asyncProperty(history, ({ nibs, events: drawnEvents, pick }) =>
        Effect.runPromiseExit(
          Effect.gen(function* () {
            const events = yield* Effect.forEach(drawnEvents, ([event, nibAt], i) =>
              Effect.map(Umkm.codec.encode({ event, eventId: `e-${i}` }), (encoded) => {
                const nib = nibs[nibAt % nibs.length]!
                const data = { ...encoded.data, nib, ...(encoded.type === "UmkmRegistered" ? { ownerName: `Zqx-${i}-Owner` } : {}) }
                return { streamName: Umkm.streamName(nib), event: { ...encoded, data } satisfies Event.NewEvent }
              })
            )
            const forgottenNib = nibs[pick % nibs.length]!
            const isForgotten = (event: Event.NewEvent) => event.type === "UmkmRegistered" && event.data["nib"] === forgottenNib
            const forgottenNames = events.flatMap(({ event }) => (isForgotten(event) ? [event.data["ownerName"] as string] : []))

            const inner = yield* InMemoryEventStore.make()
            const keys = yield* PersonalDataKeys.makeInMemory
            const store = CryptoShredding.make(inner, keys, PersonalDataFields.classification)
            for (const { streamName, event } of events) yield* store.appendToStream(streamName, [event])
            const before = foldAll(yield* Effect.forEach(events, ({ streamName, event }) => Umkm.codec.decode(recorded(streamName, event))))

            yield* PersonalDataKeys.forget(PersonalData.subject("umkm-owner", forgottenNib)).pipe(
              Effect.provideService(PersonalDataKeys.PersonalDataKeys, keys)
            )
            const read = Chunk.toReadonlyArray(yield* Stream.runCollect(store.readAll()))
            const decoded = yield* Effect.forEach(read, Umkm.codec.decode)
            const expected = yield* Effect.forEach(events, ({ streamName, event }) =>
              Umkm.codec.decode(
                recorded(streamName, isForgotten(event) ? { ...event, data: { ...event.data, ownerName: PersonalData.erasedText } } : event)
              )
            )
            expect(decoded.map((e) => e.data)).toEqual(expected.map((e) => e.data))
            for (const [i, { event }] of events.entries()) {
              if (isForgotten(event)) expect(decoded[i]!.data).toHaveProperty("ownerName", PersonalData.erasedText)
            }

            // The UMKM's aggregate held the owner's name (when registered first), and holds none of it now.
            const registeredFirst = before.umkm.find(([stream]) => stream === Umkm.streamName(forgottenNib))?.[1]
            if (registeredFirst?.registration && forgottenNames.length > 0) {
              expect(forgottenNames).toContain(registeredFirst.registration.ownerName)
            }
            const after = foldAll(decoded)
            for (const name of forgottenNames) expect(textOf(after)).not.toContain(name)
            // The onboarding read models never held a name: erasing changes nothing in them.
            const { umkm: _before, ...modelsBefore } = before
            const { umkm: _after, ...modelsAfter } = after
            expect(modelsAfter).toEqual(modelsBefore)
            expect(after.umkm).toEqual(foldAll(expected).umkm)
          })
        ).then((exit) => Exit.getOrElse(exit, (cause) => expect.fail(`the effect failed: ${cause}`)))
      ),
      { numRuns: 200 }
    )
  })
})
