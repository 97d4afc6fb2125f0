/**
 * @jatim/jatim-iso: JATIM ISO ("Jatim bisa"), East Java's onboarding of UMKM into e-commerce —
 * the UMKM decider (registration, legality, trainings, product listings, marketplace
 * storefronts, onboarding, withdrawal), the process manager that records Sijawara course
 * completions as trainings, and the onboarding read models. Test support (fast-check
 * arbitraries) is the `@jatim/jatim-iso/testing` subpath export.
 *
 * @since 0.1.0
 */

/** Command handling: each command on its UMKM's stream; trainings checked against Sijawara's events. */
export * as Commands from "./Commands.js"
/** The live feed's rule for UMKM events: the UMKM's owner and the Dinas. */
export * as FeedPolicy from "./FeedPolicy.js"
/** Product listings: ids, details, the packaging checklist and the listing rules. */
export * as Listing from "./Listing.js"
/** Marketplace codes and domains, the 2019 partners, and storefront addresses. */
export * as Marketplace from "./Marketplace.js"
/** Marketplace registry commands. */
export * as MarketplaceCommand from "./MarketplaceCommand.js"
/** The marketplace registry's errors. */
export * from "./MarketplaceError.js"
/** Marketplace registry events. */
export * as MarketplaceEvent from "./MarketplaceEvent.js"
/** The marketplace registry: the marketplaces storefronts may open on, kept by the Dinas. */
export * as MarketplaceRegistry from "./MarketplaceRegistry.js"
/** Read model: the onboarding funnel per stage and kabupaten/kota. */
export * as OnboardingFunnel from "./readModels/OnboardingFunnel.js"
/** The fold the onboarding read models share. */
export * as OnboardingProgress from "./readModels/OnboardingProgress.js"
/** The read models as in-memory projections. */
export * as Projections from "./readModels/Projections.js"
/** Onboarding requirements and funnel stages. */
export * as Requirement from "./Requirement.js"
/** UMKM scales. */
export * as Scale from "./Scale.js"
/** UMKM sectors. */
export * as Sector from "./Sector.js"
/** Sijawara's published completions, as JATIM ISO reads them. */
export * as SijawaraCompletion from "./SijawaraCompletion.js"
/** Read model: stalled onboardings. */
export * as StalledOnboardings from "./readModels/StalledOnboardings.js"
/** Read model: time to onboard. */
export * as TimeToOnboard from "./readModels/TimeToOnboard.js"
/** Trainings and where they came from. */
export * as Training from "./Training.js"
/** The process manager: Sijawara completions to trainings. */
export * as TrainingFromSijawara from "./processes/TrainingFromSijawara.js"
/** The UMKM decider. */
export * as Umkm from "./Umkm.js"
/** UMKM commands. */
export * as UmkmCommand from "./UmkmCommand.js"
/** The UMKM errors and their union `UmkmError`. */
export * from "./UmkmError.js"
/** UMKM events. */
export * as UmkmEvent from "./UmkmEvent.js"
/** Sijawara completions read from Sijawara's events, the only ground of a Sijawara training. */
export * as VerifiedCompletion from "./VerifiedCompletion.js"
/** Active marketplaces read from the registry's events, the only ground of a storefront. */
export * as VerifiedMarketplace from "./VerifiedMarketplace.js"
/** The personal fields of the events, for crypto-shredding. */
export * as PersonalDataFields from "./PersonalDataFields.js"
