/**
 * Loads the demo data (`data.ts`): runs its steps one by one, counting those applied and those
 * refused (a second run is refused by the domains' rules, or skipped as `StepAlreadyApplied`),
 * waits for the process managers, then runs the steps that need them.
 */
import { Effect, Option, Stream } from "effect"
import { EventStore } from "@jatim/eventstore"
import { Umkm } from "@jatim/jatim-iso"
import { laterSteps, sitiNib, steps } from "./data.js"
import type { DemoStep } from "./step.js"

/** Waits (at most 5 s) until Siti's UMKM stream holds the training from her Sijawara certificate. */
const waitForTraining = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  for (let i = 0; i < 50; i++) {
    const { events } = yield* store.readStream(Umkm.streamName(sitiNib)).pipe(Effect.orElseSucceed(() => ({ events: [] })))
    if (events.some((e) => e.type === "TrainingRecorded" && JSON.stringify(e.data).includes("SIJAWARA_CERTIFICATE"))) return
    yield* Effect.sleep("100 millis")
  }
})

/** Whether the store holds no event yet. */
export const isEmpty = Effect.flatMap(EventStore.EventStore, (store) =>
  store.readAll({ maxCount: 1 }).pipe(Stream.runHead, Effect.map(Option.isNone))
)

/**
 * Loads the demo data. Each step is one command; a step the store already reflects (a second
 * run) is refused by its domain rule and counted as skipped.
 */
export const seed = Effect.gen(function* () {
  let applied = 0
  const skipped: Array<string> = []
  const run = (list: ReadonlyArray<DemoStep>) =>
    Effect.forEach(
      list,
      (step) =>
        Effect.map(Effect.either(step), (result) => {
          if (result._tag === "Right") applied++
          else skipped.push(`${result.left._tag}: ${result.left.message}`)
        }),
      { discard: true }
    )
  yield* run(steps())
  // Siti's training from her Sijawara certificate is recorded by the process manager; give it
  // a moment before her onboarding is completed (skipped when no process manager runs).
  yield* waitForTraining
  yield* run(laterSteps())
  return { applied, skipped }
})

/** Seeds when the store is empty (or when `force`); describes what it did. */
export const seedIfEmpty = (options: { readonly force: boolean }) =>
  Effect.gen(function* () {
    const empty = yield* isEmpty.pipe(Effect.orElseSucceed(() => false))
    if (!empty && !options.force) return "already present (run `npm run demo:seed` to load it again)"
    const { applied, skipped } = yield* seed
    return `loaded through ${applied} commands${skipped.length > 0 ? `, ${skipped.length} skipped (${skipped[0]})` : ""}`
  })
