/**
 * The operator CLI, built (`dist/cli.mjs`) and run as a child process through its bin on a
 * database of its own (`DATABASE_URL`): migrations, demo data, projections' status and a
 * rebuild, events shown and followed live, the Dinas's reports as CSV and xlsx, and its errors.
 */
import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted, Stream } from "effect"
import ExcelJS from "exceljs"
import { execFile, execFileSync, spawn } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Checkpoints, EventStore, GlobalPosition, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { PostgresEventStore, PostgresPersonalDataKeys, PostgresProjections } from "@jatim/eventstore-postgres"
import { fromSecret, verifyToken } from "../src/auth.js"
import { toCsv } from "../src/cli/formats.js"
import { reports } from "../src/cli/reports.js"
import { withCryptoShredding } from "../src/personalData.js"
import * as ProcessManagers from "../src/processManagers.js"
import { sqlReadModels } from "../src/readModels/postgres.js"
import { freshDatabase, type Host, startHost } from "./support.js"

const hostDir = fileURLToPath(new URL("..", import.meta.url))
const bin = join(hostDir, "bin/jatim.mjs")

let url: Redacted.Redacted<string>
let env: NodeJS.ProcessEnv

/** What a run of the CLI printed, and its exit code. */
interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `jatim args` to its end, with `extra` in its environment. */
const jatimWith = (extra: NodeJS.ProcessEnv, ...args: ReadonlyArray<string>): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, ...extra }, encoding: "utf8", maxBuffer: 1 << 26 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr })
    )
  })

/** Runs `jatim args` to its end. */
const jatim = (...args: ReadonlyArray<string>): Promise<Run> => jatimWith({}, ...args)

/**
 * The store (reading personal data as the host and the CLI do), checkpoints and a client on the
 * test's database, for what the test itself reads and writes.
 */
const layer = () =>
  withCryptoShredding(
    Layer.mergeAll(PostgresEventStore.layer({ migrate: false }), PostgresProjections.layer()),
    PostgresPersonalDataKeys.layer()
  ).pipe(Layer.provideMerge(PgClient.layer({ url, maxConnections: 3 })))

const run = <A, E>(
  effect: Effect.Effect<
    A,
    E,
    EventStore.EventStore | Checkpoints.Checkpoints | PersonalDataKeys.PersonalDataKeys | PgClient.PgClient | SqlClient.SqlClient
  >
) => Effect.runPromise(Effect.provide(effect, layer()))

beforeAll(async () => {
  // The bin runs the build when there is one: build it, so the test runs what users run.
  execFileSync(process.execPath, [join(hostDir, "../../node_modules/tsup/dist/cli-default.js")], { cwd: hostDir, stdio: "ignore" })
  url = await freshDatabase("http_host_cli")
  env = { ...process.env, DATABASE_URL: Redacted.value(url), NO_COLOR: "1" }
}, 120_000)

describe("jatim", () => {
  it("migrate --check fails on an empty database; migrate; then --check passes", async () => {
    const before = await jatim("migrate", "--check")
    expect(before.code).toBe(1)
    expect(before.stderr.trim().split("\n")).toHaveLength(1)
    expect(before.stderr).toMatch(/at version 0 of \d+ and needs migrating.*run `jatim migrate`/)

    const migrated = await jatim("migrate")
    expect(migrated.code).toBe(0)
    expect(migrated.stdout).toMatch(/Migrated the store \(schema eventstore\) to version \d+/)

    const after = await jatim("migrate", "--check")
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/is up to date at version \d+/)
  })

  it("seed loads the demo data; projections status lists every projection", async () => {
    const seeded = await jatim("seed")
    expect(seeded.stderr).toBe("")
    expect(seeded.code).toBe(0)
    expect(seeded.stdout).toMatch(/Demo data: loaded through \d+ commands/)

    const status = await jatim("projections", "status")
    expect(status.code).toBe(0)
    const lines = status.stdout.split("\n")
    expect(lines[0]).toMatch(/^name\s+state\s+position\s+lag\s+last error$/)
    for (const name of sqlReadModels("eventstore").projections.map((p) => p.name)) {
      // No host has run: the read models have no checkpoint, and every event they read is lag.
      expect(lines.find((line) => line.startsWith(`${name} `))).toMatch(/ stopped +- +[1-9]\d* +-$/)
    }
    for (const name of ProcessManagers.projections().map((p) => p.name)) {
      // The process managers ran during the seed: their checkpoints are at the end.
      expect(lines.find((line) => line.startsWith(`${name} `))).toMatch(/ stopped +\d+\.\d+ +0 +-$/)
    }
    expect(lines.slice(2).filter((line) => /^[a-z]/.test(line) && !line.startsWith("state:"))).toHaveLength(
      sqlReadModels("eventstore").projections.length + ProcessManagers.projections().length
    )
  })

  it("projections status shows a projection that stopped on an error as failed, with the error its host recorded", async () => {
    const [first] = ProcessManagers.projections()
    await run(
      Effect.flatMap(Checkpoints.Checkpoints, (c) => c.recordFailure(first.name, "the event e-9 could not be applied: stock below zero"))
    )
    const status = await jatim("projections", "status")
    expect(status.code).toBe(0)
    expect(status.stdout.split("\n").find((line) => line.startsWith(`${first.name} `))).toMatch(
      / failed +\d+\.\d+ +0 +the event e-9 could not be applied: stock below zero$/
    )
    await run(Effect.flatMap(Checkpoints.Checkpoints, (c) => c.clearFailure(first.name)))
  })

  describe("with the read models a host kept", () => {
    let host: Host | undefined
    beforeAll(async () => {
      host = await startHost(url)
      const base = host.base
      // Until every projection has applied every event.
      for (let i = 0; i < 300; i++) {
        const statuses = (await (await fetch(`${base}/projections`)).json()) as ReadonlyArray<{ readonly lag: number }>
        if (statuses.every((s) => s.lag === 0)) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await host.stop()
      host = undefined
    }, 60_000)
    afterAll(async () => {
      await host?.stop()
    })

    it("rebuild NAME replays a read model to the same position and the same rows, with progress", async () => {
      const name = "opop-sql-product-catalogue"
      const catalogue = sqlReadModels("eventstore").opop.productCatalogue
      const checkpoint = run(Effect.flatMap(Checkpoints.Checkpoints, (c) => c.load(name)))
      const before = await checkpoint
      const rowsBefore = await run(catalogue.search())
      expect(before._tag).toBe("Some")
      expect(rowsBefore.length).toBeGreaterThan(0)

      const rebuilt = await jatim("projections", "rebuild", name)
      expect(rebuilt.code).toBe(0)
      // Not a terminal: plain progress lines, the last one complete.
      expect(rebuilt.stderr).toMatch(/Rebuilding opop-sql-product-catalogue (\d+)\/\1 events \(100%\), [\d,]+ events\/s/)
      expect(rebuilt.stdout).toMatch(/^Rebuilt opop-sql-product-catalogue: \d+ events in [\d.]+ s, at position \d+\.\d+\.\n$/)
      expect(await checkpoint).toEqual(before)
      expect(await run(catalogue.search())).toEqual(rowsBefore)

      const status = await jatim("projections", "status")
      expect(status.stdout.split("\n").find((line) => line.startsWith(`${name} `))).toMatch(
        new RegExp(`stopped\\s+${before._tag === "Some" ? GlobalPosition.format(before.value).replace(".", "\\.") : ""}\\s+0\\s`)
      )
    })

    it("with a host running: status shows it leading, and a rebuild is replayed by the host to the same rows", async () => {
      const name = "sijawara-sql-kabupaten-leaderboard"
      const leaderboard = sqlReadModels("eventstore").sijawara.kabupatenLeaderboard
      const rowsBefore = await run(leaderboard.regions)
      host = await startHost(url)
      const base = host.base
      const live = async () => {
        const statuses = (await (await fetch(`${base}/projections`)).json()) as ReadonlyArray<{ readonly state: string }>
        return statuses.every((s) => s.state === "live")
      }
      for (let i = 0; i < 300 && !(await live()); i++) await new Promise((resolve) => setTimeout(resolve, 100))
      const status = await jatim("projections", "status")
      expect(status.stdout.split("\n").find((line) => line.startsWith(`${name} `))).toMatch(/ live +\d+\.\d+ +0 +-$/)

      const rebuilt = await jatim("projections", "rebuild", name)
      expect(rebuilt.stderr).toMatch(/\(100%\)/)
      expect(rebuilt.code).toBe(0)
      expect(await run(leaderboard.regions)).toEqual(rowsBefore)
      await host.stop()
      host = undefined
    })

    it("rebuild of an unknown name is one line listing the read models", async () => {
      const unknown = await jatim("projections", "rebuild", "no-such-model")
      expect(unknown.code).toBe(1)
      expect(unknown.stderr.trim().split("\n")).toHaveLength(1)
      expect(unknown.stderr).toContain('No read model named "no-such-model". Read models: opop-sql-product-catalogue,')
      const manager = await jatim("projections", "rebuild", "tomiko-stock")
      expect(manager.code).toBe(1)
      expect(manager.stderr).toContain("is a process manager")
    })

    it("export writes each report as CSV (RFC 4180) and xlsx equal to the read model's query", async () => {
      const folder = mkdtempSync(join(tmpdir(), "jatim-cli-"))
      const xlsxReports = ["opop-dashboard", "sijawara-certificates", "tomiko-monthly-trade"]
      await Promise.all(
        reports().map(async (report) => {
          const expected = await run(report.read(undefined))
          const csv = await jatim("export", report.name, "--format", "csv")
          expect(csv.code).toBe(0)
          expect(csv.stdout).toBe(toCsv(expected))
          // xlsx for the reports of numbers, dates and text (each CLI run costs a second or two).
          if (!xlsxReports.includes(report.name)) return
          const file = join(folder, `${report.name}.xlsx`)
          const xlsx = await jatim("export", report.name, "--format", "xlsx", "--output", file)
          expect(xlsx.code).toBe(0)
          expect(xlsx.stderr).toBe(`Wrote ${expected.rows.length} rows of ${report.name} to ${file}.\n`)
          const workbook = new ExcelJS.Workbook()
          await workbook.xlsx.load(readFileSync(file).buffer as ArrayBuffer)
          const values: Array<ReadonlyArray<unknown>> = []
          workbook.worksheets[0]?.eachRow((row) => {
            values.push((row.values as ReadonlyArray<unknown>).slice(1))
          })
          expect(values[0]).toEqual(expected.columns)
          // exceljs leaves out trailing empty cells.
          expect(values.slice(1).map((row) => expected.columns.map((_, i) => row[i] ?? ""))).toEqual(expected.rows)
        })
      )
      // The demo data's figures are in them: every product of the catalogue, a network's settled trade.
      const catalogue = await run(sqlReadModels("eventstore").opop.productCatalogue.search())
      const expected = await run(reports()[0]!.read(undefined))
      expect(expected.rows.map((row) => row[0])).toEqual(catalogue.map((p) => p.productId))
      // The lists added for the reports agree with the read models' lookups.
      const models = sqlReadModels("eventstore")
      const trade = await run(models.tomiko.monthlyTrade.all)
      expect(trade.length).toBeGreaterThan(0)
      for (const { secondary, month, ...figures } of trade) {
        expect(figures.orders).toBeGreaterThan(0)
        expect(await run(models.tomiko.monthlyTrade.of(secondary, month))).toEqual(figures)
      }
      const certificates = await run(models.sijawara.certificateRegistry.all())
      expect(certificates.length).toBeGreaterThan(0)
      for (const certificate of certificates) {
        expect(await run(models.sijawara.certificateRegistry.verify(certificate.number))).toEqual({ _tag: "Valid", certificate })
        expect(await run(models.sijawara.certificateRegistry.all(certificate.region))).toContainEqual(certificate)
      }
    })

    it("export --region narrows a report to one kabupaten/kota", async () => {
      const catalogue = await run(sqlReadModels("eventstore").opop.productCatalogue.search())
      const region = catalogue.find((p) => p.regionCode !== undefined)!.regionCode!
      const csv = await jatim("export", "opop-catalogue", "--format", "csv", "--region", region)
      expect(csv.code).toBe(0)
      const lines = csv.stdout.trim().split("\r\n")
      expect(lines.length - 1).toBe(catalogue.filter((p) => p.regionCode === region).length)
      const bad = await jatim("export", "opop-catalogue", "--format", "csv", "--region", "99.99")
      expect(bad.code).toBe(1)
      expect(bad.stderr.trim().split("\n")).toHaveLength(1)
    })
  })

  it("events show prints a stream's events", async () => {
    const [first] = await run(
      Effect.flatMap(EventStore.EventStore, (store) => Stream.runCollect(store.readAll({ maxCount: 1 }))).pipe(Effect.map((c) => [...c]))
    )
    expect(first).toBeDefined()
    const stream = first!.streamName
    const { events } = await run(Effect.flatMap(EventStore.EventStore, (store) => store.readStream(stream)))
    const shown = await jatim("events", "show", stream)
    expect(shown.code).toBe(0)
    const lines = shown.stdout.trim().split("\n")
    expect(lines.filter((line) => !line.startsWith("    metadata "))).toEqual(
      events.map(
        (e) =>
          `${GlobalPosition.format(e.globalPosition)}  ${e.streamName}@${e.streamVersion}  ${e.type}  ${e.metadata.occurredAt.toISOString()}  ${JSON.stringify(e.data)}`
      )
    )
    const none = await jatim("events", "show", "nothing-here")
    expect(none.code).toBe(1)
    expect(none.stderr.trim()).toBe('jatim: Stream "nothing-here" has no events.')
  })

  it("events show reads personal data as the host does: the pengasuh's name, then [dihapus] once forgotten", async () => {
    const [registration] = await run(
      Effect.flatMap(EventStore.EventStore, (store) =>
        Stream.runCollect(store.readAll({ eventTypes: ["PesantrenRegistered"], maxCount: 1 }))
      ).pipe(Effect.map((c) => [...c]))
    )
    const pengasuh = String(registration!.data["pengasuh"])
    const nspp = String(registration!.data["nspp"])
    expect(pengasuh).not.toBe(PersonalData.erasedText)
    expect((await jatim("events", "show", registration!.streamName)).stdout).toContain(JSON.stringify(pengasuh))
    await run(PersonalDataKeys.forget(PersonalData.subject("pengasuh", nspp)))
    const shown = await jatim("events", "show", registration!.streamName)
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain(`"pengasuh":${JSON.stringify(PersonalData.erasedText)}`)
    expect(shown.stdout).not.toContain(pengasuh)
  })

  it("events tail shows an event appended after it started, until interrupted", async () => {
    const child = spawn(process.execPath, [bin, "events", "tail", "--category", "clitail"], { env })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += String(chunk)))
    child.stderr.on("data", (chunk) => (stderr += String(chunk)))
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 300 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await until(() => stderr.includes("Following"))
    expect(stderr).toContain("Following categories clitail")
    await run(
      EventStore.appendToStream("clitail-1", [{ eventId: crypto.randomUUID(), type: "Pinged", data: { n: 1 } }]).pipe(
        Effect.zipRight(EventStore.appendToStream("other-1", [{ eventId: crypto.randomUUID(), type: "Other", data: {} }]))
      )
    )
    await until(() => stdout.includes("Pinged"))
    expect(stdout).toMatch(/^\d+\.\d+ {2}clitail-1@1 {2}Pinged {2}\S+ {2}\{"n":1\}\n$/)
    child.kill("SIGINT")
    await exited
  })

  it("an unknown command or read model is one line on stderr and a non-zero exit; --help works at every level", async () => {
    const [unknown, model, ...helps] = await Promise.all([
      jatim("frobnicate"),
      jatim("export", "no-such-report", "--format", "csv"),
      ...[[], ["projections", "rebuild"], ["export"]].map((args) => jatim(...args, "--help"))
    ])
    expect(unknown!.code).toBe(2)
    expect(unknown!.stderr.trim()).toBe(
      "Invalid subcommand for jatim - use one of 'migrate', 'projections', 'events', 'export', 'token', 'seed'"
    )
    expect(model!.code).toBe(1)
    expect(model!.stderr.trim()).toMatch(/^jatim: No report named "no-such-report"\. Reports: opop-catalogue, .*tomiko-monthly-trade\.$/)
    for (const help of helps) {
      expect(help.code).toBe(0)
      expect(help.stdout).toContain("USAGE")
    }
    expect(helps[0]!.stdout).toContain("projections rebuild <NAME>")
    expect(helps[2]!.stdout).toContain("operator with access")
  })

  it("token prints a token for an actor, or says what is wrong", async () => {
    const withSecret = { TOKEN_SECRET: "cli-test-secret" }
    const [unsigned, token, bad] = await Promise.all([
      jatim("token", "--role", "LEARNER", "--id", "L-2025-000123"),
      jatimWith(withSecret, "token", "--role", "LEARNER", "--id", "L-2025-000123", "--ttl", "1h"),
      jatimWith(withSecret, "token", "--role", "KING", "--id", "x")
    ])
    // Without TOKEN_SECRET it refuses: the token would not be the host's.
    expect(unsigned!.code).toBe(1)
    expect(unsigned!.stderr.trim()).toBe("jatim: Set TOKEN_SECRET to the host's secret (the host prints it at start).")
    expect(token!.code).toBe(0)
    // The host's keys verify it, and it names the actor.
    const verified = await Effect.runPromise(verifyToken(fromSecret("cli-test-secret"), token!.stdout.trim()))
    expect(verified).toEqual({ _tag: "LEARNER", learnerId: "L-2025-000123" })
    expect(bad!.code).toBe(1)
    expect(bad!.stderr).toContain('Unknown role "KING"')
  })
})
