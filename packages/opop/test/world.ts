/**
 * Runs random command sequences against a decider the way the command handler does, one
 * state per stream, with the clock moving forward, and reports every step to the property
 * (the random steps themselves are `Arbitraries.steps` of `@jatim/opop/testing`).
 */
import { Cause, Effect, Exit, Option } from "effect"
import { expect } from "vitest"
import { type Aggregate, Decider, type EventCodec, GlobalPosition, StreamName } from "@jatim/eventstore"
import { FixedClock } from "@jatim/testing"
import type { Step } from "../src/Arbitraries.js"
import * as Pesantren from "../src/Pesantren.js"
import type { PesantrenCommand } from "../src/PesantrenCommand.js"
import * as Product from "../src/Product.js"
import type { ProductCommand } from "../src/ProductCommand.js"
import * as Santripreneur from "../src/Santripreneur.js"
import type { SantripreneurCommand } from "../src/SantripreneurCommand.js"

export { steps } from "../src/Arbitraries.js"

/** Decides `command` in `state` with the clock at `at`, catching defects as a `Die` exit. */
export const decideAt = <C, E, S, Err>(
  decider: Decider.Decider<C, E, S, Err>,
  command: C,
  state: S,
  at: number
): Exit.Exit<ReadonlyArray<E>, Err> => Effect.runSyncExit(Effect.suspend(() => decider.decide(command, state)).pipe(FixedClock.at(at)))

/** Fails the test when the exit is a defect or an interruption rather than events or a typed error. */
export const expectNoDefect = <A, E>(exit: Exit.Exit<A, E>): Option.Option<E> => {
  if (Exit.isSuccess(exit)) return Option.none()
  if (Cause.isDie(exit.cause) || Cause.isInterrupted(exit.cause)) {
    throw new Error(`decide died instead of returning events or a domain error: ${Cause.pretty(exit.cause)}`)
  }
  const failure = Cause.failureOption(exit.cause)
  if (Option.isNone(failure)) throw new Error(`decide failed without a typed error: ${Cause.pretty(exit.cause)}`)
  return failure
}

/** What one step did. */
export interface StepReport<C, E, S, Err> {
  readonly command: C
  readonly streamName: string
  readonly at: number
  readonly before: S
  readonly after: S
  /** The new events; empty when refused or when nothing changed. */
  readonly events: ReadonlyArray<E>
  readonly error: Err | undefined
  /** The stream's events after the step. */
  readonly log: ReadonlyArray<E>
}

/** Runs `steps`, each on the stream `streamOf` names, and reports them; returns every stream's log. */
export const runWorld = <C, E, S, Err>(
  decider: Decider.Decider<C, E, S, Err>,
  streamOf: (command: C) => string,
  world: { readonly start: number; readonly steps: ReadonlyArray<Step<C>> },
  onStep: (report: StepReport<C, E, S, Err>) => void = () => {}
): ReadonlyMap<string, ReadonlyArray<E>> => {
  const logs = new Map<string, ReadonlyArray<E>>()
  const states = new Map<string, S>()
  let at = world.start
  for (const { advance, command } of world.steps) {
    at += advance
    const streamName = streamOf(command)
    const before = states.get(streamName) ?? decider.initialState
    const exit = decideAt(decider, command, before, at)
    const error = Option.getOrUndefined(expectNoDefect(exit))
    const events = Exit.isSuccess(exit) ? exit.value : []
    const after = events.reduce(decider.evolve, before)
    const log = [...(logs.get(streamName) ?? []), ...events]
    states.set(streamName, after)
    logs.set(streamName, log)
    onStep({ command, streamName, at, before, after, events, error, log })
  }
  return logs
}

/** `runWorld` of one decider, on the stream `streamOf` names for each command. */
const onStreams =
  <C, E, S, Err>(decider: Decider.Decider<C, E, S, Err>, streamOf: (command: C) => string) =>
  (
    world: { readonly start: number; readonly steps: ReadonlyArray<Step<C>> },
    onStep?: (report: StepReport<C, E, S, Err>) => void
  ): ReadonlyMap<string, ReadonlyArray<E>> =>
    runWorld(decider, streamOf, world, onStep)

/** `runWorld` on pesantren streams (`pesantren-<nspp>`). */
export const runPesantren = onStreams(Pesantren.decider, (command: PesantrenCommand) => Pesantren.streamName(command.nspp))

/** `runWorld` on product streams (`product-<productId>`). */
export const runProducts = onStreams(Product.decider, (command: ProductCommand) => Product.streamName(command.productId))

/** `runWorld` on santripreneur streams (`santripreneur-<santriId>`). */
export const runSantripreneurs = onStreams(Santripreneur.decider, (command: SantripreneurCommand) =>
  Santripreneur.streamName(command.santriId)
)

/**
 * What the store gives back for `events`: each encoded by `codec`, through JSON, and decoded
 * again, as an adapter stores and reads it.
 */
export const throughTheStore = <E extends { readonly _tag: string }>(
  codec: EventCodec.EventCodec<E>,
  streamName: string,
  events: ReadonlyArray<E>
): ReadonlyArray<E> =>
  Effect.runSync(
    Effect.forEach(events, (event, i) =>
      Effect.gen(function* () {
        const stored = yield* codec.encode({ event, eventId: `event-${i}` })
        return yield* codec.decode({
          streamName: Effect.runSync(StreamName.parse(streamName)),
          streamVersion: i + 1,
          globalPosition: GlobalPosition.make(1, i + 1),
          eventId: stored.eventId,
          type: stored.type,
          data: JSON.parse(JSON.stringify(stored.data)),
          metadata: { occurredAt: new Date(0), schemaVersion: 1 }
        })
      })
    ).pipe(Effect.map((recorded) => recorded.map((r) => r.data)))
  )

/**
 * Checks that every stream `run` writes in `world` survives the store's codec
 * (`throughTheStore`), and that the stream read back folds to the state decided.
 */
export const expectStreamsSurviveTheStore = <W, C, E extends { readonly _tag: string }, S, Err>(
  aggregate: Aggregate.Aggregate<C, E, S, Err>,
  run: (world: W, onStep: (report: StepReport<C, E, S, Err>) => void) => ReadonlyMap<string, ReadonlyArray<E>>,
  world: W
): void => {
  const states = new Map<string, S>()
  const logs = run(world, ({ after, streamName }) => states.set(streamName, after))
  for (const [streamName, log] of logs) {
    const stored = throughTheStore(aggregate.codec, streamName, log)
    expect(stored).toEqual(log)
    expect(Decider.fold(aggregate.decider, stored)).toEqual(states.get(streamName))
  }
}
