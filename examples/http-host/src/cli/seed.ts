/** `jatim seed`: loads the demo data through the domains' commands, as `npm run demo:seed` does (migrating the store first). */
import { Command } from "@effect/cli"
import { Console, Effect, Layer } from "effect"
import { seedIfEmpty } from "../demo/loader.js"
import * as ProcessManagers from "../processManagers.js"
import { storeLayer } from "./database.js"

/** The `seed` command. */
export const seed = Command.make("seed", {}, () =>
  Effect.gen(function* () {
    const result = yield* seedIfEmpty({ force: true })
    // The process managers finish what the demo data started before the command exits.
    yield* Effect.flatMap(ProcessManagers.ProcessManagers, (managers) => managers.settled)
    yield* Console.log(`Demo data: ${result}`)
  }).pipe(Effect.provide(ProcessManagers.processesLayer.pipe(Layer.provideMerge(storeLayer({ migrate: true })))))
).pipe(
  Command.withDescription(
    "Load the demo data through the commands (creating or migrating the store first); steps already applied are refused by their rules, so a second run writes nothing."
  )
)
