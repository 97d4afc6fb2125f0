/**
 * Learning progress in percent. A course version has one step per lesson and one per module
 * quiz; progress is the share of steps done, rounded down to a whole percent, so it reaches
 * 100 % only when every lesson is completed and every module passed.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of steps done and in all, and the percentage. */
export const Progress = Schema.Struct({
  /** Steps done. */
  done: Schema.NonNegativeInt.annotations({ description: "steps done (lessons completed and module quizzes passed)" }),
  /** Steps in all: one per lesson and one per module quiz. */
  total: Schema.NonNegativeInt.annotations({ description: "steps in all: one per lesson and one per module quiz" }),
  /** `floor(100 × done / total)`, from 0 to 100. */
  percent: Schema.Int.pipe(Schema.between(0, 100)).annotations({ description: "floor(100 × done / total), from 0 to 100" })
})

/** Steps done and in all, and the percentage. */
export interface Progress extends Schema.Schema.Type<typeof Progress> {}

/** The progress of `done` steps out of `total`. */
export const make = (done: number, total: number): Progress => {
  const clamped = Math.max(0, Math.min(done, total))
  return { done: clamped, total, percent: total <= 0 ? 0 : Math.floor((clamped * 100) / total) }
}
