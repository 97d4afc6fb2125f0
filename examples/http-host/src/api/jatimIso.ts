/**
 * JATIM ISO over HTTP: UMKM onboarding commands (`jatimIso`, a token needed; through
 * `Commands`, which checks a Sijawara certificate against Sijawara's events); queries
 * (`jatimIsoQueries`, a token optional): a UMKM's progress (its owner and the Dinas), the funnel
 * (counts, public, also anonymously), stalled onboardings (the Dinas; an owner its own entry).
 */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Clock, Effect, Schema } from "effect"
import { type Actor, Identifier, Region } from "@jatim/kernel"
import { Commands, OnboardingFunnel, StalledOnboardings, Umkm, UmkmCommand, UmkmEvent } from "@jatim/jatim-iso"
import { Authentication, CurrentViewer, OptionalAuthentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { readModel } from "../readModels.js"
import {
  apiId,
  commandEndpoint,
  optionalBearer,
  queryGroupDescription,
  runCommand,
  summaryOrNotFound,
  visibleOrNotFound,
  withoutToken
} from "./common.js"
import { JsonBody } from "../jsonBody.js"

const Events = UmkmEvent.UmkmEvent
const nibParam = HttpApiSchema.param("nib", Identifier.Nib)

/** The JATIM ISO commands (a bearer token needed). */
export class JatimIsoApi extends HttpApiGroup.make("jatimIso")
  .add(commandEndpoint("registerUmkm", "/umkm/register", UmkmCommand.RegisterUmkm, Events))
  .add(commandEndpoint("verifyLegality", "/umkm/verify-legality", UmkmCommand.VerifyLegality, Events))
  .add(commandEndpoint("rejectLegality", "/umkm/reject-legality", UmkmCommand.RejectLegality, Events))
  .add(commandEndpoint("recordTraining", "/umkm/record-training", Commands.TrainingRequest, Events))
  .add(commandEndpoint("submitListing", "/umkm/submit-listing", UmkmCommand.SubmitListing, Events))
  .add(commandEndpoint("approveListing", "/umkm/approve-listing", UmkmCommand.ApproveListing, Events))
  .add(commandEndpoint("sendBackListing", "/umkm/send-back-listing", UmkmCommand.SendBackListing, Events))
  .add(commandEndpoint("openStorefront", "/umkm/open-storefront", UmkmCommand.OpenStorefront, Events))
  .add(commandEndpoint("completeOnboarding", "/umkm/complete-onboarding", UmkmCommand.CompleteOnboarding, Events))
  .add(commandEndpoint("withdrawUmkm", "/umkm/withdraw", UmkmCommand.WithdrawUmkm, Events))
  .addError(NotFound)
  .addError(StoreFailure)
  // Listed before Authentication so that it runs after it (a 401 comes before a body's 400 or 415).
  .middleware(JsonBody)
  .middleware(Authentication)
  .prefix("/jatim-iso") {}

/** The JATIM ISO queries (a bearer token optional: anonymous readers see the public views). */
export class JatimIsoQueriesApi extends HttpApiGroup.make("jatimIsoQueries")
  .add(
    HttpApiEndpoint.get("getUmkm")`/umkm/${nibParam}`
      .addSuccess(Umkm.Summary)
      .annotate(OpenApi.Description, withoutToken.private("A UMKM's onboarding.", "its owner and the Dinas"))
  )
  .add(
    HttpApiEndpoint.get("funnel", "/funnel")
      .setUrlParams(Schema.Struct({ region: Schema.optional(Region.RegionCode) }))
      .addSuccess(OnboardingFunnel.Funnel)
      .annotate(OpenApi.Description, withoutToken.public("The onboarding funnel (counts only)."))
  )
  .add(
    HttpApiEndpoint.get("stalled", "/stalled")
      .setUrlParams(
        Schema.Struct({
          days: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()), { default: () => 14 }),
          region: Schema.optional(Region.RegionCode)
        })
      )
      .addSuccess(Schema.Array(StalledOnboardings.Stalled))
      .annotate(OpenApi.Description, withoutToken.privateList("Stalled onboardings.", "the Dinas (all) and each owner (its own)"))
  )
  .annotateEndpoints(OpenApi.Transform, optionalBearer)
  .addError(NotFound)
  .addError(StoreFailure)
  .middleware(OptionalAuthentication)
  .prefix("/jatim-iso")
  .annotate(OpenApi.Description, queryGroupDescription("JATIM ISO")) {}

/** Runs the UMKM command `make` builds for the request's actor, on the UMKM's stream. */
const command = <C extends UmkmCommand.UmkmCommand>(
  endpoint: string,
  req: Parameters<typeof runCommand>[1],
  make: (actor: Actor.Actor) => C
) => runCommand(endpoint, req, (actor, options) => Commands.umkm(make(actor), options))

/** The JATIM ISO command handlers. */
export const JatimIsoLive = HttpApiBuilder.group(HttpApi.make(apiId).add(JatimIsoApi), "jatimIso", (handlers) =>
  handlers
    .handle("registerUmkm", (req) => command("registerUmkm", req, (actor) => new UmkmCommand.RegisterUmkm({ ...req.payload, actor })))
    .handle("verifyLegality", (req) => command("verifyLegality", req, (actor) => new UmkmCommand.VerifyLegality({ ...req.payload, actor })))
    .handle("rejectLegality", (req) => command("rejectLegality", req, (actor) => new UmkmCommand.RejectLegality({ ...req.payload, actor })))
    .handle("recordTraining", (req) =>
      runCommand("recordTraining", req, (actor, options) => Commands.recordTraining({ ...req.payload, actor }, options))
    )
    .handle("submitListing", (req) => command("submitListing", req, (actor) => new UmkmCommand.SubmitListing({ ...req.payload, actor })))
    .handle("approveListing", (req) => command("approveListing", req, (actor) => new UmkmCommand.ApproveListing({ ...req.payload, actor })))
    .handle("sendBackListing", (req) =>
      command("sendBackListing", req, (actor) => new UmkmCommand.SendBackListing({ ...req.payload, actor }))
    )
    .handle("openStorefront", (req) => command("openStorefront", req, (actor) => new UmkmCommand.OpenStorefront({ ...req.payload, actor })))
    .handle("completeOnboarding", (req) =>
      command("completeOnboarding", req, (actor) => new UmkmCommand.CompleteOnboarding({ ...req.payload, actor }))
    )
    .handle("withdrawUmkm", (req) => command("withdrawUmkm", req, (actor) => new UmkmCommand.WithdrawUmkm({ ...req.payload, actor })))
)

/** The JATIM ISO query handlers: what the request's viewer may see. */
export const JatimIsoQueriesLive = HttpApiBuilder.group(HttpApi.make(apiId).add(JatimIsoQueriesApi), "jatimIsoQueries", (handlers) =>
  handlers
    .handle("getUmkm", ({ path }) =>
      Effect.gen(function* () {
        // A UMKM the viewer may not see answers exactly as one that does not exist.
        const notFound = { rule: "UmkmNotRegistered", message: `No UMKM with NIB ${path.nib}.` }
        const summary = yield* summaryOrNotFound({
          codec: Umkm.codec,
          decider: Umkm.decider,
          streamName: Umkm.streamName(path.nib),
          summary: Umkm.summary,
          notFound
        })
        return yield* visibleOrNotFound(Umkm.visibleTo, summary, notFound)
      })
    )
    .handle("funnel", ({ urlParams }) =>
      Effect.gen(function* () {
        const state = yield* readModel((m) => m.jatimIso.onboardingFunnel)
        const funnel = OnboardingFunnel.funnel(state, urlParams.region)
        return yield* visibleOrNotFound(OnboardingFunnel.visibleTo, funnel, {
          rule: "FunnelNotVisible",
          message: "No onboarding funnel to show."
        })
      })
    )
    .handle("stalled", ({ urlParams }) =>
      Effect.gen(function* () {
        const viewer = yield* CurrentViewer
        const state = yield* readModel((m) => m.jatimIso.stalledOnboardings)
        const now = new Date(yield* Clock.currentTimeMillis)
        return StalledOnboardings.visible(
          viewer,
          StalledOnboardings.stalled(state, { now, days: urlParams.days, region: urlParams.region })
        )
      })
    )
)
