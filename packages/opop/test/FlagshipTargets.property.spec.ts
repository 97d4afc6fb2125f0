/**
 * Flagships against the targets: for any pesantren's designations and retirements (dated or
 * not), the report counts for each year the flagships active on its last day and those
 * designated in it, per kabupaten/kota and province-wide, beside the program's targets.
 */
import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import { CalendarDate, type Identifier, Region } from "@jatim/kernel"
import { FlagshipTargets, type OpopEvent, PesantrenEvent, ProductId } from "../src/index.js"

/** One pesantren's flagship history: designations and retirements in turn, days never going back. */
const pesantrenHistory = (index: number) =>
  fc
    .record({
      regionCode: fc.constantFrom(...Region.codes),
      steps: fc.array(fc.record({ gap: fc.nat({ max: 900 }), dated: fc.boolean() }), { maxLength: 6 }),
      start: fc.integer({ min: CalendarDate.toDayNumber(CalendarDate.unsafeMake("2018-06-01")), max: 20_000 })
    })
    .map(({ regionCode, start, steps }) => {
      const nspp = `5100352900${String(index).padStart(2, "0")}` as Identifier.Nspp
      const events: Array<OpopEvent.OpopEvent> = [
        new PesantrenEvent.PesantrenRegistered({ nspp, name: `Pesantren ${index}`, regionCode, pengasuh: "Pengasuh", santriCount: 100 })
      ]
      let day = start
      steps.forEach(({ dated, gap }, i) => {
        day += gap
        const productId = ProductId.ProductId.make(`prd-${index}-${Math.floor(i / 2)}`)
        events.push(
          i % 2 === 0
            ? new PesantrenEvent.FlagshipDesignated({ nspp, productId, grade: "UNGGULAN", designatedOn: CalendarDate.fromDayNumber(day) })
            : new PesantrenEvent.FlagshipRetired({
                nspp,
                productId,
                reason: "diganti",
                ...(dated ? { retiredOn: CalendarDate.fromDayNumber(day) } : {})
              })
        )
      })
      return { nspp, regionCode, events }
    })

const histories = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => pesantrenHistory(i))))

/**
 * The oracle, by walking each pesantren's events in order: whether it has a flagship on `day`
 * (an undated retirement ends it on its designation's day), and whether it designated one in `year`.
 */
const walk = (events: ReadonlyArray<OpopEvent.OpopEvent>, year: number) => {
  const last = `${year}-12-31`
  let active = false
  let designated = 0
  let since: string | undefined
  for (const event of events) {
    if (event._tag === "FlagshipDesignated") {
      since = event.designatedOn
      if (event.designatedOn.startsWith(`${year}-`)) designated++
      if (event.designatedOn <= last) active = true
    }
    if (event._tag === "FlagshipRetired" && since !== undefined) {
      if ((event.retiredOn ?? since) <= last) active = false
      since = undefined
    }
  }
  return { active: active ? 1 : 0, designated }
}

describe("FlagshipTargets", () => {
  it("counts, per year, the flagships active on its last day and those designated in it, per kabupaten/kota and province-wide", () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 2019, max: 2030 }), (pesantren, throughYear) => {
        const state = FlagshipTargets.applyAll(
          FlagshipTargets.initialState,
          pesantren.flatMap((p) => p.events)
        )
        const report = FlagshipTargets.report(state, { throughYear })
        const years = FlagshipTargets.yearsThrough(throughYear)
        expect(report.province.map((row) => row.year)).toEqual(years)
        for (const row of report.province) {
          const expected = pesantren.map((p) => walk(p.events, row.year))
          expect(row.active).toBe(expected.reduce((sum, e) => sum + e.active, 0))
          expect(row.designated).toBe(expected.reduce((sum, e) => sum + e.designated, 0))
          expect(row.target).toBe(FlagshipTargets.targets.get(row.year))
          expect(row.shareOfTarget).toBe(row.target === undefined ? undefined : row.active / row.target)
        }
        expect(report.regions.map((r) => r.regionCode)).toEqual(Region.all.map((r) => r.code))
        for (const region of report.regions) {
          for (const row of region.years) {
            const here = pesantren.filter((p) => p.regionCode === region.regionCode).map((p) => walk(p.events, row.year))
            expect([row.active, row.designated]).toEqual([
              here.reduce((sum, e) => sum + e.active, 0),
              here.reduce((sum, e) => sum + e.designated, 0)
            ])
          }
        }
        // The report crosses the wire as its Schema says.
        expect(Schema.decodeUnknownSync(FlagshipTargets.Report)(Schema.encodeSync(FlagshipTargets.Report)(report))).toEqual(report)
      })
    )
  })

  it("reports one kabupaten/kota when asked, and nothing before the launch; the targets are the program's", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Region.codes), (regionCode) => {
        const report = FlagshipTargets.report(FlagshipTargets.initialState, { throughYear: 2024, region: regionCode })
        expect(report.regions.map((r) => r.regionCode)).toEqual([regionCode])
        expect(report.province.map((r) => [r.year, r.target])).toEqual([
          [2019, undefined],
          [2020, undefined],
          [2021, undefined],
          [2022, undefined],
          [2023, 1_000],
          [2024, 1_210]
        ])
      })
    )
    expect(FlagshipTargets.report(FlagshipTargets.initialState, { throughYear: 2018 }).province).toEqual([])
  })
})
