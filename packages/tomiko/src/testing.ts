/**
 * @jatim/tomiko/testing: test support for TOMIKO and the packages that read its events —
 * fast-check arbitraries of valid, invalid and any commands, and shared test data (`Fixtures`).
 * Not part of the main entry point.
 *
 * @since 0.1.0
 */

/** fast-check arbitraries of valid, invalid and any commands. */
export * as Arbitraries from "./Arbitraries.js"
/** Shared test data: a secondary network, its primaries, founders and fee, two listings' ids, and an ageing's buckets as expected. */
export * as Fixtures from "./Fixtures.js"
