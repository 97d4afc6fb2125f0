import { configDefaults, defineConfig } from "vitest/config"
import type { TestProjectConfiguration } from "vitest/config"
import { project } from "./vitest.workspace"

/**
 * The tests `npm run mutation` (stryker.config.mjs) runs against the mutants: the core's and the
 * PostgreSQL adapter's own suites, and the contract suite run against the in-memory adapter.
 * `MUTATION_SCOPE=core` leaves out the PostgreSQL suites, `MUTATION_SCOPE=adapter` the core's;
 * `MUTATION_EXCLUDE` (comma-separated globs, relative to a package) leaves out test files, for
 * example one that is red while its fix is under way (the run needs a green suite to start).
 */
const scope = process.env.MUTATION_SCOPE ?? "all"
const exclude = [...configDefaults.exclude, ...(process.env.MUTATION_EXCLUDE ?? "").split(",").filter((glob) => glob !== "")]

const suite = (name: string, include = ["test/**/*.spec.ts"]): TestProjectConfiguration => ({
  ...project(name, {
    include,
    exclude,
    // Instrumented code on a busy machine runs slower than in `npm test`: more time before a
    // test counts as hung (Stryker's own timeout still ends a mutant that loops).
    testTimeout: 120_000,
    hookTimeout: 120_000
  }),
  root: `./packages/${name}`
})

const projects: Array<TestProjectConfiguration> = [
  ...(scope === "adapter" ? [] : [suite("eventstore"), suite("testing", ["test/inMemory.conformance.spec.ts"])]),
  ...(scope === "core" ? [] : [suite("eventstore-postgres")])
]

export default defineConfig({
  test: {
    projects,
    ...(scope === "core" ? {} : { globalSetup: ["./packages/postgres-embedded/src/globalSetup.ts"] })
  }
})
