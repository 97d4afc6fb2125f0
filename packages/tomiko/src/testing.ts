/**
 * @jatim/tomiko/testing: test support for TOMIKO — fast-check arbitraries of valid, invalid and
 * any commands. Not part of the main entry point.
 *
 * @since 0.1.0
 */

/** fast-check arbitraries of valid, invalid and any commands. */
export * as Arbitraries from "./Arbitraries.js"
