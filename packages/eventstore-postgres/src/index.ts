/**
 * @jatim/eventstore-postgres: the PostgreSQL adapter of @jatim/eventstore.
 *
 * @since 0.1.0
 */

/** The store's migrations. */
export * as Migrations from "./Migrations.js"
/** Checkpoints of projections and process managers, moved in the read model's transaction. */
export * as PostgresCheckpoints from "./PostgresCheckpoints.js"
/** The adapter: `make`, `layer`, `layerFromConfig`. */
export * as PostgresEventStore from "./PostgresEventStore.js"
/** One leader per projection across instances, by advisory lock. */
export * as PostgresLeaderElection from "./PostgresLeaderElection.js"
/** Everything the projection runner needs, on PostgreSQL. */
export * as PostgresProjections from "./PostgresProjections.js"
/** The key store of crypto-shredding: a key per data subject in the table `personal_data_keys`. */
export * as PostgresPersonalDataKeys from "./PostgresPersonalDataKeys.js"
/** Snapshots of deciders' state. */
export * as PostgresSnapshotStore from "./PostgresSnapshotStore.js"
/** Read models kept in SQL tables by a projection, for each domain's SQL read models. */
export * as SqlReadModel from "./SqlReadModel.js"
/** What the store keeps of its projections, read without running them: checkpoints, leaders, lag. */
export * as StoredProjections from "./StoredProjections.js"
