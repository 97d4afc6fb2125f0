/**
 * @jatim/eventstore-postgres: the PostgreSQL adapter of @jatim/eventstore.
 *
 * @since 0.1.0
 */

/** The store's migrations. */
export * as Migrations from "./Migrations.js"
/** The adapter: `make`, `layer`, `layerFromConfig`. */
export * as PostgresEventStore from "./PostgresEventStore.js"
