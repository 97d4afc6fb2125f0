/**
 * Command handling for JATIM ISO on the `EventStore` of the context (any adapter): each command
 * goes to its UMKM's stream (`umkm-<nib>`), with its actor in the events' metadata. The handler
 * loads the stream, decides, appends with the version it loaded (`Exact(n)`) and decides again on
 * a conflict.
 *
 * `recordTraining` is how a training someone asks for is recorded: a workshop as it is; a Sijawara
 * certificate only once Sijawara's published events confirm it (`VerifiedCompletion.find`), so
 * that what the decider gets is Sijawara's completion, never the caller's claim. Likewise
 * `openStorefront` opens a storefront on the marketplace the registry holds as active
 * (`VerifiedMarketplace.read`), never on the caller's word; `marketplaces` handles the registry's
 * commands (Dinas officers only) on its one stream.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { Aggregate, type CommandHandler, type EventStore } from "@jatim/eventstore"
import { Actor, Identifier } from "@jatim/kernel"
import { MarketplaceNotActive } from "./MarketplaceError.js"
import { Marketplace } from "./Marketplace.js"
import * as MarketplaceRegistry from "./MarketplaceRegistry.js"
import { CertificateNotIssued } from "./UmkmError.js"
import * as Training from "./Training.js"
import * as Umkm from "./Umkm.js"
import { OpenStorefront, RecordSijawaraTraining, RecordTraining, StorefrontUrl } from "./UmkmCommand.js"
import type { UmkmEvent } from "./UmkmEvent.js"
import * as VerifiedCompletion from "./VerifiedCompletion.js"
import * as VerifiedMarketplace from "./VerifiedMarketplace.js"

/** Options of a command: correlation, causation, and optionally the version the caller saw. */
export type CommandOptions = CommandHandler.CommandOptions

/** What handling a command returns. */
export type Result = CommandHandler.HandleResult<UmkmEvent, Umkm.State>

/** What the event store can fail with while a command is handled. */
export type StoreError = CommandHandler.StoreError

/**
 * `umkm` handles a UMKM command on `umkm-<nib>`, its actor in the events' metadata; `handler` on
 * the stream the caller names (the process manager's).
 */
export const { handle: umkm, handler } = Aggregate.commands(Umkm, Actor.refOfCommand)

/**
 * Schema of a training someone asks to record: which UMKM, which training, and where it came
 * from — a workshop, or a Sijawara certificate (its number, learner and course), which is only a
 * claim until Sijawara's events confirm it.
 */
export const TrainingRequest = Schema.Struct({
  actor: Actor.Actor,
  nib: Identifier.Nib,
  training: Training.TrainingType,
  source: Training.TrainingSource
}).annotations({ identifier: "TrainingRequest" })

/** A training someone asks to record. */
export interface TrainingRequest extends Schema.Schema.Type<typeof TrainingRequest> {}

/** Every error `recordTraining` may fail with. */
export type RecordTrainingError = Umkm.UmkmError | CertificateNotIssued | StoreError

/**
 * Records a training. A workshop is decided as it is (`RecordTraining`). A Sijawara certificate is
 * first checked against who may present it (a Dinas officer, or the learner it names: before
 * anything about the certificate is looked up), then looked up in Sijawara's events
 * (`CertificateNotIssued` when Sijawara issued no such certificate to that learner for that
 * course), and the completion found is decided (`RecordSijawaraTraining`): its topic must be the
 * training and its learner must have been linked to the UMKM at completion.
 */
export const recordTraining = (
  request: TrainingRequest,
  options?: CommandOptions
): Effect.Effect<Result, RecordTrainingError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { actor, nib, source, training } = request
    if (source._tag === "WORKSHOP") return yield* umkm(new RecordTraining({ actor, nib, training, source }), options)
    const claim = { certificateNumber: source.certificateNumber, learnerId: source.learnerId, courseId: source.courseId }
    yield* Umkm.authorizeCertificate(actor, nib, training, claim.learnerId)
    const completion = yield* VerifiedCompletion.find(claim)
    if (Option.isNone(completion)) return yield* new CertificateNotIssued(claim)
    return yield* umkm(new RecordSijawaraTraining({ actor, nib, training, completion: completion.value }), options)
  })

/** `marketplaces` handles a marketplace registry command on the registry's one stream, its actor in the events' metadata. */
export const { handle: marketplaces } = Aggregate.commands(MarketplaceRegistry, Actor.refOfCommand)

/** Schema of a storefront someone asks to open: which UMKM, on which marketplace (by its code in the registry), at which address. */
export const StorefrontRequest = Schema.Struct({
  actor: Actor.Actor,
  nib: Identifier.Nib,
  marketplace: Marketplace,
  url: StorefrontUrl
}).annotations({ identifier: "StorefrontRequest" })

/** A storefront someone asks to open. */
export interface StorefrontRequest extends Schema.Schema.Type<typeof StorefrontRequest> {}

/** Every error `openStorefront` may fail with. */
export type OpenStorefrontError = Umkm.UmkmError | MarketplaceNotActive | StoreError

/**
 * Opens a storefront. Who may open one is checked first (the UMKM's owner or a Dinas officer),
 * then the marketplace is looked up in the registry's events (`MarketplaceNotActive` when it is
 * unknown or retired), and the storefront is decided on the marketplace found (`OpenStorefront`):
 * its address must be on that marketplace's domain.
 */
export const openStorefront = (
  request: StorefrontRequest,
  options?: CommandOptions
): Effect.Effect<Result, OpenStorefrontError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { actor, nib, url } = request
    yield* Umkm.authorizeStorefront(actor, nib, request.marketplace)
    const found = yield* VerifiedMarketplace.read(request.marketplace)
    if (found._tag !== "Active") {
      return yield* new MarketplaceNotActive({
        nib,
        marketplace: request.marketplace,
        status: found._tag === "Retired" ? "RETIRED" : "UNKNOWN"
      })
    }
    return yield* umkm(new OpenStorefront({ actor, nib, marketplace: found.marketplace, url }), options)
  })
