/**
 * `npm run chaos` (`-- --short` for the CI run, `-- --seed N` to replay one): starts PostgreSQL
 * (embedded, or DATABASE_URL's), runs writers, subscribers, projection runners and a process
 * manager under killed connections, rollbacks, long transactions, leader deaths and rebuilds,
 * then checks that nothing was lost, duplicated, reordered or applied twice. Prints its counts
 * and every violation; exits 1 on any violation, 2 on a bad flag or a failure of the harness.
 */
import { Cause, Effect, Exit, Logger, LogLevel, Random, Scope } from "effect"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { describe, type Violation } from "./Check.js"
import { parse, usage } from "./Flags.js"
import { log, run, type Result } from "./Run.js"

/** How many violations of one kind are printed in full. */
const shownPerKind = 20

const report = (result: Result, seed: number, replay: string): string => {
  const { stats } = result
  const lines = [
    "",
    `Chaos run, seed ${seed} (replay: npm run chaos -- ${replay})`,
    `  duration                 ${(result.durationMillis / 1000).toFixed(1)} s`,
    `  events committed         ${stats.committedEvents} by writers in ${stats.committedTransactions} transactions, ${result.storedEvents} stored in all (${result.commandEvents} by the process manager)`,
    `  rolled back              ${stats.rolledBackEvents} events in ${stats.rolledBackTransactions} transactions; ${stats.abandonedTransactions} transactions given up, ${stats.uncertainTransactions} of unknown outcome`,
    `  retries                  ${stats.retries} (${stats.conflicts} after an expected-version conflict)`,
    `  long transactions        ${stats.longTransactions}`,
    `  connections killed       ${stats.connectionsKilled} (writers ${stats.writerConnectionsKilled}, listeners ${stats.listenerConnectionsKilled}, runners ${stats.runnerConnectionsKilled}); instances closed and replaced ${stats.instancesClosed}`,
    `  rebuilds                 ${stats.rebuilds} (${stats.rebuildFailures} failed)`,
    `  leader changes           ${stats.leaderChanges} (${stats.leaderships} leaderships taken)`,
    `  subscribers              ${result.subscribers.map((s) => `${s.name} ${s.events}`).join(", ")} (${stats.resubscriptions} resubscriptions)`
  ]
  if (stats.notes.length > 0) {
    lines.push("", "Notes (not violations):", ...stats.notes.map((note) => `  - ${note}`))
  }
  if (stats.problems.length > 0) {
    lines.push("", "PROBLEMS:", ...stats.problems.map((problem) => `  - ${problem}`))
  }
  if (result.violations.length > 0) {
    const byKind = new Map<string, Array<Violation>>()
    for (const violation of result.violations) byKind.set(violation._tag, [...(byKind.get(violation._tag) ?? []), violation])
    lines.push("", `VIOLATIONS: ${result.violations.length}`)
    for (const [kind, list] of byKind) {
      lines.push(`  ${kind} (${list.length}):`)
      for (const violation of list.slice(0, shownPerKind)) lines.push(`    - ${describe(violation)}`)
      if (list.length > shownPerKind) lines.push(`    … and ${list.length - shownPerKind} more`)
    }
  }
  lines.push(
    "",
    result.violations.length === 0 && stats.problems.length === 0
      ? `OK: every subscriber saw the ${result.storedEvents} stored events once each, in the order of the final read; ` +
          `nothing rolled back was stored; the read model applied each event once; the process manager handled each trigger once.`
      : `FAILED (seed ${seed}): ${result.violations.length} violations, ${stats.problems.length} problems.`
  )
  return `${lines.join("\n")}\n`
}

const main = Effect.gen(function* () {
  const parsed = parse(process.argv.slice(2), yield* Random.nextIntBetween(0, 2 ** 31 - 1))
  if (parsed._tag === "Left") {
    process.stderr.write(`${parsed.left}\n\n${usage}\n`)
    return 2
  }
  if (parsed.right === "help") {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const settings = parsed.right
  const replay = [
    ...(settings.short ? ["--short"] : []),
    `--seed ${settings.seed}`,
    ...(process.argv.includes("--duration") ? [`--duration ${settings.durationMillis / 1000}`] : []),
    ...(settings.events === undefined ? [] : [`--events ${settings.events}`]),
    ...(process.argv.includes("--writers") ? [`--writers ${settings.writers}`] : [])
  ].join(" ")
  process.stdout.write(
    `Chaos run, seed ${settings.seed}: ${settings.durationMillis / 1000} s, ${settings.writers} writers (npm run chaos -- ${replay})\n`
  )
  const scope = yield* Scope.make()
  const exit = yield* Effect.exit(
    Effect.gen(function* () {
      const server = yield* Scope.extend(EmbeddedPostgres.fromEnvironmentOrStart(), scope)
      yield* log(`PostgreSQL ${server.embedded ? "embedded" : "from DATABASE_URL"} is up`)
      return yield* Scope.extend(run(settings, server.url), scope)
    })
  )
  yield* Scope.close(scope, Exit.void)
  if (Exit.isFailure(exit)) {
    process.stderr.write(`The chaos run itself failed (seed ${settings.seed}):\n${Cause.pretty(exit.cause)}\n`)
    return 2
  }
  const result = exit.value
  process.stdout.write(report(result, settings.seed, replay))
  return result.violations.length === 0 && result.stats.problems.length === 0 ? 0 : 1
}).pipe(Logger.withMinimumLogLevel(LogLevel.Warning))

Effect.runPromise(main).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(2)
  }
)
