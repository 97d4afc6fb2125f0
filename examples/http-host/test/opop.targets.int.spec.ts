/**
 * OPOP's flagship products against the program's targets over real HTTP on PostgreSQL (issue 20,
 * adr/0089): public, by year from 2019 with the targets of 2023 and 2024, per kabupaten/kota, this
 * year's figures equal to the dashboard's active flagships; what the query takes is checked.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate } from "@jatim/kernel"
import { seedIfEmpty } from "../src/demo/loader.js"
import { hostPerFile } from "./support.js"

const suite = hostPerFile("opop_targets", {}, 120_000)
const { get } = suite

interface Report {
  readonly province: ReadonlyArray<{ year: number; active: number; designated: number; target?: number; shareOfTarget?: number }>
  readonly regions: ReadonlyArray<{ regionCode: string; years: ReadonlyArray<{ year: number; active: number; designated: number }> }>
}

const thisYear = Number(CalendarDate.fromEpochMillis(Date.now()).slice(0, 4))

describe("OPOP: flagship products against the targets", () => {
  it("answers everyone, by year since 2019 beside the program's targets, and per kabupaten/kota as the dashboard counts", async () => {
    await Effect.runPromise(seedIfEmpty({ force: false }).pipe(Effect.provide(suite.host.context)))
    const answer = await get("/opop/targets")
    expect(answer.status).toBe(200)
    const report = answer.body as Report
    expect(report.province.map((row) => row.year)).toEqual(Array.from({ length: thisYear - 2018 }, (_, i) => 2019 + i))
    const byYear = new Map(report.province.map((row) => [row.year, row]))
    expect([byYear.get(2023)?.target, byYear.get(2024)?.target]).toEqual([1_000, 1_210])
    expect(byYear.get(2022)?.target).toBeUndefined()
    // This year's end counts the flagships active now: the dashboard's figures, province-wide and per kabupaten/kota.
    const dashboard = (await get("/opop/dashboard")).body as {
      province: { activeFlagships: number }
      regions: ReadonlyArray<{ regionCode: string; activeFlagships: number }>
    }
    expect(dashboard.province.activeFlagships).toBeGreaterThan(0)
    expect(byYear.get(thisYear)?.active).toBe(dashboard.province.activeFlagships)
    expect(report.regions).toHaveLength(38)
    for (const region of report.regions) {
      const now = region.years.find((row) => row.year === thisYear)
      expect(now?.active).toBe(dashboard.regions.find((r) => r.regionCode === region.regionCode)?.activeFlagships)
    }
    // The province's figures are the sum of the kabupaten/kota's.
    for (const row of report.province) {
      const regional = report.regions.map((region) => region.years.find((r) => r.year === row.year)!)
      expect([row.active, row.designated]).toEqual([
        regional.reduce((sum, r) => sum + r.active, 0),
        regional.reduce((sum, r) => sum + r.designated, 0)
      ])
    }

    const one = (
      await get(`/opop/targets?region=${report.regions.find((r) => r.years.some((y) => y.active > 0))!.regionCode}&through=2024`)
    ).body as Report
    expect(one.regions).toHaveLength(1)
    expect(one.province.map((row) => row.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024])
  })

  it("refuses a year before the program or a region that is not a kabupaten/kota of Jawa Timur with 400", async () => {
    for (const query of ["through=2018", "through=tahun", "region=36.01", "region=35.99"]) {
      expect((await get(`/opop/targets?${query}`)).status).toBe(400)
    }
  })
})
