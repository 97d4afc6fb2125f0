/**
 * Reading a package's sources for what they import, to hold boundaries between packages as
 * tests (a domain that must not reach an adapter, a context that may use another only through
 * its published module).
 *
 * @since 0.1.0
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** Every module specifier in `source`: `import … from`, `export … from`, `import "…"`, `import("…")`, `require("…")`. */
export const specifiers = (source: string): ReadonlyArray<string> =>
  [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!)

/** The `.ts` files under `dir`, recursively. */
export const files = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []
  )

/** `file: specifier` (the file's path after `root`) for every import of the `files` that `forbidden` picks. */
export const offenders = (files: ReadonlyArray<string>, forbidden: (specifier: string) => boolean, root = ""): ReadonlyArray<string> =>
  files.flatMap((file) =>
    specifiers(readFileSync(file, "utf8"))
      .filter(forbidden)
      .map((specifier) => `${file.startsWith(root) ? file.slice(root.length) : file}: ${specifier}`)
  )
