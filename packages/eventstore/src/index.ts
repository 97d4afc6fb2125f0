/**
 * @jatim/eventstore: the event store contract, typed event codecs, deciders, command
 * handling and the in-memory adapter.
 *
 * @since 0.1.0
 */

/** Building blocks shared by adapters. */
export * as Adapter from "./Adapter.js"
/** An aggregate's current state, and its commands routed to the streams they name. */
export * as Aggregate from "./Aggregate.js"
/** Checkpoints of projections and process managers. */
export * as Checkpoints from "./Checkpoints.js"
/** Command handling: load, decide, append, retry on conflict. */
export * as CommandHandler from "./CommandHandler.js"
/** Crypto-shredding: personal fields encrypted per data subject, erased by forgetting the key. */
export * as CryptoShredding from "./CryptoShredding.js"
/** The decider pattern. */
export * as Decider from "./Decider.js"
/** New and recorded events, metadata, actors. */
export * as Event from "./Event.js"
/** Typed event codecs and upcasters. */
export * as EventCodec from "./EventCodec.js"
/** Random event ids. */
export * as EventId from "./EventId.js"
/** The `EventStore` service and its options. */
export * as EventStore from "./EventStore.js"
/** The typed errors of the contract. */
export * from "./EventStoreError.js"
/** Expected versions: Any, NoStream, StreamExists, Exact(n). */
export * as ExpectedVersion from "./ExpectedVersion.js"
/** Positions in the global order. */
export * as GlobalPosition from "./GlobalPosition.js"
/** The in-memory adapter. */
export * as InMemoryEventStore from "./InMemoryEventStore.js"
/** Read models held in memory. */
export * as InMemoryReadModel from "./InMemoryReadModel.js"
/** One leader per projection across instances. */
export * as LeaderElection from "./LeaderElection.js"
/** The initial state and evolve of an aggregate whose stream is about one thing an event creates. */
export * as Lifecycle from "./Lifecycle.js"
/** Fields that are `undefined` in the type and `null` encoded. */
export * as NullWhenUndefined from "./NullWhenUndefined.js"
/** Process managers: events of one context to commands of another. */
export * as ProcessManager from "./ProcessManager.js"
/** Personal fields of events, declared on their Schemas, and their data subjects. */
export * as PersonalData from "./PersonalData.js"
/** The key store of crypto-shredding: a key per data subject, deleted by `forget`. */
export * as PersonalDataKeys from "./PersonalDataKeys.js"
/** Projections: a name, a filter and a handler. */
export * as Projection from "./Projection.js"
/** Runs asynchronous projections: checkpoints, batches, retries, status, rebuild. */
export * as ProjectionRunner from "./ProjectionRunner.js"
/** Snapshots of deciders' state. */
export * as SnapshotStore from "./SnapshotStore.js"
/** Stream names `category-id`. */
export * as StreamName from "./StreamName.js"
/** The store's metrics: appends and projections, on Effect's `Metric` API. */
export * as StoreMetrics from "./StoreMetrics.js"
/** Commands on one stream taking turns within a process. */
export * as StreamTurns from "./StreamTurns.js"
/** The store seen through a codec. */
export * as TypedEventStore from "./TypedEventStore.js"
