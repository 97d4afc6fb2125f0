/**
 * The per-UMKM table each JATIM ISO SQL read model keeps a copy of (a copy each, so that each
 * projection is reset and rebuilt alone): where each UMKM seen (by NIB) is in its onboarding, as
 * the pure `OnboardingProgress` folds it, changed by one upsert per UMKM event.
 *
 * Columns: `nib` (the key, in byte order as the pure models sort NIBs), `region` and `registered_ms` (NULL until the UMKM registers; kept
 * from its first registration), `legality_verified`, `trainings`, `approved` (listing ids) and
 * `storefronts` (the marketplaces with a storefront open now) as sets in `text[]`s, `onboarded_ms` and `withdrawn_ms` (the first
 * completion and withdrawal), `last_activity_ms` (the latest instant of its events), and `stage`,
 * generated from the others as `Requirement.stageOf` names it (NULL until registered). Instants
 * are epoch milliseconds in `bigint`s, so that durations and idle times are the very integers the
 * pure read models compute with.
 */
import { Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Identifier, Region } from "@jatim/kernel"
import { Listing, Marketplace, Requirement, Training, type UmkmEvent } from "@jatim/jatim-iso"
import { declareTables, IntFromText, sqlReadModel } from "./sql.js"

/** Milliseconds in a day, as the pure read models count days. */
export const dayMillis = 86_400_000

/**
 * The progress table named `name`, with `indexes` of its own (each named `<name>_<key>`). The
 * `stage` column follows `Requirement.stageOf`: `WITHDRAWN`, `ONBOARDED`, else named after the
 * requirements met before the first one missing (legality, both core trainings, an approved
 * listing, a storefront).
 */
export const table = (name: string, indexes?: SqlReadModel.TableDeclaration["indexes"]): SqlReadModel.TableDeclaration => ({
  name,
  columns: {
    nib: 'text COLLATE "C" PRIMARY KEY',
    region: "text",
    registered_ms: "bigint",
    legality_verified: "boolean NOT NULL",
    trainings: "text[] NOT NULL",
    approved: "text[] NOT NULL",
    storefronts: "text[] NOT NULL",
    onboarded_ms: "bigint",
    withdrawn_ms: "bigint",
    last_activity_ms: "bigint NOT NULL",
    stage: `text GENERATED ALWAYS AS (CASE
      WHEN registered_ms IS NULL THEN NULL
      WHEN withdrawn_ms IS NOT NULL THEN 'WITHDRAWN'
      WHEN onboarded_ms IS NOT NULL THEN 'ONBOARDED'
      WHEN NOT legality_verified THEN 'REGISTERED'
      WHEN NOT (trainings @> ARRAY['KEMASAN', 'PEMASARAN_DIGITAL']::text[]) THEN 'LEGALITY_VERIFIED'
      WHEN cardinality(approved) = 0 THEN 'TRAINED'
      WHEN cardinality(storefronts) = 0 THEN 'LISTING_APPROVED'
      ELSE 'READY'
    END) STORED`
  },
  indexes
})

/**
 * Applies one UMKM event to the progress table `table`, as `OnboardingProgress.apply` does: the
 * row of a NIB not seen yet is the event applied to nothing; a seen one keeps its first
 * registration, completion and withdrawal, adds to its sets (a closed storefront leaves
 * `storefronts`), and its last activity only moves forward. Applying an event twice changes nothing. Returns the row's `region` and `stage` after.
 */
export const upsert = (sql: SqlClient.SqlClient, table: Statement.Fragment, event: UmkmEvent.UmkmEvent) => {
  const at = event.at.getTime()
  const region = event._tag === "UmkmRegistered" ? event.region : null
  const registeredMs = event._tag === "UmkmRegistered" ? at : null
  const training = event._tag === "TrainingRecorded" ? event.training : null
  const listing = event._tag === "ListingApproved" ? event.listingId : null
  const storefront = event._tag === "StorefrontOpened" ? event.marketplace : null
  const closed = event._tag === "StorefrontClosed" ? event.marketplace : null
  const onboardedMs = event._tag === "OnboardingCompleted" ? at : null
  const withdrawnMs = event._tag === "UmkmWithdrawn" ? at : null
  return sql`INSERT INTO ${table} AS t
    (nib, region, registered_ms, legality_verified, trainings, approved, storefronts, onboarded_ms, withdrawn_ms, last_activity_ms)
    VALUES (${event.nib}, ${region}::text, ${registeredMs}::bigint, ${event._tag === "LegalityVerified"},
      array_remove(ARRAY[${training}::text], NULL), array_remove(ARRAY[${listing}::text], NULL),
      array_remove(ARRAY[${storefront}::text], NULL), ${onboardedMs}::bigint, ${withdrawnMs}::bigint, ${at}::bigint)
    ON CONFLICT (nib) DO UPDATE SET
      region = CASE WHEN t.registered_ms IS NULL THEN EXCLUDED.region ELSE t.region END,
      registered_ms = COALESCE(t.registered_ms, EXCLUDED.registered_ms),
      legality_verified = t.legality_verified OR EXCLUDED.legality_verified,
      trainings = CASE WHEN EXCLUDED.trainings <@ t.trainings THEN t.trainings ELSE t.trainings || EXCLUDED.trainings END,
      approved = CASE WHEN EXCLUDED.approved <@ t.approved THEN t.approved ELSE t.approved || EXCLUDED.approved END,
      storefronts = array_remove(
        CASE WHEN EXCLUDED.storefronts <@ t.storefronts THEN t.storefronts ELSE t.storefronts || EXCLUDED.storefronts END,
        ${closed}::text
      ),
      onboarded_ms = COALESCE(t.onboarded_ms, EXCLUDED.onboarded_ms),
      withdrawn_ms = COALESCE(t.withdrawn_ms, EXCLUDED.withdrawn_ms),
      last_activity_ms = GREATEST(t.last_activity_ms, EXCLUDED.last_activity_ms)
    RETURNING region, stage`
}

/** The columns of a progress row, as `Row` decodes them (from a table aliased `p`). */
export const columns = `p.nib AS "nib", p.region AS "region", p.registered_ms::text AS "registeredMs",
  p.legality_verified AS "legalityVerified", p.trainings AS "trainings", p.approved AS "approved",
  p.storefronts AS "storefronts", p.onboarded_ms::text AS "onboardedMs", p.withdrawn_ms::text AS "withdrawnMs",
  p.last_activity_ms::text AS "lastActivityMs"`

/** One UMKM's progress, as a row of the table. */
export const Row = Schema.Struct({
  nib: Identifier.Nib,
  region: Schema.NullOr(Region.RegionCode),
  registeredMs: Schema.NullOr(IntFromText),
  legalityVerified: Schema.Boolean,
  trainings: Schema.Array(Training.TrainingType),
  approved: Schema.Array(Listing.ListingId),
  storefronts: Schema.Array(Marketplace.Marketplace),
  onboardedMs: Schema.NullOr(IntFromText),
  withdrawnMs: Schema.NullOr(IntFromText),
  lastActivityMs: IntFromText
})

/** A progress row. */
export type Row = typeof Row.Type

/** What the requirements of a row are checked against (`Requirement.missing`). */
export const requirementProgress = (row: Row): Requirement.Progress => ({
  legalityVerified: row.legalityVerified,
  trainings: new Set(row.trainings),
  approvedListings: row.approved.length,
  openStorefronts: row.storefronts.length
})

/** The funnel stage of a registered row (`Requirement.stageOf`). */
export const stageOf = (row: Row): Requirement.Stage =>
  Requirement.stageOf({ ...requirementProgress(row), onboarded: row.onboardedMs !== null, withdrawn: row.withdrawnMs !== null })

/**
 * A partial index over the rows `where` selects, `key`, and the same per kabupaten/kota,
 * `region_<key>` (led by `region`): a query of all of Jawa Timur or of one kabupaten/kota reads
 * only the rows it returns.
 */
export const indexAndPerRegion = (
  key: string,
  index: { readonly on: string; readonly where: string }
): SqlReadModel.TableDeclaration["indexes"] => ({
  [key]: index,
  [`region_${key}`]: { on: `region, ${index.on}`, where: index.where }
})

/** What a read model kept in one progress table declares: its name, its table, its indexes and its queries. */
export interface Definition<Queries> {
  /** The projection's name when `Options.name` is absent. */
  readonly defaultName: string
  /** The name of its progress table (in the schema of `Options`). */
  readonly table: string
  /** Its indexes over the table, each named `<table>_<key>` (see `SqlReadModel.TableDeclaration`). */
  readonly indexes: SqlReadModel.TableDeclaration["indexes"]
  /** Its queries, on the table (key `umkm`). */
  readonly queries: (model: SqlReadModel.SqlReadModel<"umkm">) => Queries
}

/** A read model that keeps a progress table of its own (declared by `table`, changed by `upsert`) with indexes of its own. */
export const readModel = <Queries>(definition: Definition<Queries>): SqlReadModel.Make<Queries> =>
  sqlReadModel({
    defaultName: definition.defaultName,
    ...declareTables({ umkm: table(definition.table, definition.indexes) }),
    apply: (sql, t, event) => upsert(sql, t.umkm, event),
    queries: definition.queries
  })
