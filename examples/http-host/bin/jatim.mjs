#!/usr/bin/env node
// `jatim`: the operator CLI. Runs the built bundle (`npm run build -w @jatim/http-host`), or the
// sources through tsx when there is no build (right after `npm install`).
import { existsSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"

const built = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url))
if (existsSync(built)) {
  await import(pathToFileURL(built).href)
} else {
  const { register } = await import("tsx/esm/api")
  register({ tsconfig: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)) })
  await import(pathToFileURL(fileURLToPath(new URL("../src/cli/main.ts", import.meta.url))).href)
}
