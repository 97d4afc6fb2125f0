/**
 * Curation ("kurasi"): a curator scores a product on six criteria, 1 to 3 each, and the total
 * gives its grade. Thresholds (adr/0010): a total of 6–11 is `PEMULA`, 12–15 `BERKEMBANG`,
 * 16–18 `UNGGULAN`. `BERKEMBANG` and `UNGGULAN` are market-ready: the product may be
 * marketed and designated a flagship.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** The score of one criterion: 1 (weak), 2 (adequate) or 3 (strong). */
export const Score = Schema.Literal(1, 2, 3).annotations({
  identifier: "CurationScore",
  message: () => "a curation score is 1, 2 or 3"
})

/** The score of one criterion. */
export type Score = typeof Score.Type

/** The six criteria, in the order curators fill the form. */
export const criteria = [
  "businessLegality",
  "productLegality",
  "qualityAndCapacity",
  "packaging",
  "marketNetwork",
  "competitiveness"
] as const

/** One curation criterion. */
export type Criterion = (typeof criteria)[number]

/** The criteria as the curation form names them. */
export const criterionLabels: Readonly<Record<Criterion, string>> = {
  businessLegality: "legalitas usaha (business legality)",
  productLegality: "legalitas produk (product legality)",
  qualityAndCapacity: "kualitas dan kapasitas (quality and capacity)",
  packaging: "kemasan (packaging)",
  marketNetwork: "jaringan pasar (market network)",
  competitiveness: "daya saing (competitiveness)"
}

/** Schema of a curator's scores: every criterion, 1 to 3. */
export const Scores = Schema.Struct({
  businessLegality: Score,
  productLegality: Score,
  qualityAndCapacity: Score,
  packaging: Score,
  marketNetwork: Score,
  competitiveness: Score
}).annotations({ identifier: "CurationScores" })

/** A curator's scores. */
export type Scores = typeof Scores.Type

/** The grades, from lowest to highest. */
export const grades = ["PEMULA", "BERKEMBANG", "UNGGULAN"] as const

/** Schema of a grade. */
export const Grade = Schema.Literal(...grades).annotations({
  identifier: "Grade",
  message: () => "a grade is PEMULA, BERKEMBANG or UNGGULAN"
})

/** A curation grade. */
export type Grade = typeof Grade.Type

/** The lowest total of each grade above `PEMULA`. */
export const thresholds = { BERKEMBANG: 12, UNGGULAN: 16 } as const

/** The lowest and highest possible totals. */
export const totalRange = { min: 6, max: 18 } as const

/** The total of the six scores (6 to 18). */
export const total = (scores: Scores): number => criteria.reduce((sum, criterion) => sum + scores[criterion], 0)

/** The grade of a total. */
export const gradeOf = (totalScore: number): Grade =>
  totalScore >= thresholds.UNGGULAN ? "UNGGULAN" : totalScore >= thresholds.BERKEMBANG ? "BERKEMBANG" : "PEMULA"

/** Whether a grade lets a product be marketed and designated a flagship. */
export const isMarketReady = (grade: Grade): boolean => grade !== "PEMULA"

/** The grades that are market-ready. */
export const marketReadyGrades: ReadonlyArray<Grade> = grades.filter(isMarketReady)
