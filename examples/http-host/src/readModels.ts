/**
 * The read models the host serves, kept by asynchronous projections on a `ProjectionRunner`.
 *
 * They live in memory: they are rebuilt from the event store at every start (their checkpoints
 * and leadership are in memory too), so they never disagree with the store and every instance
 * serves its own.
 */
import { Context, Duration, Effect, Layer } from "effect"
import { Checkpoints, type EventStore, type InMemoryReadModel, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { Projections as OpopProjections } from "@jatim/opop"
import { Projections as SijawaraProjections } from "@jatim/sijawara"
import { ListingStock, MonthlyTrade, OrderBook } from "@jatim/tomiko"
import { Projections as JatimIsoProjections } from "@jatim/jatim-iso"

const makeModels = Effect.gen(function* () {
  return {
    opop: {
      productCatalogue: yield* OpopProjections.productCatalogue,
      pesantrenDirectory: yield* OpopProjections.pesantrenDirectory,
      kabupatenDashboard: yield* OpopProjections.kabupatenDashboard
    },
    sijawara: {
      learnerProgress: yield* SijawaraProjections.learnerProgress,
      kabupatenLeaderboard: yield* SijawaraProjections.kabupatenLeaderboard,
      certificateRegistry: yield* SijawaraProjections.certificateRegistry
    },
    tomiko: {
      orderBook: yield* OrderBook.make(),
      listingStock: yield* ListingStock.make(),
      monthlyTrade: yield* MonthlyTrade.make()
    },
    jatimIso: {
      onboardingFunnel: yield* JatimIsoProjections.onboardingFunnel,
      stalledOnboardings: yield* JatimIsoProjections.stalledOnboardings
    }
  }
})

type Models = Effect.Effect.Success<typeof makeModels>

/** The read models, by program; their runner's status, and read-your-writes. */
export interface ReadModels extends Models {
  /** The runner's status of every read model's projection. */
  readonly status: Effect.Effect<ReadonlyArray<ProjectionRunner.ProjectionStatus>>
  /**
   * The read model `model` once its projection has applied every event stored now (waiting at
   * most 2 s), so a query right after a command sees it.
   */
  readonly read: <S>(model: InMemoryReadModel.InMemoryReadModel<S>) => Effect.Effect<S>
}

export const ReadModels = Context.GenericTag<ReadModels>("@jatim/http-host/ReadModels")

/** The state of the read model `pick` chooses, once caught up with the store (`ReadModels.read`). */
export const readModel = <S>(pick: (models: ReadModels) => InMemoryReadModel.InMemoryReadModel<S>): Effect.Effect<S, never, ReadModels> =>
  Effect.flatMap(ReadModels, (models) => models.read(pick(models)))

/** Starts the read models' runner (in-memory checkpoints and leadership) for the life of the layer. */
export const layer: Layer.Layer<ReadModels, never, EventStore.EventStore> = Layer.scoped(
  ReadModels,
  Effect.gen(function* () {
    const models = yield* makeModels
    const all = [
      ...Object.values(models.opop),
      ...Object.values(models.sijawara),
      ...Object.values(models.tomiko),
      ...Object.values(models.jatimIso)
    ] as ReadonlyArray<InMemoryReadModel.InMemoryReadModel<unknown>>
    // In-memory read models run on every instance (each keeps its own copy): their checkpoints
    // and leadership are this instance's, not the store's.
    const runner = yield* ProjectionRunner.make(all.map((model) => model.projection)).pipe(
      Effect.provide(Layer.merge(Checkpoints.layerInMemory, LeaderElection.layerInMemory))
    )
    const read = <S>(model: InMemoryReadModel.InMemoryReadModel<S>): Effect.Effect<S> =>
      runner.awaitCaughtUp(model.projection.name).pipe(Effect.timeout(Duration.seconds(2)), Effect.ignore, Effect.zipRight(model.get))
    return {
      ...models,
      status: runner.status.pipe(Effect.orElseSucceed(() => [])),
      read
    }
  })
)
