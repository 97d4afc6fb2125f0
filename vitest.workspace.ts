import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineProject, type UserWorkspaceConfig } from "vitest/config"

/** The projects of the test suite: every package and every example. */
export default ["packages/*", "examples/*"]

const root = fileURLToPath(new URL(".", import.meta.url))

/** Every workspace package resolves to its sources, so tests never need a build first. */
const alias = Object.fromEntries(
  readdirSync(`${root}packages`).map((name) => [`@jatim/${name}`, `${root}packages/${name}/src/index.ts`])
)

/** The configuration each project's `vitest.config.ts` starts from. */
export const project = (name: string, overrides: UserWorkspaceConfig["test"] = {}) =>
  defineProject({
    resolve: { alias },
    test: {
      name,
      include: ["test/**/*.spec.ts"],
      setupFiles: [`${root}vitest.setup.ts`],
      // Properties run 1,000 cases each; on a busy 2-core machine that can take a while.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...overrides
    }
  })
