/**
 * @jatim/testing: the adapter conformance suite, given/when/then decider specifications
 * and fast-check arbitraries, for this project and for teams that embed it.
 *
 * @since 0.1.0
 */

/** Arbitraries from Schemas; valid and invalid stream names. */
export * as Arbitraries from "./Arbitraries.js"
/** Given/when/then specifications of deciders. */
export * as DeciderSpecification from "./DeciderSpecification.js"
/** The adapter conformance suite. */
export * from "./EventStoreConformance.js"
/** The conformance suite of key stores of crypto-shredding (`PersonalDataKeys`). */
export * from "./PersonalDataKeysConformance.js"
/** Arbitrary event data and metadata, and the property that a store accepts them as the reference does. */
export * as EventPayloads from "./EventPayloads.js"
/** The model-based property test of the contract. */
export * from "./EventStoreModel.js"
/** A clock stopped at one instant. */
export * as FixedClock from "./FixedClock.js"
/** Properties of pure folds: batching does not matter, earlier states stay as they were. */
export * as Folds from "./Folds.js"
export * as Histories from "./Histories.js"
/** Builders of new events for store-level tests. */
export * as Fixtures from "./fixtures.js"
/** What a package's sources import, to test boundaries between packages. */
export * as SourceImports from "./SourceImports.js"
/** A tracer that records the spans it starts and their attributes. */
export * as RecordingTracer from "./RecordingTracer.js"
/** What tests of personal data share: classifications to compare, states to search, recorded events. */
export * as PersonalDataFixtures from "./PersonalDataFixtures.js"
/** The personal-data suite of a domain whose personal data is one field of one event type. */
export * from "./ErasureSuite.js"
