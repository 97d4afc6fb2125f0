/**
 * Why a projection stopped, kept in the store's `projection_failures` (schema step 6) by
 * `PostgresCheckpoints`: recorded (the last message wins), read back by name, cleared, and
 * cleared by a rebuild's reset in the same transaction as the checkpoint.
 */
import { Effect, Option } from "effect"
import { expect } from "vitest"
import { GlobalPosition } from "@jatim/eventstore"
import { Migrations, PostgresCheckpoints } from "../src/index.js"
import { clientLayer, inSchemaTest, suiteDatabaseBeforeAll } from "./support.js"

const url = suiteDatabaseBeforeAll("projection_failures")

inSchemaTest("a stopped projection's reason is kept by name until it is cleared or its projection is reset", (schema) =>
  Effect.gen(function* () {
    yield* Migrations.migrate(schema)
    const checkpoints = yield* PostgresCheckpoints.make(schema)
    yield* checkpoints.recordFailure("orders", "the event e-3 could not be applied: amount below zero")
    yield* checkpoints.recordFailure("listings", "first reason")
    yield* checkpoints.recordFailure("listings", "the reason that stays")
    const kept = yield* checkpoints.failures
    expect(kept.map((f) => [f.name, f.message])).toEqual([
      ["listings", "the reason that stays"],
      ["orders", "the event e-3 could not be applied: amount below zero"]
    ])
    expect(kept.every((f) => f.failedAt instanceof Date && !Number.isNaN(f.failedAt.getTime()))).toBe(true)

    yield* checkpoints.clearFailure("listings")
    // A rebuild's reset forgets the checkpoint and the failure together.
    yield* checkpoints.save("orders", Option.none(), GlobalPosition.make(1, 1))
    yield* checkpoints.reset("orders", Effect.void)
    expect(yield* checkpoints.failures).toEqual([])
    expect(yield* checkpoints.load("orders")).toEqual(Option.none())
  }).pipe(Effect.provide(clientLayer(url())))
)
