/**
 * The read models on PostgreSQL: each program's SQL read models (`@jatim/opop-sql`, …), their
 * tables in the schema `<store schema>_read`, kept by a `ProjectionRunner` whose checkpoints and
 * leadership are the store's. A checkpoint moves in the same transaction as its tables, so a
 * restart goes on where the last run stopped instead of replaying history, and every instance
 * serves the same tables (one instance leads each projection).
 *
 * Queries run on the `ReadClient` of the context: the primary by default, a read replica when
 * the host is given one (`READ_DATABASE_URL`).
 */
import { Clock, Context, Effect, Layer, Option } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import type { ParseResult } from "effect"
import { type Checkpoints, type EventStore, type LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { SqlReadModels as OpopSqlReadModels } from "@jatim/opop-sql"
import { SqlReadModels as SijawaraSqlReadModels } from "@jatim/sijawara-sql"
import { SqlReadModels as JatimIsoSqlReadModels } from "@jatim/jatim-iso-sql"
import { SqlReadModels as TomikoSqlReadModels } from "@jatim/tomiko-sql"
import { CertificateRegistry } from "@jatim/sijawara"
import { StoreFailure } from "../errors.js"
import * as ReadConsistency from "./ReadConsistency.js"
import { caughtUp, type Query, ReadModels } from "./ReadModels.js"

/** The client queries of the read models run on: the primary, or a read replica. */
export class ReadClient extends Context.Tag("@jatim/http-host/ReadClient")<ReadClient, SqlClient.SqlClient>() {}

/** The schema of the read models' tables for the store in `schema`. */
export const readSchemaOf = (schema: string): string => `${schema}_read`

/**
 * The four programs' SQL read models with their tables in the read schema of the store in
 * `storeSchema`, and all their projections: what the host runs, and what the operator CLI
 * reports on, rebuilds and exports.
 */
export const sqlReadModels = (storeSchema: string) => {
  const schema = readSchemaOf(storeSchema)
  const opop = OpopSqlReadModels.make({ schema })
  const sijawara = SijawaraSqlReadModels.make({ schema })
  const jatimIso = JatimIsoSqlReadModels.make({ schema })
  const tomiko = TomikoSqlReadModels.make({ schema })
  return {
    opop,
    sijawara,
    jatimIso,
    tomiko,
    projections: [...opop.projections, ...sijawara.projections, ...jatimIso.projections, ...tomiko.projections]
  }
}

/** The SQL read models' runner and queries, for the life of the layer. */
export const layer = (
  storeSchema: string
): Layer.Layer<
  ReadModels,
  never,
  EventStore.EventStore | Checkpoints.Checkpoints | LeaderElection.LeaderElection | SqlClient.SqlClient | ReadClient
> =>
  Layer.scoped(
    ReadModels,
    Effect.gen(function* () {
      const { opop, sijawara, jatimIso, tomiko, projections } = sqlReadModels(storeSchema)
      const runner = yield* ProjectionRunner.make(projections)
      const reads = yield* ReadClient

      /** Runs a query of the projection `projection` on the read client, its store's failures as `StoreFailure`. */
      const run =
        (projection: string) =>
        <A>(query: Effect.Effect<A, SqlError | ParseResult.ParseError, SqlClient.SqlClient>): Query<A> =>
          query.pipe(
            Effect.provideService(SqlClient.SqlClient, reads),
            Effect.catchTags({
              SqlError: (error) =>
                new StoreFailure({
                  rule: "ReadModelUnavailable",
                  message: `The read model "${projection}" could not be read (${error.message}); try again shortly.`
                }),
              // A stored row that no longer decodes is a defect of the read model, not the caller's.
              ParseError: (error) => Effect.die(error)
            })
          )
      /** A query of the projection `projection`, once it has applied what the request must see (waiting at most 2 s). */
      const read =
        (projection: string) =>
        <A>(query: Effect.Effect<A, SqlError | ParseResult.ParseError, SqlClient.SqlClient>): Query<A> =>
          Effect.zipRight(ReadConsistency.awaitFresh(runner, projection), run(projection)(query))
      /**
       * A query of the projection `projection` once it has applied everything stored now, however
       * long that takes (failing if the projection fails): for work that must not miss what is stored.
       */
      const readComplete =
        (projection: string) =>
        <A>(query: Effect.Effect<A, SqlError | ParseResult.ParseError, SqlClient.SqlClient>): Query<A> =>
          Effect.zipRight(caughtUp(runner, projection), run(projection)(query))
      const directory = read(opop.pesantrenDirectory.projection.name)
      const catalogue = read(opop.productCatalogue.projection.name)
      const dashboard = read(opop.kabupatenDashboard.projection.name)
      const expiring = read(opop.expiringCertificates.projection.name)
      const targets = read(opop.flagshipTargets.projection.name)
      const progress = read(sijawara.learnerProgress.projection.name)
      const certificates = read(sijawara.certificateRegistry.projection.name)
      const leaderboard = read(sijawara.kabupatenLeaderboard.projection.name)
      const courseFunnel = read(sijawara.courseFunnel.projection.name)
      const funnel = read(jatimIso.onboardingFunnel.projection.name)
      const stalled = read(jatimIso.stalledOnboardings.projection.name)
      const timeToOnboard = read(jatimIso.timeToOnboard.projection.name)
      const orderBook = read(tomiko.orderBook.projection.name)
      const stock = read(tomiko.listingStock.projection.name)
      const trade = read(tomiko.monthlyTrade.projection.name)
      const receivables = read(tomiko.receivablesAgeing.projection.name)
      const statements = read(tomiko.cooperativeStatement.projection.name)
      const networks = read(tomiko.networks.projection.name)

      return ReadModels.of({
        opop: {
          pesantren: (filter, page) => directory(opop.pesantrenDirectory.listPage(filter, page)),
          pesantrenOf: (nspp) => directory(opop.pesantrenDirectory.get(nspp)),
          products: (filter, page) => catalogue(opop.productCatalogue.searchPage(filter, page)),
          product: (productId) => catalogue(opop.productCatalogue.get(productId)),
          expiringCertificates: (days) =>
            Effect.flatMap(Clock.currentTimeMillis, (now) => expiring(opop.expiringCertificates.expiringWithin(now, days))),
          lapsedCertificates: (now) => readComplete(opop.expiringCertificates.projection.name)(opop.expiringCertificates.lapsed(now)),
          flagshipTargets: (options) => targets(opop.flagshipTargets.report(options)),
          dashboards: dashboard(opop.kabupatenDashboard.dashboards)
        },
        sijawara: {
          learnerCourses: (learnerId) => progress(sijawara.learnerProgress.learnerCourses(learnerId)),
          verifyCertificate: (number) => certificates(Effect.map(sijawara.certificateRegistry.verify(number), CertificateRegistry.report)),
          leaderboard: leaderboard(sijawara.kabupatenLeaderboard.regions),
          learnerCertificates: (learnerId) =>
            certificates(Effect.map(sijawara.certificateRegistry.ofLearner(learnerId), (list) => ({ learnerId, certificates: list }))),
          courseFunnel: (courseId) => courseFunnel(Effect.map(sijawara.courseFunnel.funnel(courseId), Option.getOrUndefined))
        },
        jatimIso: {
          funnel: (region) => funnel(jatimIso.onboardingFunnel.funnel(region)),
          stalled: (options, page) => stalled(jatimIso.stalledOnboardings.stalledPage(options, page)),
          timeToOnboard: (region) => timeToOnboard(jatimIso.timeToOnboard.summary(region))
        },
        tomiko: {
          orderBook: (nik, page) => orderBook(tomiko.orderBook.forCooperativePage(nik, page)),
          listingStock: (page) => stock(tomiko.listingStock.allPage(page)),
          monthlyTrade: (secondary, month) => trade(tomiko.monthlyTrade.of(secondary, month)),
          networkMonths: (secondary) => trade(tomiko.monthlyTrade.months(secondary)),
          unpaidOfSeller: (seller) => receivables(tomiko.receivablesAgeing.unpaid(seller)),
          unpaidInNetwork: (secondary) => receivables(tomiko.receivablesAgeing.unpaidInNetwork(secondary)),
          statementLines: (nik) => statements(tomiko.cooperativeStatement.lines(nik)),
          networks: networks(tomiko.networks.all)
        },
        status: runner.status.pipe(Effect.orElseSucceed(() => []))
      })
    })
  )
