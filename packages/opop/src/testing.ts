/**
 * @jatim/opop/testing: test support for OPOP and the contexts that read its events —
 * fast-check arbitraries of valid commands, onboarding prefixes, any commands, invalid command
 * inputs and random steps, and shared test data (`Fixtures`). Not part of the main entry point.
 *
 * @since 0.1.0
 */

/** fast-check arbitraries of valid commands, any commands and invalid command inputs. */
export * as Arbitraries from "./Arbitraries.js"
/** Shared test data: pesantren, actors, curation scores, and the facts read from streams. */
export * as Fixtures from "./Fixtures.js"
