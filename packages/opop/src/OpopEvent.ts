/**
 * Every event OPOP writes, across its three stream categories, for read models and
 * subscribers that follow the whole context.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { EventCodec } from "@jatim/eventstore"
import * as Pesantren from "./Pesantren.js"
import { PesantrenEvent } from "./PesantrenEvent.js"
import * as Product from "./Product.js"
import { ProductEvent } from "./ProductEvent.js"
import * as Santripreneur from "./Santripreneur.js"
import { SantripreneurEvent } from "./SantripreneurEvent.js"

/** Schema of every OPOP event. */
export const OpopEvent = Schema.Union(PesantrenEvent, ProductEvent, SantripreneurEvent)

/** An OPOP event. */
export type OpopEvent = typeof OpopEvent.Type

/** The codec of every OPOP event (for reading all of OPOP's categories). */
export const codec: EventCodec.EventCodec<OpopEvent> = EventCodec.make(OpopEvent)

/** The stream categories OPOP writes. */
export const categories: ReadonlyArray<string> = [Pesantren.category, Product.category, Santripreneur.category]
