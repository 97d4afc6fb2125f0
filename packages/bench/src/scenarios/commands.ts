/**
 * Command handling (load, decide, append) on a stream of 1,000 events, with and without
 * snapshots (every 100 events, in PostgreSQL); and the in-memory adapter.
 */
import { Effect, Layer, ManagedRuntime, Redacted, Schema } from "effect"
import { PgClient } from "@effect/sql-pg"
import { CommandHandler, Decider, EventCodec, EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { PostgresEventStore, PostgresSnapshotStore } from "@jatim/eventstore-postgres"
import { type Bench, log, newEvent, medianOf, time } from "../context.js"
import { formatNumber } from "../stats.js"

const Events = Schema.Union(
  Schema.TaggedStruct("Disetor", { amount: Schema.Number }),
  Schema.TaggedStruct("Ditarik", { amount: Schema.Number })
)
type Events = typeof Events.Type
interface State {
  readonly balance: number
  readonly count: number
}
const State = Schema.Struct({ balance: Schema.Number, count: Schema.Number })

export const decider = Decider.make<{ readonly amount: number }, Events, State>({
  initialState: { balance: 0, count: 0 },
  evolve: (state, event) => ({
    balance: state.balance + (event._tag === "Disetor" ? event.amount : -event.amount),
    count: state.count + 1
  }),
  decide: (command) => Effect.succeed([{ _tag: "Disetor", amount: command.amount }])
})
const codec = EventCodec.make(Events)

export const run = async (bench: Bench) => {
  const url = await bench.database("commands")
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(PostgresEventStore.layer({}), PostgresSnapshotStore.layer()).pipe(
      Layer.provideMerge(PgClient.layer({ url: Redacted.make(url), maxConnections: 4 }))
    )
  )
  const plain = CommandHandler.make({ decider, codec })
  const snapshotted = CommandHandler.make({
    decider,
    codec,
    snapshots: { name: "saldo", every: 100, schema: State, version: 1 }
  })
  const size = bench.sizes.commandStreamEvents
  try {
    const seed = (stream: string) =>
      runtime.runPromise(
        EventStore.appendToStream(
          stream,
          Array.from({ length: size - 1 }, (_, i) => ({
            eventId: crypto.randomUUID(),
            type: "Disetor",
            data: { amount: i }
          }))
        )
      )
    await seed("simpanan-plain")
    await seed("simpanan-snap")
    // The command that brings each stream to 1,000 events (and saves the first snapshot).
    await runtime.runPromise(plain("simpanan-plain", { amount: 1 }))
    await runtime.runPromise(snapshotted("simpanan-snap", { amount: 1 }))
    const commands = bench.sizes.commands
    const measure = (f: () => Promise<unknown>) =>
      medianOf(bench.sizes.runs, async () => {
        const ms = await time(async () => {
          for (let i = 0; i < commands; i++) await f()
        })
        return commands / (ms / 1000)
      })
    const withoutSnapshots = await measure(() => runtime.runPromise(plain("simpanan-plain", { amount: 1 })))
    const withSnapshots = await measure(() => runtime.runPromise(snapshotted("simpanan-snap", { amount: 1 })))
    log(`commands: ${Math.round(withoutSnapshots)}/s without snapshots, ${Math.round(withSnapshots)}/s with`)
    bench.rows.push({
      scenario: `Command handling (load, decide, append) on a stream of ${formatNumber(size)}+ events, no snapshots`,
      ours: `${formatNumber(withoutSnapshots)} commands/s`,
      baseline: "—",
      ratio: undefined,
      target: "—",
      met: undefined
    })
    bench.rows.push({
      scenario: "… the same with snapshots every 100 events (baseline: without)",
      ours: `${formatNumber(withSnapshots)} commands/s`,
      baseline: `${formatNumber(withoutSnapshots)} /s (no snapshots)`,
      ratio: withSnapshots / withoutSnapshots,
      target: "—",
      met: undefined
    })
  } finally {
    await runtime.dispose()
  }
}

export const runInMemory = async (bench: Bench) => {
  const { inMemoryAppends, inMemoryStreamEvents, runs } = bench.sizes
  const appends = await medianOf(runs, async () => {
    const store = await Effect.runPromise(InMemoryEventStore.make())
    const ms = await time(() =>
      Effect.runPromise(
        Effect.forEach(
          Array.from({ length: inMemoryAppends }, (_, i) => i),
          (i) => store.appendToStream(`simpanan-${i % 1000}`, [newEvent(i)]),
          { discard: true }
        )
      )
    )
    return inMemoryAppends / (ms / 1000)
  })
  const store = await Effect.runPromise(InMemoryEventStore.make())
  for (let from = 0; from < inMemoryStreamEvents; from += 10_000) {
    await Effect.runPromise(
      store.appendToStream(
        "simpanan-big",
        Array.from({ length: Math.min(10_000, inMemoryStreamEvents - from) }, (_, i) => ({
          eventId: crypto.randomUUID(),
          type: "Disetor",
          data: { amount: from + i }
        }))
      )
    )
  }
  const handler = CommandHandler.make({ decider, codec })
  const rehydrate = await medianOf(Math.max(runs, 3), () =>
    time(() => Effect.runPromise(Effect.provideService(handler("simpanan-big", { amount: 1 }), EventStore.EventStore, store)))
  )
  log(`in-memory: ${Math.round(appends)} appends/s, rehydrate + command on ${inMemoryStreamEvents} events ${rehydrate.toFixed(0)} ms`)
  bench.rows.push({
    scenario: `In-memory adapter: appends of 1 event, sequential (${formatNumber(inMemoryAppends)})`,
    ours: `${formatNumber(appends)} appends/s`,
    baseline: "—",
    ratio: undefined,
    target: "—",
    met: undefined
  })
  bench.rows.push({
    scenario: `In-memory adapter: rehydrate a ${formatNumber(inMemoryStreamEvents)}-event stream (command handler: read, decode, fold, decide, append)`,
    ours: `${formatNumber(rehydrate, 1)} ms`,
    baseline: "—",
    ratio: undefined,
    target: "—",
    met: undefined
  })
}
