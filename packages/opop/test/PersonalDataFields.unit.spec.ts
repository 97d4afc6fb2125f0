import { describe, expect, it } from "vitest"
import { Arbitrary, Effect } from "effect"
import * as fc from "fast-check"
import { type Event, PersonalData } from "@jatim/eventstore"
import { PersonalDataFixtures } from "@jatim/testing"
import {
  KabupatenDashboard,
  OpopEvent,
  PersonalDataFields,
  Pesantren,
  PesantrenDirectory,
  PesantrenEvent,
  Product,
  Santripreneur,
  SantripreneurEvent
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"

const { forgetOne, runOrFail, summary, textOf } = PersonalDataFixtures

// OPOP events drawn from their Schemas, on a pool of two pesantren and two santri so that events
// meet on the same streams; each personal value made unique: "Zqx-<n>-Pengasuh".

const pool = Arbitraries.defaultPool
const drawn = fc.oneof(
  { weight: 3, arbitrary: Arbitrary.make(PesantrenEvent.PesantrenRegistered) as fc.Arbitrary<OpopEvent.OpopEvent> },
  { weight: 3, arbitrary: Arbitrary.make(SantripreneurEvent.SantripreneurEnrolled) as fc.Arbitrary<OpopEvent.OpopEvent> },
  { weight: 4, arbitrary: Arbitrary.make(OpopEvent.OpopEvent) }
)
const history = fc.array(fc.tuple(drawn, fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 })

/** `drawn` as stored: ids from the pool, personal values unique; each with its stream. */
const stored = (events: ReadonlyArray<readonly [OpopEvent.OpopEvent, number, number]>) =>
  Effect.forEach(events, ([event, nsppAt, santriAt], i) =>
    Effect.map(OpopEvent.codec.encode({ event, eventId: `e-${i}` }), (encoded) => {
      const data: Record<string, unknown> = { ...encoded.data }
      if ("nspp" in data) data["nspp"] = pool.nspps[nsppAt % pool.nspps.length]
      if ("santriId" in data) data["santriId"] = pool.santriIds[santriAt % pool.santriIds.length]
      if (encoded.type === "PesantrenRegistered") data["pengasuh"] = `Zqx-${i}-Pengasuh`
      if (encoded.type === "SantripreneurEnrolled") data["name"] = `Zqx-${i}-Santri`
      const streamName =
        "santriId" in data
          ? Santripreneur.streamName(data["santriId"] as never)
          : "productId" in data
            ? Product.streamName(data["productId"] as never)
            : Pesantren.streamName(data["nspp"] as never)
      return { streamName, event: { ...encoded, data } satisfies Event.NewEvent }
    })
  )

/** The personal value of a stored event, with its subject. */
const personal = (event: Event.NewEvent): readonly [subject: string, field: string] | undefined =>
  event.type === "PesantrenRegistered"
    ? [PersonalData.subject("pengasuh", event.data["nspp"] as string), "pengasuh"]
    : event.type === "SantripreneurEnrolled"
      ? [PersonalData.subject("santri", event.data["santriId"] as string), "name"]
      : undefined

/** The read models and aggregates that take these events, folded from `events` in order. */
const foldAll = (events: ReadonlyArray<Event.RecordedEvent<OpopEvent.OpopEvent>>) => {
  const typed = events.map((e) => e.data)
  const pesantren = new Map<string, Pesantren.State>()
  const santri = new Map<string, Santripreneur.State>()
  for (const { streamName, data } of events) {
    if (streamName.startsWith(`${Pesantren.category}-`)) {
      pesantren.set(
        streamName,
        Pesantren.evolve(pesantren.get(streamName) ?? Pesantren.initialState, data as PesantrenEvent.PesantrenEvent)
      )
    }
    if (streamName.startsWith(`${Santripreneur.category}-`)) {
      santri.set(
        streamName,
        Santripreneur.evolve(santri.get(streamName) ?? Santripreneur.initialState, data as SantripreneurEvent.SantripreneurEvent)
      )
    }
  }
  const directory = PesantrenDirectory.applyAll(PesantrenDirectory.initialState, typed)
  const dashboard = KabupatenDashboard.applyAll(KabupatenDashboard.initialState, typed)
  return {
    directory: PesantrenDirectory.list(directory),
    directoryState: directory,
    dashboard: [...KabupatenDashboard.all(dashboard), KabupatenDashboard.province(dashboard)],
    dashboardState: dashboard,
    pesantren: [...pesantren],
    santri: [...santri]
  }
}

describe("OPOP's personal data", () => {
  it("the classification names exactly PesantrenRegistered.pengasuh (pengasuh:<nspp>) and SantripreneurEnrolled.name (santri:<santriId>)", () => {
    expect(summary(PersonalDataFields.classification)).toEqual({
      PesantrenRegistered: [["pengasuh", "pengasuh", "nspp", PersonalData.erasedText]],
      SantripreneurEnrolled: [["name", "santri", "santriId", PersonalData.erasedText]]
    })
  })

  it("one person forgotten: every event still decodes, their field reads as erased, and the read models rebuild without their name", async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.nat(), (drawnEvents, pick) =>
        runOrFail(
          Effect.gen(function* () {
            const events = yield* stored(drawnEvents)
            const subjects = [...new Set(events.flatMap(({ event }) => personal(event)?.[0] ?? []))]
            if (subjects.length === 0) return
            const forgotten = subjects[pick % subjects.length]!
            const isForgotten = (event: Event.NewEvent) => personal(event)?.[0] === forgotten
            const forgottenNames = events.flatMap(({ event }) => (isForgotten(event) ? [event.data[personal(event)![1]] as string] : []))

            const forgetting = yield* forgetOne({
              classification: PersonalDataFields.classification,
              decode: OpopEvent.codec.decode,
              events,
              subject: forgotten,
              erasedField: (event) => (isForgotten(event) ? personal(event)![1] : undefined)
            })
            const before = foldAll(forgetting.before)
            expect(forgottenNames.some((name) => textOf(before).includes(name))).toBe(true)

            const after = foldAll(forgetting.after)
            const expected = foldAll(forgetting.expected)
            for (const name of forgottenNames) expect(textOf(after)).not.toContain(name)
            expect(after.directory).toEqual(expected.directory)
            expect(after.dashboard).toEqual(before.dashboard)
            expect(after.pesantren).toEqual(expected.pesantren)
            expect(after.santri).toEqual(expected.santri)
          })
        )
      ),
      { numRuns: 200 }
    )
  })
})
