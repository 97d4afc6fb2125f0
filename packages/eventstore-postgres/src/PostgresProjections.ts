/**
 * What the projection runner and snapshotted command handlers need besides the event store,
 * on PostgreSQL: checkpoints, leader election and snapshots, in the store's schema.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import type { SqlClient } from "@effect/sql"
import type { Checkpoints, LeaderElection, SnapshotStore } from "@jatim/eventstore"
import * as PostgresCheckpoints from "./PostgresCheckpoints.js"
import * as PostgresLeaderElection from "./PostgresLeaderElection.js"
import * as PostgresSnapshotStore from "./PostgresSnapshotStore.js"

/** Checkpoints, leader election and snapshots in `schema` (the event store's). */
export const layer = (
  options: PostgresLeaderElection.PostgresLeaderElectionOptions & PostgresCheckpoints.PostgresCheckpointsOptions = {}
): Layer.Layer<Checkpoints.Checkpoints | LeaderElection.LeaderElection | SnapshotStore.SnapshotStore, never, SqlClient.SqlClient> =>
  Layer.mergeAll(
    PostgresCheckpoints.layer(options.schema, options),
    PostgresLeaderElection.layer(options),
    PostgresSnapshotStore.layer(options.schema)
  )
