/**
 * Commands applied at most once per causation id (`deduplicate`), with and without snapshots,
 * and what happens when only one of `deduplicate` and `causationId` is given.
 */
import { describe, expect, it } from "vitest"
import { Effect, Layer, Schema } from "effect"
import { CommandHandler, DuplicateEventId, EventStore, InMemoryEventStore, SnapshotStore } from "../src/index.js"
import { tallyCodec, tallyDecider, type TallyCommand } from "./fixtures/tally.js"

const count = (amount: number): TallyCommand => ({ _tag: "Count", amount })
const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
const snapshotted = CommandHandler.make({
  decider: tallyDecider,
  codec: tallyCodec,
  snapshots: { name: "tally", every: 2, schema: Schema.Int, version: 1 }
})
const stores = () => Layer.merge(InMemoryEventStore.layer(), SnapshotStore.layerInMemory)
const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | SnapshotStore.SnapshotStore>) =>
  Effect.runPromise(effect.pipe(Effect.provide(stores())))
const stored = Effect.map(EventStore.readStream("tally-1"), ({ events }) => events)

describe("CommandHandler deduplication", () => {
  it("a redelivered command whose events are in the loaded stream is reported applied, with nothing decided or written", async () => {
    await run(
      Effect.gen(function* () {
        const options = { causationId: "sale-1", deduplicate: true } as const
        const first = yield* handle("tally-1", count(5), options)
        expect(first).toMatchObject({ alreadyApplied: false, nextExpectedVersion: 1, newState: 5 })
        expect(first.lastPosition).toBeDefined()
        const again = yield* handle("tally-1", count(5), options)
        expect(again).toEqual({ newEvents: [], nextExpectedVersion: 1, newState: 5, lastPosition: undefined, alreadyApplied: true })
        expect(yield* stored).toHaveLength(1)
        // Another cause is applied.
        expect(yield* handle("tally-1", count(5), { causationId: "sale-2", deduplicate: true })).toMatchObject({
          alreadyApplied: false,
          newState: 10
        })
      })
    )
  })

  it("a redelivery is recognised before anything is decided, even where deciding again would now fail", async () => {
    let decisions = 0
    const counting = CommandHandler.make({
      decider: {
        ...tallyDecider,
        decide: (command: TallyCommand, state: number) => {
          decisions++
          return tallyDecider.decide(command, state)
        }
      },
      codec: tallyCodec
    })
    await run(
      Effect.gen(function* () {
        const options = { causationId: "sale-1", deduplicate: true } as const
        yield* counting("tally-1", count(600), options)
        yield* counting("tally-1", count(300))
        decisions = 0
        // 900 + 600 would pass the limit: deciding again would refuse the redelivered command.
        expect(yield* counting("tally-1", count(600), options)).toMatchObject({
          alreadyApplied: true,
          newState: 900,
          nextExpectedVersion: 2
        })
        expect(decisions).toBe(0)
      })
    )
  })

  it("a deduplicated command that decides nothing is not reported as applied before", async () => {
    await run(
      Effect.gen(function* () {
        const options = { causationId: "noop-1", deduplicate: true } as const
        expect(yield* handle("tally-1", count(0), options)).toEqual({
          newEvents: [],
          nextExpectedVersion: 0,
          newState: 0,
          lastPosition: undefined,
          alreadyApplied: false
        })
        yield* handle("tally-1", count(2))
        expect(yield* handle("tally-1", count(0), options)).toMatchObject({ alreadyApplied: false, nextExpectedVersion: 1, newState: 2 })
      })
    )
  })

  it("the events of a deduplicated command get ids derived from the cause: the same on every delivery", async () => {
    const ids = await Promise.all(
      [1, 2].map(() =>
        run(
          Effect.gen(function* () {
            yield* handle("tally-1", count(5), { causationId: "sale-1", deduplicate: true })
            return (yield* stored).map((e) => e.eventId)
          })
        )
      )
    )
    expect(ids[0]).toEqual(ids[1])
  })

  it("a redelivery hidden by a snapshot that now decides otherwise is still recognised (the store refuses its ids)", async () => {
    await run(
      Effect.gen(function* () {
        const options = { causationId: "sale-1", deduplicate: true } as const
        yield* snapshotted("tally-1", count(5), options)
        yield* snapshotted("tally-1", count(7))
        // The snapshot at version 2 hides the cause's event; the redelivery decides another amount.
        const again = yield* snapshotted("tally-1", count(6), options)
        expect(again).toEqual({ newEvents: [], nextExpectedVersion: 2, newState: 12, lastPosition: undefined, alreadyApplied: true })
        expect((yield* stored).map((e) => e.data)).toEqual([{ amount: 5 }, { amount: 7 }])
      })
    )
  })

  it("one cause may apply a command to several streams: each stream gets events of its own", async () => {
    await run(
      Effect.gen(function* () {
        const options = { causationId: "order-9", deduplicate: true } as const
        expect(yield* handle("tally-1", count(1), options)).toMatchObject({ alreadyApplied: false, nextExpectedVersion: 1 })
        expect(yield* handle("tally-2", count(1), options)).toMatchObject({ alreadyApplied: false, nextExpectedVersion: 1 })
        const [one, two] = yield* Effect.all([EventStore.readStream("tally-1"), EventStore.readStream("tally-2")])
        expect(one.events[0]!.eventId).not.toBe(two.events[0]!.eventId)
      })
    )
  })

  it("a deduplicated command that meets a conflict is retried and applied, not taken as applied before", async () => {
    await run(
      Effect.gen(function* () {
        const rivalOnce = Effect.map(EventStore.EventStore, (store) => {
          let rival = true
          return EventStore.EventStore.of({
            ...store,
            appendToStream: (streamName, events, options) => {
              if (!rival || events.length === 0) return store.appendToStream(streamName, events, options)
              rival = false
              return Effect.zipRight(
                store.appendToStream(streamName, [{ eventId: "rival-1", type: "Counted", data: { amount: 10 } }]),
                store.appendToStream(streamName, events, options)
              )
            }
          })
        })
        const result = yield* handle("tally-1", count(1), { causationId: "sale-1", deduplicate: true }).pipe(
          Effect.provideServiceEffect(EventStore.EventStore, rivalOnce)
        )
        expect(result).toMatchObject({ alreadyApplied: false, nextExpectedVersion: 2, newState: 11 })
        expect((yield* stored).map((e) => e.metadata.causationId)).toEqual([undefined, "sale-1"])
      })
    )
  })

  it("without deduplicate, a duplicate event id from the store is an error, not a command applied before", async () => {
    await run(
      Effect.gen(function* () {
        const duplicating = Effect.map(EventStore.EventStore, (store) =>
          EventStore.EventStore.of({
            ...store,
            appendToStream: (streamName, events) =>
              new DuplicateEventId({ eventId: events[0]?.eventId ?? "", streamName, reason: "stored elsewhere" })
          })
        )
        const error = yield* Effect.flip(
          handle("tally-1", count(1), { causationId: "sale-1" }).pipe(Effect.provideServiceEffect(EventStore.EventStore, duplicating))
        )
        expect(error._tag).toBe("DuplicateEventId")
      })
    )
  })

  it("without deduplicate, or without a causation id, a command is applied every time", async () => {
    await run(
      Effect.gen(function* () {
        yield* handle("tally-1", count(1), { causationId: "sale-1" })
        expect(yield* handle("tally-1", count(1), { causationId: "sale-1" })).toMatchObject({ alreadyApplied: false, newState: 2 })
        yield* handle("tally-1", count(1), { deduplicate: true })
        expect(yield* handle("tally-1", count(1), { deduplicate: true })).toMatchObject({ alreadyApplied: false, newState: 4 })
        const events = yield* stored
        expect(events).toHaveLength(4)
        expect(new Set(events.map((e) => e.eventId)).size).toBe(4)
        expect(events.map((e) => e.metadata.causationId)).toEqual(["sale-1", "sale-1", undefined, undefined])
      })
    )
  })

  it("withActor adds the actor to the options, keeping the others", () => {
    const actor = { role: "CURATOR", id: "7" }
    expect(CommandHandler.withActor(actor)).toEqual({ actor })
    expect(CommandHandler.withActor(actor, { causationId: "c", deduplicate: true })).toEqual({ causationId: "c", deduplicate: true, actor })
  })
})
