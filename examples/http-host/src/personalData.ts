/**
 * Personal data in the host's store: the four programs' personal fields (`PersonalDataFields`
 * of each) kept encrypted per person by `CryptoShredding`, with the key store beside the events
 * (in memory, or the table `personal_data_keys` on PostgreSQL). Whatever reads the store through
 * the layer (handlers, read models, the live feed, the CLI) reads erased fields as `[dihapus]`.
 */
import { Layer } from "effect"
import { CryptoShredding, type EventStore, PersonalData, type PersonalDataKeys } from "@jatim/eventstore"
import { PersonalDataFields as JatimIsoPersonalData } from "@jatim/jatim-iso"
import { PersonalDataFields as OpopPersonalData } from "@jatim/opop"
import { PersonalDataFields as SijawaraPersonalData } from "@jatim/sijawara"
import { PersonalDataFields as TomikoPersonalData } from "@jatim/tomiko"

/** Every personal field of the four programs' events. */
export const classification: PersonalData.Classification = PersonalData.merge(
  OpopPersonalData.classification,
  SijawaraPersonalData.classification,
  JatimIsoPersonalData.classification,
  TomikoPersonalData.classification
)

/**
 * `store`'s services with its `EventStore` wrapped by `CryptoShredding` on the key store
 * `keys`, which the layer provides too (for `PersonalDataKeys.forget`).
 */
export const withCryptoShredding = <ROut, E, RIn, E2, RIn2>(
  store: Layer.Layer<ROut | EventStore.EventStore, E, RIn>,
  keys: Layer.Layer<PersonalDataKeys.PersonalDataKeys, E2, RIn2>
): Layer.Layer<ROut | EventStore.EventStore | PersonalDataKeys.PersonalDataKeys, E | E2, RIn | RIn2> =>
  CryptoShredding.layer(classification).pipe(Layer.provideMerge(Layer.merge(store, keys)))
