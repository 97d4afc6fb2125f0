/**
 * Test support for Sijawara, the `@jatim/sijawara/testing` subpath export: fast-check
 * arbitraries of valid and invalid commands, events and the facts Sijawara reads from its
 * streams. Kept out of the main entry point, so that production code never depends on it.
 *
 * @since 0.1.0
 */

/** fast-check arbitraries of valid and invalid commands. */
export * as Arbitraries from "./Arbitraries.js"
