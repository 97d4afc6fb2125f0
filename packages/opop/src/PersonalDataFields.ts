/**
 * The personal fields of OPOP's events, read from their Schemas (`PersonalData.field`):
 * the pengasuh of a pesantren (`pengasuh:<nspp>`) and a santripreneur's name (`santri:<santriId>`). Give it to `CryptoShredding` to keep them encrypted per person.
 *
 * @since 0.1.0
 */
import { PersonalData } from "@jatim/eventstore"
import { PesantrenEvent } from "./PesantrenEvent.js"
import { ProductEvent } from "./ProductEvent.js"
import { SantripreneurEvent } from "./SantripreneurEvent.js"

/** Every personal field of OPOP's events, by event type. */
export const classification: PersonalData.Classification = PersonalData.merge(
  PersonalData.classify(PesantrenEvent),
  PersonalData.classify(ProductEvent),
  PersonalData.classify(SantripreneurEvent)
)
