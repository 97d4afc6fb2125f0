/**
 * Test support for JATIM ISO, the `@jatim/jatim-iso/testing` subpath export: fast-check
 * arbitraries of valid and invalid UMKM commands, events and onboarding paths. Kept out of the
 * main entry point, so that production code never depends on it.
 *
 * @since 0.1.0
 */

/** fast-check arbitraries of valid and invalid commands. */
export * as Arbitraries from "./Arbitraries.js"
