/**
 * `jatim export READ_MODEL --format csv|xlsx [--region 35.17] [--output FILE]`: the Dinas's
 * reports from the host's SQL read models, as CSV (RFC 4180) or xlsx. The CLI acts as an
 * operator with access to the database: it reads the tables directly, not through the API's
 * read policies, so its reports are the Dinas's own (hand them on as such).
 */
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Either, Option } from "effect"
import { writeFile } from "node:fs/promises"
import { Region } from "@jatim/kernel"
import { clientLayer, orCliError } from "./database.js"
import { CliError, UnknownName } from "./errors.js"
import { toCsv, toXlsx } from "./formats.js"
import { reports } from "./reports.js"

const readModel = Args.text({ name: "READ_MODEL" }).pipe(
  Args.withDescription(
    `The report: ${reports()
      .map((r) => r.name)
      .join(", ")}`
  )
)
const format = Options.choice("format", ["csv", "xlsx"]).pipe(Options.withDescription("csv (RFC 4180, UTF-8) or xlsx (Excel)"))
const region = Options.text("region").pipe(
  Options.withDescription("Only this kabupaten/kota, by its code (e.g. 35.17 for Kabupaten Jombang)"),
  Options.optional
)
const output = Options.text("output").pipe(
  Options.withAlias("o"),
  Options.withDescription("Write to this file (standard output by default; xlsx only to a file or a pipe)"),
  Options.optional
)

/** The `export` command. */
export const exportCommand = Command.make("export", { readModel, format, region, output }, (args) =>
  Effect.gen(function* () {
    const known = reports()
    const report = known.find((r) => r.name === args.readModel)
    if (report === undefined) {
      return yield* new UnknownName({
        message: `No report named "${args.readModel}". Reports: ${known.map((r) => r.name).join(", ")}.`
      })
    }
    let code: Region.RegionCode | undefined
    if (Option.isSome(args.region)) {
      if (!report.byRegion) return yield* new CliError({ message: `${report.name} is per network, not per region: drop --region.` })
      const parsed = Region.parse(args.region.value)
      if (Either.isLeft(parsed)) return yield* new CliError({ message: parsed.left.message })
      code = parsed.right
    }
    const table = yield* report
      .read(code)
      .pipe(orCliError(`read ${report.name} (its tables are kept by the host: has it run on this database?)`), Effect.provide(clientLayer))
    const bytes =
      args.format === "csv"
        ? new TextEncoder().encode(toCsv(table))
        : yield* Effect.promise(() => toXlsx(table, code === undefined ? report.name : `${report.name} ${code}`))
    if (Option.isSome(args.output)) {
      const path = args.output.value
      yield* Effect.tryPromise({
        try: () => writeFile(path, bytes),
        catch: (error) => new CliError({ message: `Could not write ${path}: ${String(error)}` })
      })
      return yield* Console.error(`Wrote ${table.rows.length} rows of ${report.name} to ${path}.`)
    }
    if (args.format === "xlsx" && process.stdout.isTTY === true) {
      return yield* new CliError({ message: "An xlsx workbook is not for the terminal: pass --output FILE (or pipe it)." })
    }
    yield* Effect.async<void>((resume) => {
      process.stdout.write(bytes, () => resume(Effect.void))
    })
  })
).pipe(
  Command.withDescription(
    "Export one of the Dinas's reports from the read models as CSV or xlsx. The CLI reads the database as an operator with access to it, not through the API's read policies: the reports are the Dinas's own."
  )
)
