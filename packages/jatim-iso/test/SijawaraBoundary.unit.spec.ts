/**
 * JATIM ISO depends on Sijawara only through its published integration module, the
 * `@jatim/sijawara/integration` subpath export (adr/0072): no module under `src/` imports
 * `@jatim/sijawara` itself or any other path of it. Tests may also use Sijawara's test support,
 * the `@jatim/sijawara/testing` subpath export, and nothing else of it.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { SourceImports } from "@jatim/testing"
import { describe, expect, it } from "vitest"

const src = fileURLToPath(new URL("../src", import.meta.url))
const test = fileURLToPath(new URL(".", import.meta.url))

const { specifiers } = SourceImports

/** An import of Sijawara other than its integration module. */
const reachesPastIntegration = (specifier: string) =>
  /^@jatim\/sijawara(?:\/|$)/.test(specifier) && specifier !== "@jatim/sijawara/integration"

/** An import of Sijawara other than its integration module and its test support (allowed in tests only). */
const reachesPastTestSupport = (specifier: string) => reachesPastIntegration(specifier) && specifier !== "@jatim/sijawara/testing"

describe("JATIM ISO and Sijawara", () => {
  it("the check tells the integration subpath from every other import of Sijawara", () => {
    const source = [
      `import * as Integration from "@jatim/sijawara/integration"`,
      `import { Integration } from "@jatim/sijawara"`,
      `import type { Enrollment } from '@jatim/sijawara'`,
      `export { EnrollmentCompleted } from "@jatim/sijawara/EnrollmentEvent"`,
      `const s = await import("@jatim/sijawara/integration/x")`,
      `import { Umkm } from "@jatim/sijawara-extra"`
    ].join("\n")
    expect(specifiers(source).filter(reachesPastIntegration)).toEqual([
      "@jatim/sijawara",
      "@jatim/sijawara",
      "@jatim/sijawara/EnrollmentEvent",
      "@jatim/sijawara/integration/x"
    ])
    // The testing subpath is Sijawara's test support: not for src, allowed in tests.
    expect(specifiers(`import { Arbitraries } from "@jatim/sijawara/testing"`).filter(reachesPastIntegration)).toEqual([
      "@jatim/sijawara/testing"
    ])
    expect(specifiers(`import { Arbitraries } from "@jatim/sijawara/testing"`).filter(reachesPastTestSupport)).toEqual([])
    expect(specifiers(source).filter(reachesPastTestSupport)).toEqual(specifiers(source).filter(reachesPastIntegration))
  })

  it("src imports Sijawara through @jatim/sijawara/integration only", () => {
    const files = SourceImports.files(src)
    expect(SourceImports.offenders(files, reachesPastIntegration, src)).toEqual([])
    // And it does use the integration module (the scan reads the right folder).
    expect(files.some((file) => readFileSync(file, "utf8").includes(`"@jatim/sijawara/integration"`))).toBe(true)
  })

  it("tests import Sijawara through its integration and testing subpaths only", () => {
    // This file is left out: its samples of forbidden imports are strings, not imports.
    const files = SourceImports.files(test).filter((file) => file !== fileURLToPath(import.meta.url))
    expect(files.length).toBeGreaterThan(1)
    expect(SourceImports.offenders(files, reachesPastTestSupport, test)).toEqual([])
  })
})
