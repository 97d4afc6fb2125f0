/**
 * The province as the generator holds it while it runs: the state and version of every stream in
 * play (decided on with the pure deciders, in memory), the recorded events of the streams facts
 * are read from (`FactStore`), the seeded randomness, the simulated clock, and the events decided
 * but not yet handed out. A command refused by its decider emits nothing (it is counted), so
 * every event the workload hands out is one the domain's rules accepted.
 */
import { Effect, Either, Random } from "effect"
import { EventStore } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import * as Aggregates from "./Aggregates.js"
import * as FactStore from "./FactStore.js"
import * as SimulatedClock from "./SimulatedClock.js"

/** The streams of one aggregate in play: decide commands on them, read their state, forget them. */
export interface Streams<C extends Aggregates.Command, E extends { readonly _tag: string }, S, Err> {
  /** Decides `command` on `streamName`'s current state; on success, its events are applied and emitted. */
  readonly decide: (streamName: string, command: C) => Either.Either<ReadonlyArray<E>, Err>
  /** The stream's current state (the decider's initial state when it has no events). */
  readonly state: (streamName: string) => S
  /** The stream's current version: 0 when it has no events. */
  readonly version: (streamName: string) => number
  /** Forgets the stream: nothing will decide on it or read it again. */
  readonly forget: (streamName: string) => void
}

/** The generator's world. */
export interface World {
  /** A whole number from `min` to `max`, both included. */
  readonly int: (min: number, max: number) => number
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean
  /** One of `items` (not empty). */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** The simulated clock. */
  readonly clock: SimulatedClock.SimulatedClock
  /** Runs a fact reader on the fact store (time from the simulated clock). */
  readonly read: <A, Err>(reader: Effect.Effect<A, Err, EventStore.EventStore>) => Either.Either<A, Err>
  /** Runs an effect with the simulated clock and the seeded `Random`. */
  readonly run: <A, Err>(effect: Effect.Effect<A, Err>) => Either.Either<A, Err>
  /** Takes the events emitted since the last call, in the order they were decided. */
  readonly drain: () => ReadonlyArray<Aggregates.WorkloadEvent>
  /** Refused commands by tag (a refusal emits nothing). */
  readonly refusals: Map<string, number>
  /** How many streams are in play, and how many the fact store holds. */
  readonly inPlay: () => { readonly streams: number; readonly factStreams: number }
  readonly pesantren: Streams.Of<typeof Aggregates.pesantren>
  readonly product: Streams.Of<typeof Aggregates.product>
  readonly santripreneur: Streams.Of<typeof Aggregates.santripreneur>
  readonly course: Streams.Of<typeof Aggregates.course>
  readonly learner: Streams.Of<typeof Aggregates.learner>
  readonly enrollment: Streams.Of<typeof Aggregates.enrollment>
  readonly umkm: Streams.Of<typeof Aggregates.umkm>
  readonly koperasi: Streams.Of<typeof Aggregates.koperasi>
  readonly listing: Streams.Of<typeof Aggregates.listing>
  readonly order: Streams.Of<typeof Aggregates.order>
}

export declare namespace Streams {
  /** The streams of aggregate `A`. */
  export type Of<A> = A extends Aggregates.Aggregate<infer C, infer E, infer S, infer Err> ? Streams<C, E, S, Err> : never
}

/** A new world: nothing registered yet, the clock at `start`, randomness from `seed`. */
export const make = (seed: number, start: Date): World => {
  const random = Random.make(seed)
  const clock = SimulatedClock.make(start)
  const facts = FactStore.make()
  const refusals = new Map<string, number>()
  let pending: Array<Aggregates.WorkloadEvent> = []
  let streamsInPlay = 0

  const run = <A, Err>(effect: Effect.Effect<A, Err>): Either.Either<A, Err> =>
    Effect.runSync(Effect.either(effect).pipe(Effect.withClock(clock.clock), Effect.withRandom(random)))
  // The workload's own draws come from a second seeded `Random`, a batch at a time (one run per
  // batch rather than per draw); the deciders' draws (certificate numbers) use `random`.
  const draws = Random.make(seed + 0x9e3779b9)
  const batch = Effect.replicateEffect(draws.next, 4096)
  let buffer: ReadonlyArray<number> = []
  let next = 0
  const uniform = (): number => {
    if (next >= buffer.length) {
      buffer = Effect.runSync(batch)
      next = 0
    }
    return buffer[next++] ?? 0
  }
  const int = (min: number, max: number) => min + Math.floor(uniform() * (max - min + 1))

  const streams = <C extends Aggregates.Command, E extends { readonly _tag: string }, S, Err>(
    aggregate: Aggregates.Aggregate<C, E, S, Err>
  ): Streams<C, E, S, Err> => {
    const table = new Map<string, { readonly state: S; readonly version: number }>()
    const decide = (streamName: string, command: C): Either.Either<ReadonlyArray<E>, Err> => {
      const entry = table.get(streamName)
      const result = run(aggregate.decider.decide(command, entry?.state ?? aggregate.decider.initialState))
      if (Either.isLeft(result)) {
        refusals.set(command._tag, (refusals.get(command._tag) ?? 0) + 1)
        return result
      }
      if (result.right.length === 0) return result
      let state = entry?.state ?? aggregate.decider.initialState
      let version = entry?.version ?? 0
      const occurredAt = new Date(clock.now())
      const actor = Actor.refOfCommand(command)
      for (const event of result.right) {
        state = aggregate.decider.evolve(state, event)
        version++
        pending.push(aggregate.emit({ streamName, version, event, occurredAt, actor }))
        if (aggregate.readFrom) {
          const eventId = `${streamName}@${version}`
          facts.record(streamName, () => {
            const encoded = Effect.runSync(aggregate.codec.encode({ event, eventId }))
            return {
              eventId,
              type: encoded.type,
              data: encoded.data,
              metadata: { occurredAt, actor, schemaVersion: aggregate.codec.currentVersion(encoded.type) }
            }
          })
        }
      }
      if (entry === undefined) streamsInPlay++
      table.set(streamName, { state, version })
      return result
    }
    return {
      decide,
      state: (streamName) => table.get(streamName)?.state ?? aggregate.decider.initialState,
      version: (streamName) => table.get(streamName)?.version ?? 0,
      forget: (streamName) => {
        if (table.delete(streamName)) streamsInPlay--
        facts.forget(streamName)
      }
    }
  }

  return {
    int,
    chance: (p) => uniform() < p,
    pick: (items) => {
      const item = items[int(0, items.length - 1)]
      if (item === undefined) throw new Error("pick: no items to pick from")
      return item
    },
    clock,
    read: (reader) => run(Effect.provideService(reader, EventStore.EventStore, facts)),
    run,
    drain: () => {
      const drained = pending
      pending = []
      return drained
    },
    refusals,
    inPlay: () => ({ streams: streamsInPlay, factStreams: facts.size() }),
    pesantren: streams(Aggregates.pesantren),
    product: streams(Aggregates.product),
    santripreneur: streams(Aggregates.santripreneur),
    course: streams(Aggregates.course),
    learner: streams(Aggregates.learner),
    enrollment: streams(Aggregates.enrollment),
    umkm: streams(Aggregates.umkm),
    koperasi: streams(Aggregates.koperasi),
    listing: streams(Aggregates.listing),
    order: streams(Aggregates.order)
  }
}
