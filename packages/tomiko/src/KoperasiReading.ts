/**
 * A cooperative as its own stream says it is now (registered as `PRIMER` or `SEKUNDER`, or not
 * at all), read by `read`: what a secondary cooperative's registration carries about each of its
 * founders, so that the decider checks them against the founders' own streams, never against
 * the caller's word.
 *
 * @since 0.1.0
 */
import { Effect, type Schema } from "effect"
import { Aggregate, type EventStore, type ReadError } from "@jatim/eventstore"
import type { Identifier, Verified } from "@jatim/kernel"
import { koperasiReading, KoperasiReadingContent } from "./internal/issuers.js"
import * as Koperasi from "./Koperasi.js"

/** Schema of what a cooperative's stream says about it. */
export const Content = KoperasiReadingContent

/** What a cooperative's stream says about it. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** A cooperative as read from its stream by `read` (no caller can write one). */
export type KoperasiReading = Verified.Verified<Content, "KoperasiReading">

/** Schema of a cooperative's reading: admits only a reading `read` returned. */
export const KoperasiReading: Schema.Schema<KoperasiReading> = koperasiReading.schema

/**
 * Whether `u` is a reading `read` made from the cooperative's stream (not a look-alike, a copy, a JSON round-trip or
 * another kind's fact): the deciders check it, so a forged fact is refused even when a command's
 * validation was skipped.
 */
export const is: (u: unknown) => u is KoperasiReading = koperasiReading.is

/** The cooperative `nik` as its stream says it is now. */
export const read = (nik: Identifier.NikKoperasi): Effect.Effect<KoperasiReading, ReadError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(Koperasi, Koperasi.streamName(nik)), (state) =>
    koperasiReading.issue({ nik, type: state._tag === "Primary" ? "PRIMER" : state._tag === "Secondary" ? "SEKUNDER" : null })
  )
