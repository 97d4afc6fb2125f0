/**
 * The four domain packages stay pure (adr/0072): no module under their `src/` imports
 * `@effect/sql` (or a driver of it); SQL read models live on the adapter side, as this
 * package does for OPOP. The check reads every `.ts` file under each domain's `src/`.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const packages = fileURLToPath(new URL("../../", import.meta.url))
const domains = ["opop", "sijawara", "jatim-iso", "tomiko"] as const

/** Every module specifier in `source`: `import … from`, `export … from`, `import "…"`, `import("…")`, `require("…")`. */
const specifiers = (source: string): ReadonlyArray<string> =>
  [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!)

const isSql = (specifier: string) => /^@effect\/sql(?:-[\w-]+)?(?:\/|$)/.test(specifier)

/** The `.ts` files under `dir`, recursively. */
const sources = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []
  )

describe("domain packages stay pure", () => {
  it("the check sees every form of import of @effect/sql and its drivers", () => {
    const source = [
      `import { SqlClient } from "@effect/sql"`,
      `import type { SqlError } from '@effect/sql/SqlError'`,
      `export { PgClient } from "@effect/sql-pg"`,
      `const m = await import("@effect/sql-sqlite-node")`,
      `import "@effect/sql"`,
      `const r = require("@effect/sql")`,
      `import { Effect } from "effect"`,
      `import { SqlLike } from "@effect/sqlite-like"`
    ].join("\n")
    expect(specifiers(source).filter(isSql)).toEqual([
      "@effect/sql",
      "@effect/sql/SqlError",
      "@effect/sql-pg",
      "@effect/sql-sqlite-node",
      "@effect/sql",
      "@effect/sql"
    ])
  })

  for (const domain of domains) {
    it(`@jatim/${domain}'s src imports no @effect/sql`, () => {
      const files = sources(join(packages, domain, "src"))
      expect(files.length).toBeGreaterThan(0)
      const offenders = files.flatMap((file) =>
        specifiers(readFileSync(file, "utf8"))
          .filter(isSql)
          .map((specifier) => `${file.slice(packages.length)}: ${specifier}`)
      )
      expect(offenders).toEqual([])
    })
  }
})
