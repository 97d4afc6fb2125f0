import { describe, expect, it } from "vitest"
import { Arbitrary } from "effect"
import * as fc from "fast-check"
import { Curation } from "../src/index.js"

describe("Curation", () => {
  it("grades by total: 6–11 PEMULA, 12–15 BERKEMBANG, 16–18 UNGGULAN", () => {
    const byTotal = Array.from({ length: 13 }, (_, i) => [i + 6, Curation.gradeOf(i + 6)])
    expect(byTotal).toEqual([
      [6, "PEMULA"],
      [7, "PEMULA"],
      [8, "PEMULA"],
      [9, "PEMULA"],
      [10, "PEMULA"],
      [11, "PEMULA"],
      [12, "BERKEMBANG"],
      [13, "BERKEMBANG"],
      [14, "BERKEMBANG"],
      [15, "BERKEMBANG"],
      [16, "UNGGULAN"],
      [17, "UNGGULAN"],
      [18, "UNGGULAN"]
    ])
  })

  it("the total of any scores is the sum of six criteria from 6 to 18, and a higher score never lowers the grade", () => {
    const rank = (grade: Curation.Grade) => Curation.grades.indexOf(grade)
    fc.assert(
      fc.property(Arbitrary.make(Curation.Scores), fc.constantFrom(...Curation.criteria), (scores, criterion) => {
        const total = Curation.total(scores)
        expect(total).toBe(Object.values(scores).reduce((a, b) => a + b, 0))
        expect(total).toBeGreaterThanOrEqual(Curation.totalRange.min)
        expect(total).toBeLessThanOrEqual(Curation.totalRange.max)
        if (scores[criterion] < 3) {
          const better = { ...scores, [criterion]: scores[criterion] + 1 }
          expect(rank(Curation.gradeOf(Curation.total(better)))).toBeGreaterThanOrEqual(rank(Curation.gradeOf(total)))
        }
      })
    )
  })

  it("BERKEMBANG and UNGGULAN are market-ready, PEMULA is not", () => {
    expect(Curation.marketReadyGrades).toEqual(["BERKEMBANG", "UNGGULAN"])
    expect(Curation.isMarketReady("PEMULA")).toBe(false)
  })
})
