/**
 * @jatim/postgres-embedded: a real PostgreSQL for tests, benchmarks and demos.
 *
 * @since 0.1.0
 */

/** Start an embedded server, or use `DATABASE_URL`; create databases. */
export * as EmbeddedPostgres from "./EmbeddedPostgres.js"
