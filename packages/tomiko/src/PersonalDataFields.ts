/**
 * The personal fields of TOMIKO's events, read from their Schemas (`PersonalData.field`):
 * none: its events name cooperatives, listings and orders, all institutions. Give it to `CryptoShredding` to keep them encrypted per person.
 *
 * @since 0.1.0
 */
import { PersonalData } from "@jatim/eventstore"
import { CreditLineEvent } from "./CreditLineEvent.js"
import { KoperasiEvent } from "./KoperasiEvent.js"
import { ListingEvent } from "./ListingEvent.js"
import { OrderEvent } from "./OrderEvent.js"

/** Every personal field of TOMIKO's events, by event type. */
export const classification: PersonalData.Classification = PersonalData.merge(
  PersonalData.classify(CreditLineEvent),
  PersonalData.classify(KoperasiEvent),
  PersonalData.classify(ListingEvent),
  PersonalData.classify(OrderEvent)
)
