/** `jatim migrate [--check]`: brings the event store's schema up to date, or says whether it is. */
import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { Migrations } from "@jatim/eventstore-postgres"
import { clientLayer, orCliError, storeSchema } from "./database.js"
import { CliError, MigrationNeeded } from "./errors.js"

const check = Options.boolean("check").pipe(
  Options.withDescription("Change nothing: say whether the store needs migrating, and exit 1 when it does")
)

/** The `migrate` command. */
export const migrate = Command.make("migrate", { check }, ({ check }) =>
  Effect.gen(function* () {
    const status = yield* Migrations.check(storeSchema).pipe(orCliError("read the store's version"))
    if (status.unknown.length > 0) {
      return yield* new CliError({
        message: `The store (schema ${storeSchema}) was migrated by a newer version (steps ${status.unknown.map((s) => s.version).join(", ")} unknown here): update this tool.`
      })
    }
    if (check) {
      if (status.upToDate) return yield* Console.log(`The store (schema ${storeSchema}) is up to date at version ${status.version}.`)
      const pending = [...status.baseline, ...status.pending].map((s) => `${s.version} ${s.name}`).join(", ")
      return yield* new MigrationNeeded({
        message: `The store (schema ${storeSchema}) is at version ${status.version} of ${status.latest} and needs migrating (${pending}): run \`jatim migrate\`.`
      })
    }
    const ran = yield* Migrations.migrate(storeSchema).pipe(orCliError("migrate the store"))
    yield* Console.log(
      ran.length === 0
        ? `The store (schema ${storeSchema}) was already up to date at version ${status.version}.`
        : `Migrated the store (schema ${storeSchema}) to version ${Migrations.latestVersion}: ${ran.map(([v, n]) => `${v} ${n}`).join(", ")}.`
    )
  }).pipe(Effect.provide(clientLayer))
).pipe(
  Command.withDescription(
    "Create or upgrade the event store's schema (safe to run while hosts run: one transaction under the store's advisory lock)."
  )
)
