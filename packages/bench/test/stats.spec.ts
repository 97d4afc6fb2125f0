import { describe, expect, it } from "vitest"
import { markdownTable, median, ratio, formatRatio } from "../src/stats.js"

describe("stats", () => {
  it("takes the median of odd and even counts without reordering the input", () => {
    const values = [5, 1, 3]
    expect(median(values)).toBe(3)
    expect(values).toEqual([5, 1, 3])
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it("compares rates and durations so that more is better", () => {
    expect(ratio(80, 100, "higher")).toBeCloseTo(0.8)
    expect(ratio(200, 100, "lower")).toBeCloseTo(0.5)
    expect(formatRatio(0.804)).toBe("80 %")
    expect(formatRatio(undefined)).toBe("—")
  })

  it("prints a markdown table with a row per scenario", () => {
    const table = markdownTable([
      { scenario: "append", ours: "1 ev/s", baseline: "2 ev/s", ratio: 0.5, target: "≥ 80 %", met: false },
      { scenario: "in-memory | appends", ours: "3 ev/s", baseline: "—", ratio: undefined, target: "—", met: undefined }
    ])
    const lines = table.split("\n")
    expect(lines).toHaveLength(4)
    expect(lines[2]).toBe("| append | 1 ev/s | 2 ev/s | 50 % | ≥ 80 % | **no** |")
    expect(lines[3]).toBe("| in-memory \\| appends | 3 ev/s | — | — | — | — |")
  })
})
