/**
 * 8 writers racing on one stream, each appending one event at a time with the exact version it
 * last saw; a conflict tells it the actual version and it tries again. Beside the same race in
 * raw SQL (an INSERT of version + 1 that the unique (stream, version) constraint refuses).
 */
import { Effect, Either } from "effect"
import { EventStore, ExpectedVersion } from "@jatim/eventstore"
import { type Bench, eventData, log, newEvent, paired, withStoreAndPool, workers } from "../context.js"
import { formatNumber, ratio } from "../stats.js"
import { rawTable, writers } from "./appends.js"

/** Checks versions 1..n: no gap, no duplicate. */
export const checkVersions = (versions: ReadonlyArray<number>): { readonly gaps: number; readonly duplicates: number } => {
  let gaps = 0
  let duplicates = 0
  const sorted = [...versions].sort((a, b) => a - b)
  let expected = 1
  for (const v of sorted) {
    if (v < expected) duplicates++
    else {
      gaps += v - expected
      expected = v + 1
    }
  }
  return { gaps, duplicates }
}

export const run = (bench: Bench) =>
  withStoreAndPool(bench, "race", { store: writers, raw: writers }, async ({ raw, runtime }) => {
    await raw.query(rawTable("raw_race"))
    const seconds = bench.sizes.raceSeconds
    let problems = { gaps: 0, duplicates: 0, mismatched: 0 }
    const { ours, baseline } = await paired(
      bench.sizes.runs,
      async (r) => {
        const stream = `race-r${r}`
        let successes = 0
        let conflicts = 0
        const deadline = performance.now() + seconds * 1000
        const started = performance.now()
        await runtime.runPromise(
          Effect.forEach(
            Array.from({ length: writers }, (_, w) => w),
            () =>
              Effect.gen(function* () {
                let expected = 0
                while (performance.now() < deadline) {
                  const result = yield* Effect.either(
                    EventStore.appendToStream(stream, [newEvent(expected)], { expectedVersion: ExpectedVersion.exact(expected) })
                  )
                  if (Either.isRight(result)) {
                    successes++
                    expected = result.right.nextExpectedVersion
                  } else if (result.left._tag === "ExpectedVersionConflict") {
                    conflicts++
                    expected = result.left.actual
                  } else return yield* result.left
                }
              }),
            { concurrency: writers, discard: true }
          )
        )
        const elapsed = (performance.now() - started) / 1000
        const stored = await raw.query<{ v: string }>("SELECT stream_version::text AS v FROM eventstore.events WHERE stream_name = $1", [
          stream
        ])
        const check = checkVersions(stored.rows.map((row) => Number(row.v)))
        problems = {
          gaps: problems.gaps + check.gaps,
          duplicates: problems.duplicates + check.duplicates,
          mismatched: problems.mismatched + (stored.rows.length === successes ? 0 : 1)
        }
        log(`race (ours) run ${r}: ${successes} appends, ${conflicts} conflicts, gaps ${check.gaps}, duplicates ${check.duplicates}`)
        return successes / elapsed
      },
      async (r) => {
        const stream = `race-r${r}`
        let successes = 0
        const deadline = performance.now() + seconds * 1000
        const started = performance.now()
        await workers(writers, async () => {
          let expected = 0
          while (performance.now() < deadline) {
            try {
              await raw.query(
                `INSERT INTO raw_race (stream_name, category, stream_version, event_id, event_type, data, metadata)
               VALUES ($1, 'race', $2, $3, 'SimpananDisetor', $4, $5)`,
                [
                  stream,
                  expected + 1,
                  crypto.randomUUID(),
                  JSON.stringify(eventData(expected)),
                  JSON.stringify({ occurredAt: new Date().toISOString(), schemaVersion: 1 })
                ]
              )
              successes++
              expected++
            } catch (error) {
              if ((error as { code?: string }).code !== "23505") throw error
              const current = await raw.query<{ v: string }>(
                "SELECT coalesce(max(stream_version), 0)::text AS v FROM raw_race WHERE stream_name = $1",
                [stream]
              )
              expected = Number(current.rows[0]!.v)
            }
          }
        })
        return successes / ((performance.now() - started) / 1000)
      }
    )
    log(`race: ours ${Math.round(ours)}/s, raw ${Math.round(baseline)}/s`)
    const value = ratio(ours, baseline, "higher")
    const clean = problems.gaps === 0 && problems.duplicates === 0 && problems.mismatched === 0
    bench.rows.push({
      scenario: `Race: ${writers} writers on one stream, exact versions, ${seconds} s (gaps ${problems.gaps}, duplicates ${problems.duplicates})`,
      ours: `${formatNumber(ours)} appends/s`,
      baseline: `${formatNumber(baseline)} /s (raw INSERT + unique)`,
      ratio: value,
      target: "≥ 80 %, no gaps",
      met: value >= 0.8 && clean
    })
    return { ours }
  })
