/**
 * Learning progress in percent. A course version has one step per lesson and one per module
 * quiz; progress is the share of steps done, rounded down to a whole percent, so it reaches
 * 100 % only when every lesson is completed and every module passed.
 *
 * @since 0.1.0
 */

/** Steps done and in all, and the percentage. */
export interface Progress {
  readonly done: number
  readonly total: number
  /** `floor(100 × done / total)`, from 0 to 100. */
  readonly percent: number
}

/** The progress of `done` steps out of `total`. */
export const make = (done: number, total: number): Progress => {
  const clamped = Math.max(0, Math.min(done, total))
  return { done: clamped, total, percent: total <= 0 ? 0 : Math.floor((clamped * 100) / total) }
}
