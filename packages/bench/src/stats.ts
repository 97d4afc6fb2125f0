/** Pure helpers of the benchmarks: medians, ratios and the markdown table. */

/** The median of `values` (the mean of the two middle ones for an even count); NaN when empty. */
export const median = (values: ReadonlyArray<number>): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Whether a larger figure is better (a rate) or a smaller one (a duration, memory). */
export type Better = "higher" | "lower"

/**
 * How good `ours` is relative to `baseline`, as a fraction where 1 means equal and more is better:
 * `ours / baseline` for rates, `baseline / ours` for durations.
 */
export const ratio = (ours: number, baseline: number, better: Better): number => (better === "higher" ? ours / baseline : baseline / ours)

/** One row of the results. */
export interface Row {
  readonly scenario: string
  /** Our figure, formatted with its unit. */
  readonly ours: string
  /** The baseline's figure and name, or "—". */
  readonly baseline: string
  /** Ours relative to the baseline (see `ratio`), or undefined when there is no baseline. */
  readonly ratio: number | undefined
  /** The target, in words ("≥ 80 %"), or "—". */
  readonly target: string
  /** Whether the target was met; undefined when there is none. */
  readonly met: boolean | undefined
}

/** A number with thousands separators and at most `digits` decimals. */
export const formatNumber = (value: number, digits = 0): string =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : "n/a"

/** A ratio as a percentage. */
export const formatRatio = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? "—" : `${Math.round(value * 100)} %`

const cell = (text: string) => text.replace(/\|/g, "\\|")

/** The markdown table of `rows`. */
export const markdownTable = (rows: ReadonlyArray<Row>): string => {
  const header = "| Scenario | Ours | Baseline | Ratio | Target | Met? |\n|---|---:|---:|---:|---|:---:|"
  const lines = rows.map(
    (row) =>
      `| ${cell(row.scenario)} | ${cell(row.ours)} | ${cell(row.baseline)} | ${formatRatio(row.ratio)} | ${cell(row.target)} | ${
        row.met === undefined ? "—" : row.met ? "yes" : "**no**"
      } |`
  )
  return [header, ...lines].join("\n")
}
