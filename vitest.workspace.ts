import { existsSync, readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineProject, type UserWorkspaceConfig } from "vitest/config"

/** The projects of the test suite: every package and every example. */
export default ["packages/*", "examples/*"]

const root = fileURLToPath(new URL(".", import.meta.url))

const packages = readdirSync(`${root}packages`).filter((name) => existsSync(`${root}packages/${name}/package.json`))

/** A package's subpath exports with code (`"./integration"`, not the types-only `"./*"`). */
const subpaths = (name: string): ReadonlyArray<string> => {
  const { exports = {} } = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, "utf8")) as {
    readonly exports?: Readonly<Record<string, { readonly import?: string }>>
  }
  return Object.entries(exports).flatMap(([key, target]) =>
    key !== "." && !key.includes("*") && target.import !== undefined ? [key.slice(2)] : []
  )
}

/**
 * Every workspace package resolves to its sources, so tests never need a build first:
 * `@jatim/x` to `packages/x/src/index.ts`, and a subpath export `@jatim/x/y` to
 * `packages/x/src/y.ts`. Subpaths come first: the alias `@jatim/x` also matches `@jatim/x/y`
 * (as `packages/x/src/index.ts/y`), and the first match wins.
 */
const alias = [
  ...packages.flatMap((name) =>
    subpaths(name).map((sub) => ({ find: `@jatim/${name}/${sub}`, replacement: `${root}packages/${name}/src/${sub}.ts` }))
  ),
  ...packages.map((name) => ({ find: `@jatim/${name}`, replacement: `${root}packages/${name}/src/index.ts` }))
]

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
