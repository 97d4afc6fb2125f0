import { execFileSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { defineConfig, type Options } from "tsup"

/**
 * How every package builds (each package's `tsup.config.ts` re-exports this, and runs in
 * its own folder): ESM and CJS bundles of `src/index.ts`, then one `.d.ts` per module from
 * `tsc`, which keeps `export * as Module` namespaces whole (see adr/0005). A package with a
 * subpath export adds that module's entry with `withEntries` (adr/0072).
 */
export const options: Options = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "es2022",
  onSuccess: async () => {
    execFileSync("tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" })
    // Declarations serve `import` and `require` alike: mark them CommonJS-format, as Effect does.
    writeFileSync("dist/dts/package.json", `${JSON.stringify({ type: "commonjs" })}\n`)
  }
}

/**
 * The shared build with more entry points than `src/index.ts` (e.g. `src/integration.ts` for
 * an `./integration` subpath export); `tsc` already emits every module's declarations.
 */
export const withEntries = (...entries: ReadonlyArray<string>) => defineConfig({ ...options, entry: ["src/index.ts", ...entries] })

export default defineConfig(options)
