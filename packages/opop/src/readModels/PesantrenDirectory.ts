/**
 * The pesantren directory, a pure read model: every registered pesantren with its
 * kabupaten/kota, pengasuh, santri count, Kopontren, verification, suspension and active
 * flagship. Feed it OPOP events in global order with `apply` (or `applyRecorded`); query it
 * with `get` and `list`.
 *
 * Who sees what (`visibleTo`, adr/0014): the directory is public, but the pengasuh's name is
 * personal data (UU 27/2022): only the pesantren's own admin and the Dinas see it.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { Identifier, Page, Region, StateEntries, Text, ViewSchema, Visibility } from "@jatim/kernel"
import { type Entries, folds, lookup, noEntries, valuesOf } from "../internal/readModel.js"
import type { OpopEvent } from "../OpopEvent.js"
import { SantriCount } from "../PesantrenEvent.js"
import { ProductId } from "../ProductId.js"

/** Schema of where a pesantren stands with the Dinas: suspension outranks verification. */
export const DirectoryStatus = Schema.Literal("UNVERIFIED", "VERIFIED", "SUSPENDED").annotations({
  description: "where a pesantren stands with the Dinas: suspension outranks verification"
})

/** Where a pesantren stands with the Dinas: suspension outranks verification. */
export type DirectoryStatus = typeof DirectoryStatus.Type

/** Schema of one pesantren of the directory, as JSON for clients. */
export const DirectoryEntry = ViewSchema.struct("PesantrenDirectoryEntry", "a pesantren of the OPOP directory", {
  nspp: Identifier.Nspp,
  name: Text.Name,
  regionCode: Region.RegionCode,
  /** "Kabupaten Jombang", "Kota Surabaya". */
  regionName: Schema.String.annotations({
    description: "the kabupaten/kota's name",
    examples: ["Kabupaten Jombang", "Kota Surabaya"]
  }),
  /** The pengasuh (head) of the pesantren: personal data, absent for all but its own admin and the Dinas. */
  pengasuh: Schema.UndefinedOr(Text.Name).annotations({
    description: "the pengasuh (head) of the pesantren: personal data, absent for all but its own admin and the Dinas"
  }),
  santriCount: SantriCount,
  /** Its cooperative (Kopontren); absent until linked. */
  kopontren: Schema.UndefinedOr(Identifier.NikKoperasi).annotations({
    description: "its cooperative (Kopontren); absent until linked"
  }),
  verified: Schema.Boolean,
  /** Why it is suspended; absent unless suspended. */
  suspension: Schema.UndefinedOr(Text.Reason).annotations({ description: "why it is suspended; absent unless suspended" }),
  status: DirectoryStatus,
  /** Its active flagship product; absent when none. */
  flagship: Schema.UndefinedOr(ProductId).annotations({ description: "its active flagship product; absent when none" })
})

/** One pesantren of the directory. */
export interface DirectoryEntry extends Schema.Schema.Type<typeof DirectoryEntry> {}

/** The directory: pesantren by NSPP. */
export interface State {
  readonly pesantren: Entries<Identifier.Nspp, DirectoryEntry>
}

/** The empty directory. */
export const initialState: State = { pesantren: noEntries() }

const statusOf = (entry: { readonly verified: boolean; readonly suspension: string | undefined }): DirectoryStatus =>
  entry.suspension !== undefined ? "SUSPENDED" : entry.verified ? "VERIFIED" : "UNVERIFIED"

const withStatus = (entry: DirectoryEntry): DirectoryEntry => ({ ...entry, status: statusOf(entry) })

/** The directory with the entry of `nspp` changed by `f`, its status worked out again. */
const update = (state: State, nspp: Identifier.Nspp, f: (entry: DirectoryEntry) => DirectoryEntry): State =>
  StateEntries.update(state, "pesantren", nspp, (entry) => withStatus(f(entry)))

/** The directory after one more event; events of products and santri leave it as it is. */
export const apply = (state: State, event: OpopEvent): State => {
  switch (event._tag) {
    case "PesantrenRegistered":
      return StateEntries.insertNew(state, "pesantren", event.nspp, {
        nspp: event.nspp,
        name: event.name,
        regionCode: event.regionCode,
        regionName: Region.displayName(event.regionCode),
        pengasuh: event.pengasuh,
        santriCount: event.santriCount,
        kopontren: undefined,
        verified: false,
        suspension: undefined,
        status: "UNVERIFIED",
        flagship: undefined
      })
    case "KopontrenLinked":
    case "KopontrenReplaced":
      return update(state, event.nspp, (entry) => ({ ...entry, kopontren: event.nik }))
    case "PesantrenVerified":
      return update(state, event.nspp, (entry) => ({ ...entry, verified: true }))
    case "PesantrenSuspended":
      return update(state, event.nspp, (entry) => ({ ...entry, suspension: event.reason }))
    case "PesantrenReinstated":
      return update(state, event.nspp, (entry) => ({ ...entry, suspension: undefined }))
    case "FlagshipDesignated":
      return update(state, event.nspp, (entry) => ({ ...entry, flagship: event.productId }))
    case "FlagshipRetired":
      return update(state, event.nspp, (entry) => (entry.flagship === event.productId ? { ...entry, flagship: undefined } : entry))
    default:
      return state
  }
}

/** `apply` for recorded events, and for a sequence of events. */
export const { applyAll, applyRecorded } = folds(apply)

/** The pesantren of `nspp`, if registered. */
export const get = (state: State, nspp: Identifier.Nspp): DirectoryEntry | undefined => lookup(state.pesantren, nspp)

/** Filters of `list`; each one given narrows the list. */
export interface DirectoryFilter {
  readonly regionCode?: Region.RegionCode | undefined
  readonly status?: DirectoryStatus | undefined
  /** Part of the name, in any case. */
  readonly nameContains?: string | undefined
}

/** The order of `list`: by name, then NSPP (code-unit order); a page starts after such a key. */
export const order = Page.byKey((entry: DirectoryEntry) => [entry.name, entry.nspp] as const, Schema.Tuple(Schema.String, Identifier.Nspp))

/** The key of a directory entry in `order`: its name and NSPP. */
export type Key = ReturnType<typeof order.key>

/** The pesantren that match `filter`, by name, then NSPP. */
export const list = (state: State, filter: DirectoryFilter = {}): ReadonlyArray<DirectoryEntry> => {
  const needle = filter.nameContains?.toLowerCase()
  return Page.sort(
    order,
    valuesOf(state.pesantren).filter(
      (entry) =>
        (filter.regionCode === undefined || entry.regionCode === filter.regionCode) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (needle === undefined || entry.name.toLowerCase().includes(needle))
    )
  )
}

/** One page of `list`. */
export const listPage = (state: State, filter: DirectoryFilter, request: Page.Request<Key>): Page.Page<DirectoryEntry, Key> =>
  Page.ofSorted(order, list(state, filter), request)

/** Whether `actor` acts for the pesantren `nspp`: its own admin, or a Dinas officer. */
export const actsFor = (actor: Visibility.Viewer, nspp: Identifier.Nspp): boolean =>
  Visibility.isDinas(actor) || (actor._tag === "PESANTREN_ADMIN" && actor.nspp === nspp)

/**
 * What `actor` sees of a pesantren of the directory: everything for its own admin and the
 * Dinas; for everyone else the same entry without the pengasuh's name (personal data).
 */
export const visibleTo: Visibility.ReadPolicy<DirectoryEntry> = (actor, entry) =>
  Option.some(actsFor(actor, entry.nspp) ? entry : { ...entry, pengasuh: undefined })

/** The pesantren that match `filter`, as `actor` sees them, by name, then NSPP. */
export const listFor = (state: State, actor: Visibility.Viewer, filter: DirectoryFilter = {}): ReadonlyArray<DirectoryEntry> =>
  list(state, filter).flatMap((entry) => Option.toArray(visibleTo(actor, entry)))
