import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Redacted } from "effect"
import pg from "pg"
import { EmbeddedPostgres } from "../src/index.js"

const query = (url: Redacted.Redacted<string>, text: string) =>
  Effect.promise(async () => {
    const client = new pg.Client({ connectionString: Redacted.value(url) })
    await client.connect()
    try {
      return (await client.query(text)).rows
    } finally {
      await client.end()
    }
  })

describe("EmbeddedPostgres", () => {
  it.scoped(
    "starts a real PostgreSQL 17 that answers queries, and creates databases on it",
    () =>
      Effect.gen(function* () {
        const server = yield* EmbeddedPostgres.start()
        expect(server.embedded).toBe(true)
        const [row] = yield* query(server.url, "SELECT current_setting('server_version_num')::int AS version")
        expect(row.version).toBeGreaterThanOrEqual(170000)
        const url = yield* EmbeddedPostgres.createDatabase(server.url, "suite_one")
        const [db] = yield* query(url, "SELECT current_database() AS name")
        expect(db.name).toBe("suite_one")
        const error = yield* Effect.flip(EmbeddedPostgres.createDatabase(server.url, "Bad-Name"))
        expect(error._tag).toBe("EmbeddedPostgresError")
        // A database of its own per call, named after the prefix.
        const names = yield* Effect.forEach([1, 2], () =>
          Effect.flatMap(EmbeddedPostgres.createUniqueDatabase(server.url, "suite"), (unique) =>
            Effect.map(query(unique, "SELECT current_database() AS name"), ([row]) => row.name)
          )
        )
        expect(names[0]).toMatch(/^suite_[0-9a-z]{8}$/)
        expect(names[1]).toMatch(/^suite_[0-9a-z]{8}$/)
        expect(names[0]).not.toBe(names[1])
      }),
    60_000
  )

  it.scoped("uses DATABASE_URL instead of starting a server when it is set", () =>
    Effect.gen(function* () {
      const server = yield* EmbeddedPostgres.fromEnvironmentOrStart().pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["DATABASE_URL", "postgresql://u:p@db.example:5432/app"]])))
      )
      expect(server.embedded).toBe(false)
      expect(Redacted.value(server.url)).toBe("postgresql://u:p@db.example:5432/app")
      expect(Redacted.value(EmbeddedPostgres.databaseUrl(server.url, "other"))).toBe("postgresql://u:p@db.example:5432/other")
    })
  )
})
