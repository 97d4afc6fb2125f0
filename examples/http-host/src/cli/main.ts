/**
 * `jatim`: the operator CLI of the demo host, on `@effect/cli`. It works on `DATABASE_URL`, or on
 * the host's embedded PostgreSQL in `<repo>/.data/postgres` (connecting to it when the host runs
 * it, starting it for the command otherwise); the host need not run. A typed failure is one line
 * on stderr and exit code 1; a command line it cannot read, the usage and exit code 2. With
 * `OTEL_EXPORTER_OTLP_ENDPOINT` set, its spans and metrics go over OTLP, as the host's do.
 */
import { Command, ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, Console, Effect, Exit } from "effect"
import { events } from "./events.js"
import { exportCommand } from "./export.js"
import { migrate } from "./migrate.js"
import { projections } from "./projections.js"
import { seed } from "./seed.js"
import { token } from "./token.js"
import * as Telemetry from "../telemetry/Telemetry.js"

/** The root command. */
export const jatim = Command.make("jatim").pipe(
  Command.withDescription(
    "Operator CLI of the Jatim Koperasi event store: migrations, projections, events, the Dinas's reports, tokens and demo data. " +
      "On DATABASE_URL, or on the host's embedded PostgreSQL in .data/postgres (the host need not run)."
  ),
  Command.withSubcommands([migrate, projections, events, exportCommand, token, seed])
)

const run = Command.run(jatim, { name: "jatim", version: "0.1.0" })

const exit = (code: number) => Effect.sync(() => (process.exitCode = code))

/** Runs the CLI on `argv` (`process.argv`); failures become one line on stderr and the exit code. */
export const main = (argv: ReadonlyArray<string>) =>
  run(argv).pipe(
    // Spans and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, as the host's.
    Effect.provide(Telemetry.layerConfig("jatim-cli")),
    Effect.catchIf(ValidationError.isValidationError, () => exit(2)),
    Effect.catchAll((error) => Effect.zipRight(Console.error(`jatim: ${error.message}`), exit(1))),
    Effect.catchAllDefect((defect) =>
      Effect.zipRight(Console.error(`jatim: unexpected failure: ${Cause.pretty(Cause.die(defect)).split("\n")[0]}`), exit(70))
    ),
    Effect.provide(NodeContext.layer)
  )

// `jatim events tail | head`: the reader went away, so the command is done.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
})

NodeRuntime.runMain(main(process.argv), {
  disableErrorReporting: true,
  disablePrettyLogger: true,
  // The exit code `main` set (1, 2, 70), 0 when it set none; 130 for Ctrl-C. The process ends
  // with the command (Node would wait for whatever a library left open).
  teardown: (exit, onExit) => {
    const code = Exit.isSuccess(exit) ? Number(process.exitCode ?? 0) : Cause.isInterruptedOnly(exit.cause) ? 130 : 1
    onExit(code)
    process.exit(code)
  }
})
