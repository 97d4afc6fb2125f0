/**
 * Progress of long work (a rebuild): a bar redrawn in place on a terminal, or a plain line now
 * and then when the output is a file or a pipe. Events done, rate, time left.
 */
import { Clock, Effect } from "effect"

/** Where the work is. */
export interface Progress {
  readonly done: number
  readonly total: number
  /** Milliseconds since the work started. */
  readonly elapsedMillis: number
}

const count = (n: number) => n.toLocaleString("en-US")

/** `1m 05s`, `42s`. */
export const formatSeconds = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds))
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`
}

/** Events per second so far, and seconds left at that rate (`undefined` before any event). */
export const rates = (progress: Progress): { readonly rate: number; readonly left: number | undefined } => {
  const rate = progress.elapsedMillis > 0 ? (progress.done * 1000) / progress.elapsedMillis : 0
  return { rate, left: rate > 0 ? (progress.total - progress.done) / rate : undefined }
}

/** One line: `1,200/5,000 events (24%), 400 events/s, 10s left`. */
export const describe = (progress: Progress): string => {
  const { rate, left } = rates(progress)
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done * 100) / progress.total)
  return `${count(progress.done)}/${count(progress.total)} events (${percent}%), ${count(Math.round(rate))} events/s, ${
    left === undefined ? "time left unknown" : `${formatSeconds(left)} left`
  }`
}

/** A bar of `width` cells before the line of `describe`. */
export const bar = (progress: Progress, width = 30): string => {
  const filled = progress.total === 0 ? width : Math.min(width, Math.floor((progress.done * width) / progress.total))
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${describe(progress)}`
}

/**
 * A reporter of progress on stderr: on a terminal, the bar redrawn in place (and a new line at
 * the end); otherwise a line at most every `every` milliseconds, and the last one.
 */
export const reporter = (label: string, options: { readonly tty: boolean; readonly every?: number } = { tty: false }) => {
  let lastLine = Number.NEGATIVE_INFINITY
  return {
    update: (progress: Progress, final = false) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          if (options.tty) {
            process.stderr.write(`\r\x1b[2K${label} ${bar(progress)}${final ? "\n" : ""}`)
          } else if (final || now - lastLine >= (options.every ?? 1000)) {
            lastLine = now
            process.stderr.write(`${label} ${describe(progress)}\n`)
          }
        })
      )
  }
}
