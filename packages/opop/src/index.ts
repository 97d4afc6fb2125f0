/**
 * @jatim/opop: OPOP (One Pesantren One Product) as event-sourced deciders — pesantren and
 * their one flagship, products through curation, certification and marketing, santripreneurs —
 * with pure read models. Test support (fast-check arbitraries) is the `@jatim/opop/testing`
 * subpath export.
 *
 * @since 0.1.0
 */

/** Who may issue which command. */
export * as Authorization from "./Authorization.js"
/** The scheduler that records certificate expiries at the start of every WIB day (a process). */
export * as CertificateExpiry from "./processes/CertificateExpiry.js"
/** Certificates, their validity, and the market rule for food and drink. */
export * as Certificate from "./Certificate.js"
/** Curation criteria, scores, grades and their thresholds. */
export * as Curation from "./Curation.js"
/** Certificates expiring in the next N days (read model). */
export * as ExpiringCertificates from "./readModels/ExpiringCertificates.js"
/** Flagship products by year against the program's targets, province-wide and per kabupaten/kota. */
export * as FlagshipTargets from "./readModels/FlagshipTargets.js"
/** What a flagship designation needs to know about the product, read from its stream only. */
export * as FlagshipCandidate from "./FlagshipCandidate.js"
/** What the live feed sends each actor of OPOP's events. */
export * as FeedPolicy from "./FeedPolicy.js"
/** Per-kabupaten/kota figures (read model). */
export * as KabupatenDashboard from "./readModels/KabupatenDashboard.js"
/** Marketing channels. */
export * as MarketChannel from "./MarketChannel.js"
/** Command handling on the `EventStore`: one function per aggregate's commands, and the ones that read other streams first. */
export * as Commands from "./Commands.js"
/** Every OPOP event, and their codec. */
export * as OpopEvent from "./OpopEvent.js"
/** The pesantren aggregate: state, decider, codec, stream names. */
export * as Pesantren from "./Pesantren.js"
/** Commands of the pesantren stream. */
export * as PesantrenCommand from "./PesantrenCommand.js"
/** What a product proposal needs to know about its pesantren, read from its stream only. */
export * as PesantrenStanding from "./PesantrenStanding.js"
/** The pesantren directory (read model). */
export * as PesantrenDirectory from "./readModels/PesantrenDirectory.js"
/** Errors of the pesantren stream. */
export * as PesantrenError from "./PesantrenError.js"
/** Events of the pesantren stream. */
export * as PesantrenEvent from "./PesantrenEvent.js"
/** The product aggregate: state, decider, codec, stream names. */
export * as Product from "./Product.js"
/** The product catalogue (read model). */
export * as ProductCatalogue from "./readModels/ProductCatalogue.js"
/** Product categories. */
export * as ProductCategory from "./ProductCategory.js"
/** Commands of the product stream. */
export * as ProductCommand from "./ProductCommand.js"
/** Errors of the product stream. */
export * as ProductError from "./ProductError.js"
/** Events of the product stream. */
export * as ProductEvent from "./ProductEvent.js"
/** Product ids. */
export * as ProductId from "./ProductId.js"
/** Product statuses. */
export * as ProductStatus from "./ProductStatus.js"
/** Santri ids. */
export * as SantriId from "./SantriId.js"
/** The santripreneur aggregate: state, decider, codec, stream names. */
export * as Santripreneur from "./Santripreneur.js"
/** Commands of the santripreneur stream. */
export * as SantripreneurCommand from "./SantripreneurCommand.js"
/** Errors of the santripreneur stream. */
export * as SantripreneurError from "./SantripreneurError.js"
/** Events of the santripreneur stream. */
export * as SantripreneurEvent from "./SantripreneurEvent.js"
/** The read models as in-memory projections. */
export * as Projections from "./readModels/Projections.js"
/** What other contexts may depend on: who makes a product and its pesantren's Kopontren. */
export * as Integration from "./integration.js"
/** The personal fields of the events, for crypto-shredding. */
export * as PersonalDataFields from "./PersonalDataFields.js"
