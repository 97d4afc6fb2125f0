/**
 * The four domain packages stay pure (adr/0072): no module under their `src/` imports
 * `@effect/sql` (or a driver of it); SQL read models live on the adapter side, as this
 * package does for OPOP. The check reads every `.ts` file under each domain's `src/`.
 */
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { SourceImports } from "@jatim/testing"
import { describe, expect, it } from "vitest"

const packages = fileURLToPath(new URL("../../", import.meta.url))
const domains = ["opop", "sijawara", "jatim-iso", "tomiko"] as const

const isSql = (specifier: string) => /^@effect\/sql(?:-[\w-]+)?(?:\/|$)/.test(specifier)

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
    expect(SourceImports.specifiers(source).filter(isSql)).toEqual([
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
      const files = SourceImports.files(join(packages, domain, "src"))
      expect(files.length).toBeGreaterThan(0)
      expect(SourceImports.offenders(files, isSql, packages)).toEqual([])
    })
  }
})
