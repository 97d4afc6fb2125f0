/**
 * A cooperative as its own stream says it is now (registered as `PRIMER` or `SEKUNDER`, or not
 * at all), read by `read`: what a secondary cooperative's registration carries about each of its
 * founders, so that the decider checks them against the founders' own streams, never against
 * the caller's word.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { type EventStore, type ReadError, TypedEventStore } from "@jatim/eventstore"
import { Identifier } from "@jatim/kernel"
import * as Verified from "./internal/verified.js"
import * as Koperasi from "./Koperasi.js"
import { KoperasiType } from "./KoperasiEvent.js"

/** Schema of what a cooperative's stream says about it. */
export const Content = Schema.Struct({
  nik: Identifier.NikKoperasi,
  /** Its kind, or `null` when it is not registered. */
  type: Schema.NullOr(KoperasiType)
})

/** What a cooperative's stream says about it. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** A cooperative as read from its stream by `read` (no caller can write one). */
export type KoperasiReading = Verified.Verified<Content, "KoperasiReading">

/** Schema of a cooperative's reading: admits only a reading `read` returned. */
export const KoperasiReading: Schema.Schema<KoperasiReading> = Verified.schema("KoperasiReading", Content, {
  identifier: "KoperasiReading",
  description: "a TOMIKO cooperative as read from its own stream: registered as PRIMER or SEKUNDER, or not"
})

/** The cooperative `nik` as its stream says it is now. */
export const read = (nik: Identifier.NikKoperasi): Effect.Effect<KoperasiReading, ReadError, EventStore.EventStore> =>
  Effect.gen(function*() {
    const store = yield* TypedEventStore.make(Koperasi.codec)
    const { state } = yield* store.aggregateStream(Koperasi.streamName(nik), Koperasi.decider)
    const type = state._tag === "Primary" ? "PRIMER" : state._tag === "Secondary" ? "SEKUNDER" : null
    return Verified.issue("KoperasiReading", { nik, type })
  })
