/**
 * Rebuilds of the four programs' pure read models (their folds over domain events, in memory) on
 * the province workload at 10k, 100k and 1M events (`--quick`: 10k and 50k): the time of each
 * rebuild and its µs per event folded, and how far µs per event grows from the smallest size to
 * the largest (issue 17's target: within 2×, i.e. a linear fold).
 *
 * Each size is its own workload (same seed), generated before any timing; each read model folds
 * the events of its own streams (as its projection's categories select them), from its initial
 * state, with its public batch fold (`applyAll`).
 */
import { ExpiringCertificates, KabupatenDashboard, PesantrenDirectory, ProductCatalogue } from "@jatim/opop"
import { CertificateRegistry, CourseFunnel, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import { OnboardingFunnel, OnboardingProgress, StalledOnboardings, TimeToOnboard } from "@jatim/jatim-iso"
import { ListingStock, MonthlyTrade, OrderBook, ReceivablesAgeing } from "@jatim/tomiko"
import { type Bench, log } from "../context.js"
import { formatNumber, median } from "../stats.js"
import * as Province from "../workload/Province.js"

/** The workload's seed. */
export const seed = 17

/** The sizes of the full run, and of `--quick`. */
export const fullSizes: ReadonlyArray<number> = [10_000, 100_000, 1_000_000]
export const quickSizes: ReadonlyArray<number> = [10_000, 50_000]

/** A rebuild that took longer than this at one size is not run at larger sizes. */
const capMillis = 60_000
/** Nor one whose time at the next size, extrapolated from its growth so far, would pass this. */
const predictedCapMillis = 600_000

/** A read model's events, collected from the workload as it is generated (untimed), and its rebuild (timed). */
interface Collector {
  readonly add: (event: Province.WorkloadEvent) => void
  /** How many events it folds. */
  readonly events: () => number
  readonly rebuild: () => unknown
}

/** A read model, ready to collect its events from a workload and rebuild from them. */
interface ReadModel {
  readonly name: string
  readonly program: Province.Program
  readonly collector: () => Collector
}

/** A read model that folds the events `select` keeps with `rebuild`. */
const readModel = <E>(
  name: string,
  program: Province.Program,
  select: (event: Province.WorkloadEvent) => E | undefined,
  rebuild: (events: ReadonlyArray<E>) => unknown
): ReadModel => ({
  name,
  program,
  collector: () => {
    const events: Array<E> = []
    return {
      add: (event) => {
        const selected = select(event)
        if (selected !== undefined) events.push(selected)
      },
      events: () => events.length,
      rebuild: () => rebuild(events)
    }
  }
})

const opopEvent = (event: Province.WorkloadEvent) =>
  event.aggregate === "pesantren" || event.aggregate === "product" || event.aggregate === "santripreneur" ? event.event : undefined
const enrollmentEvent = (event: Province.WorkloadEvent) => (event.aggregate === "enrollment" ? event.event : undefined)
const umkmEvent = (event: Province.WorkloadEvent) => (event.aggregate === "umkm" ? event.event : undefined)
const listingEvent = (event: Province.WorkloadEvent) => (event.aggregate === "listing" ? event.event : undefined)
const orderEvent = (event: Province.WorkloadEvent) => (event.aggregate === "order" ? event.event : undefined)
const orderSettled = (event: Province.WorkloadEvent) =>
  event.aggregate === "order" && event.event._tag === "OrderSettled" ? event.event : undefined

/** Every pure read model of the four programs. */
export const readModels: ReadonlyArray<ReadModel> = [
  readModel("PesantrenDirectory", "OPOP", opopEvent, (events) => PesantrenDirectory.applyAll(PesantrenDirectory.initialState, events)),
  readModel("ProductCatalogue", "OPOP", opopEvent, (events) => ProductCatalogue.applyAll(ProductCatalogue.initialState, events)),
  readModel("KabupatenDashboard", "OPOP", opopEvent, (events) => KabupatenDashboard.applyAll(KabupatenDashboard.initialState, events)),
  readModel("ExpiringCertificates", "OPOP", opopEvent, (events) =>
    ExpiringCertificates.applyAll(ExpiringCertificates.initialState, events)
  ),
  readModel("CertificateRegistry", "Sijawara", enrollmentEvent, (events) =>
    CertificateRegistry.applyAll(CertificateRegistry.initial, events)
  ),
  readModel("CourseFunnel", "Sijawara", enrollmentEvent, (events) => CourseFunnel.applyAll(CourseFunnel.initial, events)),
  readModel("KabupatenLeaderboard", "Sijawara", enrollmentEvent, (events) =>
    KabupatenLeaderboard.applyAll(KabupatenLeaderboard.initial, events)
  ),
  readModel("LearnerProgress", "Sijawara", enrollmentEvent, (events) => LearnerProgress.applyAll(LearnerProgress.initial, events)),
  readModel("OnboardingFunnel", "JATIM ISO", umkmEvent, (events) => OnboardingFunnel.applyAll(OnboardingFunnel.initial, events)),
  readModel("OnboardingProgress", "JATIM ISO", umkmEvent, (events) => OnboardingProgress.applyAll(OnboardingProgress.initial, events)),
  readModel("StalledOnboardings", "JATIM ISO", umkmEvent, (events) => StalledOnboardings.applyAll(StalledOnboardings.initial, events)),
  readModel("TimeToOnboard", "JATIM ISO", umkmEvent, (events) => TimeToOnboard.applyAll(TimeToOnboard.initial, events)),
  readModel("ListingStock", "TOMIKO", listingEvent, (events) => ListingStock.applyAll(ListingStock.initial, events)),
  readModel("MonthlyTrade", "TOMIKO", orderSettled, (events) => MonthlyTrade.applyAll(MonthlyTrade.initial, events)),
  readModel("OrderBook", "TOMIKO", orderEvent, (events) => OrderBook.applyAll(OrderBook.initial, events)),
  readModel("ReceivablesAgeing", "TOMIKO", orderEvent, (events) => ReceivablesAgeing.applyAll(ReceivablesAgeing.initial, events))
]

/** One read model's rebuild at one size. */
interface Measured {
  readonly size: number
  /** Events it folded. */
  readonly events: number
  readonly ms: number
}

/** What happened at one size: measured, or skipped and why. */
type Outcome = Measured | { readonly size: number; readonly skipped: string }

const isMeasured = (outcome: Outcome): outcome is Measured => "ms" in outcome

const microsPerEvent = (measured: Measured) => (measured.events === 0 ? Number.NaN : (measured.ms * 1000) / measured.events)

const collectGarbage = () => {
  if (typeof globalThis.gc === "function") globalThis.gc()
}

/** A size as "10k", "1M". */
const sizeLabel = (size: number) => (size >= 1_000_000 ? `${formatNumber(size / 1_000_000, 1)}M` : `${formatNumber(size / 1000)}k`)

/**
 * The workload of `size` events, generated once, each event handed to every read model's
 * collector (so only the domain events the read models fold are held, not the workload's
 * envelopes).
 */
const collect = (size: number) => {
  const started = performance.now()
  const generation = Province.generate({ seed, events: size })
  const collectors = new Map(readModels.map((model) => [model.name, model.collector()]))
  let count = 0
  for (const event of generation) {
    count++
    for (const collector of collectors.values()) collector.add(event)
  }
  const ms = performance.now() - started
  const stats = generation.stats()
  log(
    `readmodels: workload of ${formatNumber(count)} events generated in ${formatNumber(ms / 1000, 1)} s ` +
      `(${Province.programs.map((program) => `${program} ${formatNumber(stats.events[program])}`).join(", ")})`
  )
  return { collectors, ms, stats }
}

export const run = async (bench: Bench, sizes: ReadonlyArray<number> = bench.quick ? quickSizes : fullSizes) => {
  const outcomes = new Map<string, Array<Outcome>>(readModels.map((model) => [model.name, []]))
  const generated: Array<{ readonly size: number; readonly ms: number; readonly stats: Province.Stats }> = []
  const runs = Math.max(1, bench.sizes.runs)
  for (const size of sizes) {
    const { collectors, ms, stats } = collect(size)
    generated.push({ size, ms, stats })
    for (const model of readModels) {
      const history = outcomes.get(model.name) ?? []
      const measured = history.filter(isMeasured)
      const last = measured[measured.length - 1]
      const previous = measured[measured.length - 2]
      // The next size's time if µs per event grows again as it did from the size before the last to the last.
      const growth = last !== undefined && previous !== undefined ? microsPerEvent(last) / microsPerEvent(previous) : 1
      const predicted = last === undefined ? 0 : last.ms * (size / last.size) * Math.max(1, growth)
      if (history.some((outcome) => !isMeasured(outcome))) {
        history.push({ size, skipped: "skipped (a smaller size was)" })
        continue
      }
      if (last !== undefined && last.ms > capMillis) {
        history.push({ size, skipped: `skipped: ${formatNumber(last.ms / 1000, 1)} s at ${sizeLabel(last.size)}` })
        continue
      }
      if (predicted > predictedCapMillis) {
        history.push({ size, skipped: `skipped: about ${formatNumber(predicted / 60_000)} min predicted` })
        continue
      }
      const collector = collectors.get(model.name)
      if (collector === undefined) continue
      const folded = collector.events()
      const { rebuild } = collector
      // An untimed warm-up rebuild, then the median of enough rebuilds to fold 200k events (5 to 50).
      rebuild()
      const times: Array<number> = []
      const rebuilds = Math.min(50, Math.max(5, runs, Math.ceil(200_000 / Math.max(1, folded))))
      for (let i = 0; i < rebuilds; i++) {
        collectGarbage()
        const started = performance.now()
        rebuild()
        times.push(performance.now() - started)
      }
      const result: Measured = { size, events: folded, ms: median(times) }
      history.push(result)
      log(
        `readmodels: ${model.name} at ${sizeLabel(size)}: ${formatNumber(result.ms, 1)} ms for ${formatNumber(folded)} events, ` +
          `${formatNumber(microsPerEvent(result), 2)} µs/event`
      )
    }
  }
  for (const model of readModels) {
    const history = outcomes.get(model.name) ?? []
    const measured = history.filter(isMeasured)
    const first = measured[0]
    const last = measured[measured.length - 1]
    const perSize = history
      .map((outcome) =>
        isMeasured(outcome)
          ? `${sizeLabel(outcome.size)}: ${formatNumber(microsPerEvent(outcome), 2)} µs/event (${formatNumber(outcome.ms, 1)} ms, ${formatNumber(outcome.events)} events)`
          : `${sizeLabel(outcome.size)}: ${outcome.skipped}`
      )
      .join("; ")
    const growth = first !== undefined && last !== undefined && last !== first ? microsPerEvent(last) / microsPerEvent(first) : undefined
    const complete = history.every(isMeasured)
    bench.rows.push({
      scenario: `Rebuild ${model.program} ${model.name} (pure fold) — ${perSize}`,
      ours: last === undefined ? "—" : `${formatNumber(microsPerEvent(last), 2)} µs/event at ${sizeLabel(last.size)}`,
      baseline: first === undefined ? "—" : `${formatNumber(microsPerEvent(first), 2)} µs/event at ${sizeLabel(first.size)}`,
      ratio: growth === undefined ? undefined : 1 / growth,
      target: `µs/event ${sizeLabel(sizes[sizes.length - 1] ?? 0)} within 2× of ${sizeLabel(sizes[0] ?? 0)} (≥ 50 %)`,
      met: growth === undefined || !complete ? false : growth <= 2
    })
  }
  const skipped = readModels.filter((model) => (outcomes.get(model.name) ?? []).some((outcome) => !isMeasured(outcome)))
  if (skipped.length > 0) {
    bench.notes.push(
      `Read-model rebuilds: ${skipped.map((model) => model.name).join(", ")} skipped a larger size, after a smaller one took over ${capMillis / 1000} s or would take over ${predictedCapMillis / 60_000} min by its growth so far (a fold that is not linear).`
    )
  }
  bench.notes.push(
    `Read-model rebuilds run on the province workload (seed ${seed}; ${generated
      .map(
        ({ size, ms, stats }) =>
          `${sizeLabel(size)} generated in ${formatNumber(ms / 1000, 1)} s: ${Province.programs
            .map((program) => `${program} ${formatNumber((stats.events[program] / Math.max(1, size)) * 100)} %`)
            .join(", ")}`
      )
      .join(
        "; "
      )}): each size's workload is generated once, the events each read model folds are held in memory, and it folds them from its initial state; each figure is the median of enough rebuilds to fold 200,000 events (5 to 50), after an untimed warm-up rebuild, each after a forced GC. At 1M the heap also holds the million events being folded; the bench process runs with a 64 MB young generation (\`--max-semi-space-size=64\`, in the \`bench\` script), so that the garbage of a rebuild dies young instead of being promoted into collections that mark the events the benchmark holds (a real rebuild reads pages from the store and holds none of them). JATIM ISO's OnboardingFunnel, StalledOnboardings and TimeToOnboard share OnboardingProgress's fold; MonthlyTrade folds \`OrderSettled\` only.`
  )
}
