/**
 * The read models the host serves, as the queries its handlers ask: per program, what a query
 * endpoint needs, before its read policy is applied. Two implementations: in memory (`STORE=memory`,
 * tests, rebuilt from the store at every start) and on PostgreSQL (the domains' SQL read models,
 * their checkpoints in the store's schema, so a restart goes on where it stopped).
 *
 * A query first waits (up to 2 s) until its projection has applied what its caller must see: by
 * default everything the store holds when the query arrives, so a query right after a command
 * sees it; what the caller wrote, or nothing, when its request asks so (`ReadConsistency`).
 */
import { Context, Effect } from "effect"
import type { ProjectionRunner } from "@jatim/eventstore"
import type { CalendarDate, Identifier, Page, Region } from "@jatim/kernel"
import type {
  ExpiringCertificates,
  FlagshipTargets,
  KabupatenDashboard,
  PesantrenDirectory,
  ProductCatalogue,
  ProductId
} from "@jatim/opop"
import type { CertificateRegistry, CourseFunnel, Ids, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import type { OnboardingFunnel, StalledOnboardings, TimeToOnboard } from "@jatim/jatim-iso"
import type { CooperativeStatement, ListingStock, MonthlyTrade, Networks, OrderBook, ReceivablesAgeing } from "@jatim/tomiko"
import { StoreFailure } from "../errors.js"
import * as ReadConsistency from "./ReadConsistency.js"

/** A query of a read model: it fails only when its store does (503). */
export type Query<A> = Effect.Effect<A, StoreFailure>

/** OPOP's queries. */
export interface OpopQueries {
  readonly pesantren: (
    filter: PesantrenDirectory.DirectoryFilter,
    page: Page.Request<PesantrenDirectory.Key>
  ) => Query<Page.Page<PesantrenDirectory.DirectoryEntry, PesantrenDirectory.Key>>
  readonly pesantrenOf: (nspp: Identifier.Nspp) => Query<PesantrenDirectory.DirectoryEntry | undefined>
  readonly products: (
    filter: ProductCatalogue.CatalogueFilter,
    page: Page.Request<ProductCatalogue.Key>
  ) => Query<Page.Page<ProductCatalogue.CatalogueEntry, ProductCatalogue.Key>>
  readonly product: (productId: ProductId.ProductId) => Query<ProductCatalogue.CatalogueEntry | undefined>
  /** The certificates in force whose last valid day is within the next `days` days of the `Clock`'s day (WIB), soonest first. */
  readonly expiringCertificates: (days: number) => Query<ReadonlyArray<ExpiringCertificates.ExpiringCertificate>>
  /** The certificates past their last valid day on the WIB day of `now` whose expiry is not recorded yet: what `CertificateExpiry` sweeps. */
  readonly lapsedCertificates: (now: number) => Query<ReadonlyArray<ExpiringCertificates.ExpiringCertificate>>
  /** Flagship products by year against the program's targets, through a year, for one kabupaten/kota or all. */
  readonly flagshipTargets: (options: FlagshipTargets.ReportOptions) => Query<FlagshipTargets.Report>
  /** The province's dashboard and every kabupaten/kota's, in code order. */
  readonly dashboards: Query<{
    readonly province: KabupatenDashboard.Dashboard
    readonly regions: ReadonlyArray<KabupatenDashboard.Dashboard>
  }>
}

/** Sijawara's queries. */
export interface SijawaraQueries {
  readonly learnerCourses: (learnerId: Ids.LearnerId) => Query<LearnerProgress.LearnerCourses>
  readonly verifyCertificate: (number: string) => Query<CertificateRegistry.VerificationReport>
  readonly leaderboard: Query<ReadonlyArray<KabupatenLeaderboard.RegionStanding>>
  /** Every certificate of a learner, oldest first, as the view `CertificateRegistry.certificatesVisibleTo` judges. */
  readonly learnerCertificates: (learnerId: Ids.LearnerId) => Query<CertificateRegistry.LearnerCertificates>
  /** A course's funnel; `undefined` when nobody enrolled. */
  readonly courseFunnel: (courseId: Ids.CourseId) => Query<CourseFunnel.Funnel | undefined>
}

/** JATIM ISO's queries. */
export interface JatimIsoQueries {
  readonly funnel: (region: Region.RegionCode | undefined) => Query<OnboardingFunnel.Funnel>
  readonly stalled: (
    options: StalledOnboardings.StalledOptions,
    page: Page.Request<StalledOnboardings.Key>
  ) => Query<Page.Page<StalledOnboardings.Stalled, StalledOnboardings.Key>>
  /** The summary of completed onboardings, in the province or one kabupaten/kota; `undefined` when there are none. */
  readonly timeToOnboard: (region: Region.RegionCode | undefined) => Query<TimeToOnboard.Summary | undefined>
}

/** TOMIKO's queries. */
export interface TomikoQueries {
  readonly orderBook: (nik: Identifier.NikKoperasi, page: Page.Request<OrderBook.Key>) => Query<Page.Page<OrderBook.Entry, OrderBook.Key>>
  readonly listingStock: (page: Page.Request<ListingStock.Key>) => Query<Page.Page<ListingStock.Stock, ListingStock.Key>>
  readonly monthlyTrade: (secondary: Identifier.NikKoperasi, month: CalendarDate.Month) => Query<MonthlyTrade.MonthTrade>
  /** A network's months with a settlement, oldest first (its fee statement's). */
  readonly networkMonths: (secondary: Identifier.NikKoperasi) => Query<ReadonlyArray<MonthlyTrade.StatementMonth>>
  /** A seller's unpaid tempo invoices (aged by the handler). */
  readonly unpaidOfSeller: (seller: Identifier.NikKoperasi) => Query<ReadonlyArray<ReceivablesAgeing.Receivable>>
  /** A network's unpaid tempo invoices (aged by the handler). */
  readonly unpaidInNetwork: (secondary: Identifier.NikKoperasi) => Query<ReadonlyArray<ReceivablesAgeing.Receivable>>
  /** A cooperative's billed orders, as buyer and seller. */
  readonly statementLines: (nik: Identifier.NikKoperasi) => Query<ReadonlyArray<CooperativeStatement.Line>>
  /** Every secondary network with its members. */
  readonly networks: Query<ReadonlyArray<Networks.NetworkView>>
}

/** The read models, by program, and the status of their projections. */
export interface ReadModels {
  readonly opop: OpopQueries
  readonly sijawara: SijawaraQueries
  readonly jatimIso: JatimIsoQueries
  readonly tomiko: TomikoQueries
  /** The runner's status of every read model's projection. */
  readonly status: Effect.Effect<ReadonlyArray<ProjectionRunner.ProjectionStatus>>
}

export const ReadModels = Context.GenericTag<ReadModels>("@jatim/http-host/ReadModels")

/**
 * Waits until `runner`'s projection `projection` has applied everything stored now, however long
 * that takes; fails with a `StoreFailure` if the projection fails (or is unknown) meanwhile.
 */
export const caughtUp = (runner: ProjectionRunner.ProjectionRunner, projection: string): Effect.Effect<void, StoreFailure> =>
  Effect.mapError(
    runner.awaitCaughtUp(projection),
    (error) =>
      new StoreFailure({
        rule: "ReadModelUnavailable",
        message: `The read model "${projection}" could not catch up with the store (${error.message}).`
      })
  )

/** Runs the query `pick` chooses on the read models of the context, as fresh as the current request asks. */
export const query = <A>(pick: (models: ReadModels) => Query<A>): Effect.Effect<A, StoreFailure, ReadModels> =>
  ReadConsistency.ofRequest(Effect.flatMap(ReadModels, pick))
