/**
 * Snapshots of a decider's state, so that loading a long stream reads the snapshot and the
 * events after it. A snapshot records the version of the state's schema it was written with;
 * one written for another version is ignored, never trusted.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Ref, type Schema } from "effect"
import type { EventStoreUnavailable } from "./EventStoreError.js"

/** A decider's state at one version of its stream. */
export interface Snapshot {
  readonly streamName: string
  /** Which decider's state (a stream may be folded by several). */
  readonly name: string
  /** The stream version the state includes. */
  readonly streamVersion: number
  /** The version of the state's schema it was encoded with. */
  readonly stateVersion: number
  /** The state, encoded as JSON. */
  readonly state: unknown
}

/** Stores snapshots. */
export interface SnapshotStore {
  readonly load: (streamName: string, name: string) => Effect.Effect<Option.Option<Snapshot>, EventStoreUnavailable>
  /** Keeps `snapshot` unless a snapshot of a later stream version is stored. */
  readonly save: (snapshot: Snapshot) => Effect.Effect<void, EventStoreUnavailable>
}

/** The `SnapshotStore` service. */
export const SnapshotStore: Context.Tag<SnapshotStore, SnapshotStore> = Context.GenericTag<SnapshotStore>("@jatim/eventstore/SnapshotStore")

/** How a command handler snapshots its decider's state. */
export interface SnapshotPolicy<State, Encoded> {
  /** Names the decider's snapshots (unique per decider). */
  readonly name: string
  /** Take a snapshot every `every` events. */
  readonly every: number
  /** Encodes and decodes the state as JSON. */
  readonly schema: Schema.Schema<State, Encoded>
  /** The state schema's version: bump it whenever the state's shape or meaning changes. */
  readonly version: number
}

/** Snapshots in memory. */
export const makeInMemory: Effect.Effect<SnapshotStore> = Effect.map(
  Ref.make(new Map<string, Snapshot>()),
  (ref): SnapshotStore => ({
    load: (streamName, name) => Effect.map(Ref.get(ref), (map) => Option.fromNullable(map.get(`${name}\u0000${streamName}`))),
    save: (snapshot) =>
      Ref.update(ref, (map) => {
        const key = `${snapshot.name}\u0000${snapshot.streamName}`
        const current = map.get(key)
        return current !== undefined && current.streamVersion >= snapshot.streamVersion
          ? map
          : new Map(map).set(key, JSON.parse(JSON.stringify(snapshot)) as Snapshot)
      })
  })
)

/** A layer with snapshots in memory. */
export const layerInMemory: Layer.Layer<SnapshotStore> = Layer.effect(SnapshotStore, makeInMemory)
