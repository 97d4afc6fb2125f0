/**
 * OPOP's read models as in-memory projections over pesantren and product events, ready for a
 * `ProjectionRunner` (or an in-memory store's inline read models).
 *
 * @since 0.1.0
 */
import { type Event, InMemoryReadModel } from "@jatim/eventstore"
import * as ExpiringCertificates from "./ExpiringCertificates.js"
import * as FlagshipTargets from "./FlagshipTargets.js"
import * as KabupatenDashboard from "./KabupatenDashboard.js"
import { categories, codec, type OpopEvent } from "../OpopEvent.js"
import * as PesantrenDirectory from "./PesantrenDirectory.js"
import * as ProductCatalogue from "./ProductCatalogue.js"

const over = <S>(name: string, initial: S, apply: (state: S, recorded: Event.RecordedEvent<OpopEvent>) => S) =>
  InMemoryReadModel.typed({ name, codec, categories, initial, apply })

/** The product catalogue, filtered by category, grade and kabupaten/kota. */
export const productCatalogue = over("opop-product-catalogue", ProductCatalogue.initialState, ProductCatalogue.applyRecorded)
/** The pesantren directory. */
export const pesantrenDirectory = over("opop-pesantren-directory", PesantrenDirectory.initialState, PesantrenDirectory.applyRecorded)
/** The dashboard per kabupaten/kota. */
export const kabupatenDashboard = over("opop-kabupaten-dashboard", KabupatenDashboard.initialState, KabupatenDashboard.applyRecorded)
/** Certificates expiring within N days. */
export const expiringCertificates = over(
  "opop-expiring-certificates",
  ExpiringCertificates.initialState,
  ExpiringCertificates.applyRecorded
)
/** Flagship products by year against the program's targets. */
export const flagshipTargets = over("opop-flagship-targets", FlagshipTargets.initialState, FlagshipTargets.applyRecorded)
