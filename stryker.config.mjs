// @ts-check
/**
 * Mutation testing of the event store core and the PostgreSQL adapter: `npm run mutation`
 * (not part of CI: tens of minutes on a quiet machine, the PostgreSQL suites most of them; see
 * adr/0068). `npm run mutation -- --incremental` tests only the mutants of code or tests changed
 * since the last run; `-- --mutate <file>` one file. `MUTATION_SCOPE=core` (or `adapter`)
 * narrows the run to one side, files and tests. The report: reports/mutation/mutation.html.
 */

// Properties run fewer cases here than in `npm test` (vitest.setup.ts reads FC_NUM_RUNS).
process.env.FC_NUM_RUNS ??= "50"

const scope = process.env.MUTATION_SCOPE ?? "all"
/** A narrowed run keeps its report and incremental file apart from the full run's. */
const suffix = scope === "all" ? "" : `-${scope}`

const core = [
  "packages/eventstore/src/*.ts",
  "packages/eventstore/src/internal/**/*.ts",
  // Re-exports and declarations only.
  "!packages/eventstore/src/index.ts"
]
const adapter = ["packages/eventstore-postgres/src/**/*.ts", "!packages/eventstore-postgres/src/index.ts"]

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: scope === "core" ? core : scope === "adapter" ? adapter : [...core, ...adapter],
  coverageAnalysis: "perTest",
  // The machine's cores are shared: one test runner, one embedded PostgreSQL.
  concurrency: 1,
  // A mutant that makes a loop endless is ended (and counted as detected) this long after the
  // time its tests took unmutated.
  timeoutMS: 10_000,
  incrementalFile: `reports/stryker-incremental${suffix}.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/mutation${suffix}.html` },
  jsonReporter: { fileName: `reports/mutation/mutation${suffix}.json` },
  thresholds: { high: 90, low: 80, break: null },
  // Not needed by the suites run here: fewer files to copy into the sandbox.
  ignorePatterns: [
    "/examples",
    "/adr",
    "/packages/bench",
    "/packages/chaos",
    "/packages/opop",
    "/packages/sijawara",
    "/packages/jatim-iso",
    "/packages/tomiko",
    "/packages/kernel",
    "/reports",
    "/.stryker-tmp*",
    "**/.data"
  ],
  tempDirName: `.stryker-tmp${suffix}`,
  cleanTempDir: true
}
