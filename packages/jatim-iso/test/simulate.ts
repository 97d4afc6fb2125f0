import { Cause, Effect, Exit, Option } from "effect"
import * as fc from "fast-check"
import type { Identifier } from "@jatim/kernel"
import { FixedClock } from "@jatim/testing"
import { Umkm, type UmkmCommand, type UmkmEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"

/** What one command did when run against the decider. */
export type Outcome =
  | { readonly _tag: "Accepted"; readonly events: ReadonlyArray<UmkmEvent.UmkmEvent> }
  | { readonly _tag: "Refused"; readonly error: Umkm.UmkmError }

/** Decides `command` in `state` with the clock at `instant`; a defect (a throw) fails the test. */
export const decide = (command: UmkmCommand.UmkmCommand, state: Umkm.State, instant: number): Outcome => {
  const exit = Effect.runSyncExit(Umkm.decide(command, state).pipe(FixedClock.at(instant)))
  if (Exit.isSuccess(exit)) return { _tag: "Accepted", events: exit.value }
  const failure = Cause.failureOption(exit.cause)
  if (Option.isNone(failure)) throw new Error(`decide died: ${Cause.pretty(exit.cause)}`)
  return { _tag: "Refused", error: failure.value }
}

/** Runs commands one after the other, a day apart, keeping the events of those accepted. */
export const run = (commands: ReadonlyArray<UmkmCommand.UmkmCommand>, start = Date.UTC(2025, 0, 1)) => {
  let state = Umkm.initialState
  const events: Array<UmkmEvent.UmkmEvent> = []
  const outcomes: Array<{
    readonly command: UmkmCommand.UmkmCommand
    readonly before: ReadonlyArray<UmkmEvent.UmkmEvent>
    readonly outcome: Outcome
  }> = []
  commands.forEach((command, i) => {
    const outcome = decide(command, state, start + i * 86_400_000)
    outcomes.push({ command, before: [...events], outcome })
    if (outcome._tag === "Accepted") {
      events.push(...outcome.events)
      state = outcome.events.reduce(Umkm.evolve, state)
    }
  })
  return { state, events, outcomes }
}

/** Merges streams into one global order that keeps each stream's order, as `picks` choose. */
export const interleave = <A>(streams: ReadonlyArray<ReadonlyArray<A>>, picks: ReadonlyArray<number>): ReadonlyArray<A> => {
  const cursors = streams.map(() => 0)
  const merged: Array<A> = []
  let p = 0
  while (merged.length < streams.reduce((n, s) => n + s.length, 0)) {
    const open = streams.map((_, i) => i).filter((i) => cursors[i]! < streams[i]!.length)
    const pick = open[(picks[p++ % Math.max(1, picks.length)] ?? 0) % open.length]!
    merged.push(streams[pick]![cursors[pick]!]!)
    cursors[pick]! += 1
  }
  return merged
}

/**
 * The onboarding path of `id` with some steps left out, interleaved with up to `noise` other
 * commands (at most `picks` draws decide the interleaving).
 */
export const onboardingSequence = (id: Identifier.Nib, { noise = 12, picks = 40 } = {}) =>
  fc
    .tuple(
      Arbitraries.onboardingPath(id).chain((path) => fc.subarray([...path])),
      fc.array(Arbitraries.command(id), { maxLength: noise }),
      fc.array(fc.nat(), { maxLength: picks })
    )
    .map(([path, others, draws]) => interleave([path, others], draws))
