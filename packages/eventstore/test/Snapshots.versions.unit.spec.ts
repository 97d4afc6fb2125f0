/**
 * Snapshots and stream versions: a handler loading from a snapshot reports the stream's real
 * version (never the snapshot's, when events follow it), writes a snapshot exactly when a
 * multiple of `every` is reached, and a snapshot that cannot be saved never fails a command.
 */
import { describe, expect, it } from "vitest"
import { Effect, Either, Layer, Logger, LogLevel, Option, Schema } from "effect"
import * as fc from "fast-check"
import { CommandHandler, EventStore, EventStoreUnavailable, InMemoryEventStore, SnapshotStore } from "../src/index.js"
import { tallyCodec, tallyDecider, type TallyCommand } from "./fixtures/tally.js"

const command = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 50 }).map((amount): TallyCommand => ({ _tag: "Count", amount })) },
  { weight: 1, arbitrary: fc.constant<TallyCommand>({ _tag: "Reset", reason: "month end" }) }
)

const stores = () => Layer.merge(InMemoryEventStore.layer(), SnapshotStore.layerInMemory)
const loadSnapshot = Effect.flatMap(SnapshotStore.SnapshotStore, (s) => s.load("tally-1", "tally"))

/** A store, and snapshots that load nothing and fail every save. */
const failingSnapshots = Layer.merge(
  InMemoryEventStore.layer(),
  Layer.succeed(SnapshotStore.SnapshotStore, {
    load: () => Effect.succeed(Option.none()),
    save: () => new EventStoreUnavailable({ operation: "save snapshot", reason: "down" })
  })
)

/** A handler that snapshots after every event. */
const snapshotEveryEvent = CommandHandler.make({
  decider: tallyDecider,
  codec: tallyCodec,
  snapshots: { name: "tally", every: 1, schema: Schema.Int, version: 1 }
})

describe("snapshots and versions", () => {
  it("every command's next version is the stream's version, and the snapshot is at the last multiple of `every`", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(command, { maxLength: 15 }), (every, commands) =>
        Effect.runPromise(
          Effect.gen(function* () {
            const handle = CommandHandler.make({
              decider: tallyDecider,
              codec: tallyCodec,
              snapshots: { name: "tally", every, schema: Schema.Int, version: 1 }
            })
            // The state at each version of the stream.
            const states = [0]
            for (const c of commands) {
              const result = yield* handle("tally-1", c)
              const { streamVersion } = yield* EventStore.readStream("tally-1")
              expect(result.nextExpectedVersion).toBe(streamVersion)
              expect(result.nextExpectedVersion).toBe(states.length - 1 + result.newEvents.length)
              if (result.newEvents.length > 0) states.push(result.newState)
              expect(result.newState).toBe(states[states.length - 1])
            }
            const version = states.length - 1
            const at = Math.floor(version / every) * every
            const snapshot = yield* loadSnapshot
            expect(snapshot).toEqual(
              at === 0
                ? Option.none()
                : Option.some({ streamName: "tally-1", name: "tally", streamVersion: at, stateVersion: 1, state: states[at] })
            )
          }).pipe(Effect.provide(stores()))
        ).then(() => true)
      )
    )
  })

  it("a state that does not encode is not snapshotted, and the command still lands", async () => {
    const small = Schema.Int.pipe(Schema.filter((n) => n < 5))
    const handle = CommandHandler.make({
      decider: tallyDecider,
      codec: tallyCodec,
      snapshots: { name: "tally", every: 1, schema: small, version: 1 }
    })
    await Effect.runPromise(
      Effect.gen(function* () {
        expect((yield* handle("tally-1", { _tag: "Count", amount: 3 })).nextExpectedVersion).toBe(1)
        expect(Option.map(yield* loadSnapshot, (s) => s.state)).toEqual(Option.some(3))
        const result = yield* handle("tally-1", { _tag: "Count", amount: 4 })
        expect(result).toMatchObject({ nextExpectedVersion: 2, newState: 7 })
        expect(Option.map(yield* loadSnapshot, (s) => s.streamVersion)).toEqual(Option.some(1))
      }).pipe(Effect.provide(stores()), Logger.withMinimumLogLevel(LogLevel.None))
    )
  })

  it("a snapshot that cannot be saved is logged as a warning", async () => {
    const logged: Array<readonly [string, unknown]> = []
    const logger = Logger.make(({ logLevel, message }) => {
      logged.push([logLevel.label, Array.isArray(message) ? message[0] : message])
    })
    await Effect.runPromise(
      snapshotEveryEvent("tally-1", { _tag: "Count", amount: 3 }).pipe(
        Effect.provide(failingSnapshots),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
    )
    expect(logged).toContainEqual(["WARN", "snapshot not saved"])
  })

  it("a snapshot store that fails to save never fails the command", async () => {
    const result = await Effect.runPromise(
      Effect.either(snapshotEveryEvent("tally-1", { _tag: "Count", amount: 3 })).pipe(
        Effect.provide(failingSnapshots),
        Logger.withMinimumLogLevel(LogLevel.None)
      )
    )
    expect(Either.getOrThrow(result)).toMatchObject({ nextExpectedVersion: 1, newState: 3 })
  })
})
