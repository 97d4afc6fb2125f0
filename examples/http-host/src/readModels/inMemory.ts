/**
 * The read models in memory: the domains' pure folds on a `ProjectionRunner` whose checkpoints
 * and leadership are this instance's, so they are rebuilt from the store at every start and
 * every instance keeps its own copy. For `STORE=memory`, tests and embedding.
 */
import { Clock, Effect, Layer, Option } from "effect"
import { Checkpoints, type EventStore, type InMemoryReadModel, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import {
  ExpiringCertificates,
  FlagshipTargets,
  KabupatenDashboard,
  Projections as OpopProjections,
  PesantrenDirectory,
  ProductCatalogue
} from "@jatim/opop"
import {
  CertificateRegistry,
  CourseFunnel,
  KabupatenLeaderboard,
  LearnerProgress,
  Projections as SijawaraProjections
} from "@jatim/sijawara"
import { OnboardingFunnel, Projections as JatimIsoProjections, StalledOnboardings, TimeToOnboard } from "@jatim/jatim-iso"
import { CooperativeStatement, ListingStock, MonthlyTrade, Networks, OrderBook, ReceivablesAgeing } from "@jatim/tomiko"
import * as ReadConsistency from "./ReadConsistency.js"
import {
  caughtUp,
  type JatimIsoQueries,
  type OpopQueries,
  type Query,
  ReadModels,
  type SijawaraQueries,
  type TomikoQueries
} from "./ReadModels.js"

/** Reads an in-memory read model once it has applied what the request must see (`ReadConsistency`). */
type Read = <S, A>(model: InMemoryReadModel.InMemoryReadModel<S>, f: (state: S) => A) => Query<A>

/**
 * A program's in-memory read models and its queries over them: `read` waits at most 2 s for a
 * model to apply what the request must see (`ReadConsistency`), `complete` for everything stored
 * now, as long as that takes (see `caughtUp`).
 */
interface Program<Q> {
  readonly models: ReadonlyArray<InMemoryReadModel.InMemoryReadModel<unknown>>
  readonly queries: (read: Read, complete: Read) => Q
}

const program = <Models extends Record<string, InMemoryReadModel.InMemoryReadModel<unknown>>, Q>(
  models: Effect.Effect<Models>,
  queries: (models: Models, read: Read, complete: Read) => Q
): Effect.Effect<Program<Q>> =>
  Effect.map(models, (m) => ({ models: Object.values(m), queries: (read, complete) => queries(m, read, complete) }))

/** OPOP's read models in memory. */
const opop: Effect.Effect<Program<OpopQueries>> = program(
  Effect.all({
    productCatalogue: OpopProjections.productCatalogue,
    pesantrenDirectory: OpopProjections.pesantrenDirectory,
    kabupatenDashboard: OpopProjections.kabupatenDashboard,
    expiringCertificates: OpopProjections.expiringCertificates,
    flagshipTargets: OpopProjections.flagshipTargets
  }),
  (m, read, complete) => ({
    pesantren: (filter, page) => read(m.pesantrenDirectory, (state) => PesantrenDirectory.listPage(state, filter, page)),
    pesantrenOf: (nspp) => read(m.pesantrenDirectory, (state) => PesantrenDirectory.get(state, nspp)),
    products: (filter, page) => read(m.productCatalogue, (state) => ProductCatalogue.searchPage(state, filter, page)),
    product: (productId) => read(m.productCatalogue, (state) => ProductCatalogue.get(state, productId)),
    expiringCertificates: (days) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        read(m.expiringCertificates, (state) => ExpiringCertificates.expiringWithin(state, now, days))
      ),
    lapsedCertificates: (now) => complete(m.expiringCertificates, (state) => ExpiringCertificates.lapsed(state, now)),
    flagshipTargets: (options) => read(m.flagshipTargets, (state) => FlagshipTargets.report(state, options)),
    dashboards: read(m.kabupatenDashboard, (state) => ({
      province: KabupatenDashboard.province(state),
      regions: KabupatenDashboard.all(state)
    }))
  })
)

/** Sijawara's read models in memory. */
const sijawara: Effect.Effect<Program<SijawaraQueries>> = program(
  Effect.all({
    learnerProgress: SijawaraProjections.learnerProgress,
    kabupatenLeaderboard: SijawaraProjections.kabupatenLeaderboard,
    certificateRegistry: SijawaraProjections.certificateRegistry,
    courseFunnel: SijawaraProjections.courseFunnel
  }),
  (m, read) => ({
    learnerCourses: (learnerId) => read(m.learnerProgress, (state) => LearnerProgress.learnerCourses(state, learnerId)),
    verifyCertificate: (number) =>
      read(m.certificateRegistry, (state) => CertificateRegistry.report(CertificateRegistry.verify(state, number))),
    leaderboard: read(m.kabupatenLeaderboard, KabupatenLeaderboard.regions),
    learnerCertificates: (learnerId) => read(m.certificateRegistry, (state) => CertificateRegistry.learnerCertificates(state, learnerId)),
    courseFunnel: (courseId) => read(m.courseFunnel, (state) => Option.getOrUndefined(CourseFunnel.funnel(state, courseId)))
  })
)

/** JATIM ISO's read models in memory. */
const jatimIso: Effect.Effect<Program<JatimIsoQueries>> = program(
  Effect.all({
    onboardingFunnel: JatimIsoProjections.onboardingFunnel,
    stalledOnboardings: JatimIsoProjections.stalledOnboardings,
    timeToOnboard: JatimIsoProjections.timeToOnboard
  }),
  (m, read) => ({
    funnel: (region) => read(m.onboardingFunnel, (state) => OnboardingFunnel.funnel(state, region)),
    stalled: (options, page) => read(m.stalledOnboardings, (state) => StalledOnboardings.stalledPage(state, options, page)),
    timeToOnboard: (region) => read(m.timeToOnboard, (state) => TimeToOnboard.summary(state, region))
  })
)

/** TOMIKO's read models in memory. */
const tomiko: Effect.Effect<Program<TomikoQueries>> = program(
  Effect.all({
    orderBook: OrderBook.make(),
    listingStock: ListingStock.make(),
    monthlyTrade: MonthlyTrade.make(),
    receivablesAgeing: ReceivablesAgeing.make(),
    cooperativeStatement: CooperativeStatement.make(),
    networks: Networks.make()
  }),
  (m, read) => ({
    orderBook: (nik, page) => read(m.orderBook, (book) => OrderBook.forCooperativePage(book, nik, page)),
    listingStock: (page) => read(m.listingStock, (state) => ListingStock.allPage(state, page)),
    monthlyTrade: (secondary, month) => read(m.monthlyTrade, (trade) => MonthlyTrade.of(trade, secondary, month)),
    networkMonths: (secondary) => read(m.monthlyTrade, (trade) => MonthlyTrade.months(trade, secondary)),
    unpaidOfSeller: (seller) => read(m.receivablesAgeing, (state) => ReceivablesAgeing.unpaid(state, seller)),
    unpaidInNetwork: (secondary) => read(m.receivablesAgeing, (state) => ReceivablesAgeing.unpaidInNetwork(state, secondary)),
    statementLines: (nik) => read(m.cooperativeStatement, (state) => CooperativeStatement.lines(state, nik)),
    networks: read(m.networks, Networks.all)
  })
)

/**
 * Every program's read models in memory on a runner of their own (its checkpoints and leadership
 * this instance's), for the life of the layer.
 */
export const layer: Layer.Layer<ReadModels, never, EventStore.EventStore> = Layer.scoped(
  ReadModels,
  Effect.gen(function* () {
    const programs = { opop: yield* opop, sijawara: yield* sijawara, jatimIso: yield* jatimIso, tomiko: yield* tomiko }
    const projections = Object.values(programs).flatMap((program) => program.models.map((model) => model.projection))
    const runner = yield* ProjectionRunner.make(projections).pipe(
      Effect.provide(Layer.merge(Checkpoints.layerInMemory, LeaderElection.layerInMemory))
    )
    const read: Read = (model, f) => Effect.zipRight(ReadConsistency.awaitFresh(runner, model.projection.name), Effect.map(model.get, f))
    const complete: Read = (model, f) => Effect.zipRight(caughtUp(runner, model.projection.name), Effect.map(model.get, f))
    return ReadModels.of({
      opop: programs.opop.queries(read, complete),
      sijawara: programs.sijawara.queries(read, complete),
      jatimIso: programs.jatimIso.queries(read, complete),
      tomiko: programs.tomiko.queries(read, complete),
      status: runner.status.pipe(Effect.orElseSucceed(() => []))
    })
  })
)
