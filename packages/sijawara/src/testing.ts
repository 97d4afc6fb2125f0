/**
 * Test support for Sijawara, the `@jatim/sijawara/testing` subpath export: fast-check
 * arbitraries of valid and invalid commands, events and the facts Sijawara reads from its
 * streams, and `hasAnswers`, which finds a quiz's answers in what a view or a response shows. Kept out of the main entry point, so that production code never depends on it.
 *
 * @since 0.1.0
 */

/** fast-check arbitraries of valid and invalid commands. */
export * as Arbitraries from "./Arbitraries.js"

/**
 * Whether any object in `json` has a property named `answer` or `answerKey`: a quiz's answers,
 * which never leave Sijawara (a test of a view, a feed or a response checks it has none).
 */
export const hasAnswers = (json: unknown): boolean =>
  Array.isArray(json)
    ? json.some(hasAnswers)
    : typeof json === "object" && json !== null
      ? Object.entries(json).some(([key, value]) => key === "answer" || key === "answerKey" || hasAnswers(value))
      : false
