/**
 * Certificates expiring soon, a pure read model: every certificate in force on an OPOP
 * product (neither revoked nor recorded as expired) with its validity date (a halal certificate
 * without a term never expires, and is not listed). `expiringWithin`
 * lists those that expire in the next N days, counted from a `now` argument (so the read model
 * holds no clock); `lapsed` lists those already past their date whose expiry is not recorded
 * yet (what the scheduler `CertificateExpiry` sends `ExpireCertificates` for).
 *
 * Who sees what (`visibleTo`, adr/0014): the Dinas, and the admin of the product's pesantren
 * for its own products: a work list, not a public register.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { CalendarDate, Identifier, StateEntries, ViewSchema, Visibility } from "@jatim/kernel"
import { type CertificateKind, CertificateKind as CertificateKindSchema } from "../Certificate.js"
import { compareText, deleteIn, type Entries, folds, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import type { OpopEvent } from "../OpopEvent.js"
import { type ProductId, ProductId as ProductIdSchema } from "../ProductId.js"

/** A certificate in force on a product. */
export interface CertificateEntry {
  readonly productId: ProductId
  readonly kind: CertificateKind
  readonly number: string
  readonly issuedOn: CalendarDate.CalendarDate
  readonly validUntil: CalendarDate.CalendarDate
}

/** Schema of a certificate with its product and the days it has left, as JSON for clients. */
export const ExpiringCertificate = ViewSchema.struct(
  "ExpiringCertificate",
  "a certificate in force on an OPOP product, with the days it has left",
  {
    productId: ProductIdSchema,
    kind: CertificateKindSchema,
    number: Schema.String,
    issuedOn: CalendarDate.CalendarDate,
    validUntil: CalendarDate.CalendarDate.annotations({ description: "its last valid day (WIB)" }),
    productName: Schema.UndefinedOr(Schema.String).annotations({ description: "the product's name; absent until its proposal is seen" }),
    nspp: Schema.UndefinedOr(Identifier.Nspp).annotations({ description: "the product's pesantren; absent until its proposal is seen" }),
    daysLeft: Schema.Int.annotations({
      description: "days from today (WIB) to the last valid day: 0 when it is valid today only, negative once lapsed"
    })
  }
)

/** A certificate with its product and the days it has left. */
export interface ExpiringCertificate extends Schema.Schema.Type<typeof ExpiringCertificate> {}

/** The certificates in force, by product, kind and number. */
export interface State {
  readonly certificates: Entries<string, CertificateEntry>
  readonly products: Entries<ProductId, { readonly name: string; readonly nspp: Identifier.Nspp }>
}

/** No certificates. */
export const initialState: State = { certificates: noEntries(), products: noEntries() }

const keyOf = (productId: string, kind: string, number: string) => `${productId}\u0000${kind}\u0000${number}`

/** The certificates after one more event. */
export const apply = (state: State, event: OpopEvent): State => {
  switch (event._tag) {
    case "ProductProposed":
      return StateEntries.insertNew(state, "products", event.productId, { name: event.name, nspp: event.nspp })
    case "CertificateAdded": {
      const { certificate, productId } = event
      const key = keyOf(productId, certificate._tag, certificate.number)
      // A halal certificate without a term never expires: not on the list (a renewal without one takes the dated one off).
      return certificate.validUntil === undefined
        ? { ...state, certificates: deleteIn(state.certificates, key) }
        : {
            ...state,
            certificates: setIn(state.certificates, key, {
              productId,
              kind: certificate._tag,
              number: certificate.number,
              issuedOn: certificate.issuedOn,
              validUntil: certificate.validUntil
            })
          }
    }
    case "CertificateRevoked":
    case "CertificateExpired":
      return { ...state, certificates: deleteIn(state.certificates, keyOf(event.productId, event.kind, event.number)) }
    default:
      return state
  }
}

/** `apply` for recorded events, and for a sequence of events. */
export const { applyAll, applyRecorded } = folds(apply)

const withDetails =
  (state: State, today: CalendarDate.CalendarDate) =>
  (entry: CertificateEntry): ExpiringCertificate => {
    const product = lookup(state.products, entry.productId)
    return {
      ...entry,
      productName: product?.name,
      nspp: product?.nspp,
      daysLeft: CalendarDate.daysBetween(today, entry.validUntil)
    }
  }

const byExpiry = (a: CertificateEntry, b: CertificateEntry) =>
  compareText(a.validUntil, b.validUntil) ||
  compareText(a.productId, b.productId) ||
  compareText(a.kind, b.kind) ||
  compareText(a.number, b.number)

/**
 * The certificates whose last valid day falls within the next `days` days of `now` (in WIB):
 * from today through today + `days`, soonest first. `days` below 0 selects nothing; `Infinity`
 * selects every certificate still valid today.
 */
export const expiringWithin = (state: State, now: Date | number, days: number): ReadonlyArray<ExpiringCertificate> => {
  const today = CalendarDate.fromEpochMillis(typeof now === "number" ? now : now.getTime())
  if (!(days >= 0)) return []
  const last = Number.isFinite(days) ? CalendarDate.addDays(today, Math.floor(days)) : undefined
  return valuesOf(state.certificates)
    .filter((entry) => today <= entry.validUntil && (last === undefined || entry.validUntil <= last))
    .sort(byExpiry)
    .map(withDetails(state, today))
}

/** The certificates past their last valid day on `now` (in WIB) whose expiry is not recorded yet. */
export const lapsed = (state: State, now: Date | number): ReadonlyArray<ExpiringCertificate> => {
  const today = CalendarDate.fromEpochMillis(typeof now === "number" ? now : now.getTime())
  return valuesOf(state.certificates)
    .filter((entry) => entry.validUntil < today)
    .sort(byExpiry)
    .map(withDetails(state, today))
}

/** What `actor` sees of an expiring certificate: the Dinas all, a pesantren's admin its own products', others none. */
export const visibleTo: Visibility.ReadPolicy<ExpiringCertificate> = (actor, entry) =>
  Visibility.isDinas(actor) || (actor._tag === "PESANTREN_ADMIN" && entry.nspp !== undefined && actor.nspp === entry.nspp)
    ? Option.some(entry)
    : Option.none()
