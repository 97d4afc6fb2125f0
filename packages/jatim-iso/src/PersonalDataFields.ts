/**
 * The personal fields of JATIM ISO's events, read from their Schemas (`PersonalData.field`):
 * the name of a UMKM's owner (`umkm-owner:<nib>`). Give it to `CryptoShredding` to keep them encrypted per person.
 *
 * @since 0.1.0
 */
import { PersonalData } from "@jatim/eventstore"
import { MarketplaceEvent } from "./MarketplaceEvent.js"
import { UmkmEvent } from "./UmkmEvent.js"

/** Every personal field of JATIM ISO's events, by event type. */
export const classification: PersonalData.Classification = PersonalData.merge(
  PersonalData.classify(MarketplaceEvent),
  PersonalData.classify(UmkmEvent)
)
