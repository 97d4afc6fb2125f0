import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"
import { PgClient } from "@effect/sql-pg"
import { InMemoryEventStore } from "@jatim/eventstore"
import { PostgresEventStore } from "@jatim/eventstore-postgres"
import { Identifier } from "@jatim/kernel"
import { suiteDatabase } from "@jatim/testing/postgres"
import { funnelOf, registerAndVerify } from "../src/registry.js"

const nib = (n: string) => Either.getOrThrow(Identifier.parse(Identifier.Nib, n))

/** The app's own program: two businesses in Kabupaten Malang, one in Kota Malang. */
const program = Effect.gen(function* () {
  yield* registerAndVerify({ nib: nib("9120001234567"), businessName: "Keripik Tempe", ownerName: "Sri", region: "35.07" })
  yield* registerAndVerify({ nib: nib("9120007654321"), businessName: "Batik Tulis", ownerName: "Dewi", region: "35.07" })
  yield* registerAndVerify({ nib: nib("9120001111111"), businessName: "Kopi Arjuno", ownerName: "Budi", region: "35.73" })
  return [yield* funnelOf("35.07"), yield* funnelOf("35.73")] as const
})

const expected = (verified: number) => ({
  REGISTERED: 0,
  LEGALITY_VERIFIED: verified,
  TRAINED: 0,
  LISTING_APPROVED: 0,
  READY: 0,
  ONBOARDED: 0,
  WITHDRAWN: 0
})

describe("an app embedding JATIM ISO", () => {
  it.effect("runs on the in-memory layer", () =>
    Effect.gen(function* () {
      const [malang, kotaMalang] = yield* program
      expect(malang).toEqual(expected(2))
      expect(kotaMalang).toEqual(expected(1))
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.live("runs unchanged on the PostgreSQL layer", () =>
    Effect.gen(function* () {
      const url = yield* Effect.promise(() => suiteDatabase("embedding"))
      const [malang, kotaMalang] = yield* program.pipe(
        Effect.provide(PostgresEventStore.layer({ schema: "registry" }).pipe(Layer.provide(PgClient.layer({ url }))))
      )
      expect(malang).toEqual(expected(2))
      expect(kotaMalang).toEqual(expected(1))
    })
  )
})
