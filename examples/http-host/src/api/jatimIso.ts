/** JATIM ISO over HTTP: UMKM onboarding commands; a UMKM's progress, the funnel, stalled onboardings. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Effect, Schema } from "effect"
import { type Actor, Identifier, Region } from "@jatim/kernel"
import {
  OnboardingFunnel,
  StalledOnboardings,
  TrainingFromSijawara,
  Umkm,
  UmkmCommand,
  UmkmEvent
} from "@jatim/jatim-iso"
import { Authentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { readModel } from "../readModels.js"
import { apiId, commandEndpoint, handleOptions, runCommand, summaryOrNotFound } from "./common.js"

/** The UMKM command handler (the one the Sijawara process manager uses too). */
const umkm = TrainingFromSijawara.defaultHandler

const Events = UmkmEvent.UmkmEvent
const nibParam = HttpApiSchema.param("nib", Identifier.Nib)

/** The JATIM ISO endpoints. */
export class JatimIsoApi extends HttpApiGroup.make("jatimIso")
  .add(commandEndpoint("registerUmkm", "/umkm/register", UmkmCommand.RegisterUmkm, Events))
  .add(commandEndpoint("verifyLegality", "/umkm/verify-legality", UmkmCommand.VerifyLegality, Events))
  .add(commandEndpoint("rejectLegality", "/umkm/reject-legality", UmkmCommand.RejectLegality, Events))
  .add(commandEndpoint("recordTraining", "/umkm/record-training", UmkmCommand.RecordTraining, Events))
  .add(commandEndpoint("submitListing", "/umkm/submit-listing", UmkmCommand.SubmitListing, Events))
  .add(commandEndpoint("approveListing", "/umkm/approve-listing", UmkmCommand.ApproveListing, Events))
  .add(commandEndpoint("sendBackListing", "/umkm/send-back-listing", UmkmCommand.SendBackListing, Events))
  .add(commandEndpoint("openStorefront", "/umkm/open-storefront", UmkmCommand.OpenStorefront, Events))
  .add(commandEndpoint("completeOnboarding", "/umkm/complete-onboarding", UmkmCommand.CompleteOnboarding, Events))
  .add(commandEndpoint("withdrawUmkm", "/umkm/withdraw", UmkmCommand.WithdrawUmkm, Events))
  .add(HttpApiEndpoint.get("getUmkm")`/umkm/${nibParam}`.addSuccess(Umkm.Summary))
  .add(
    HttpApiEndpoint.get("funnel", "/funnel")
      .setUrlParams(Schema.Struct({ region: Schema.optional(Region.RegionCode) }))
      .addSuccess(OnboardingFunnel.Funnel)
  )
  .add(
    HttpApiEndpoint.get("stalled", "/stalled")
      .setUrlParams(Schema.Struct({
        days: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()), { default: () => 14 }),
        region: Schema.optional(Region.RegionCode)
      }))
      .addSuccess(Schema.Array(StalledOnboardings.Stalled))
  )
  .addError(NotFound)
  .addError(StoreFailure)
  .middleware(Authentication)
  .prefix("/jatim-iso")
{}

/** Runs the UMKM command `make` builds for the request's actor, on the UMKM's stream. */
const command = <C extends UmkmCommand.UmkmCommand>(endpoint: string, req: Parameters<typeof runCommand>[1], make: (actor: Actor.Actor) => C) =>
  runCommand(endpoint, req, (actor, options) => {
    const c = make(actor)
    return umkm(Umkm.streamName(c.nib), c, handleOptions(actor, options))
  })

/** The JATIM ISO handlers. */
export const JatimIsoLive = HttpApiBuilder.group(HttpApi.make(apiId).add(JatimIsoApi), "jatimIso", (handlers) =>
  handlers
    .handle("registerUmkm", (req) => command("registerUmkm", req, (actor) => new UmkmCommand.RegisterUmkm({ ...req.payload, actor })))
    .handle("verifyLegality", (req) => command("verifyLegality", req, (actor) => new UmkmCommand.VerifyLegality({ ...req.payload, actor })))
    .handle("rejectLegality", (req) => command("rejectLegality", req, (actor) => new UmkmCommand.RejectLegality({ ...req.payload, actor })))
    .handle("recordTraining", (req) => command("recordTraining", req, (actor) => new UmkmCommand.RecordTraining({ ...req.payload, actor })))
    .handle("submitListing", (req) => command("submitListing", req, (actor) => new UmkmCommand.SubmitListing({ ...req.payload, actor })))
    .handle("approveListing", (req) => command("approveListing", req, (actor) => new UmkmCommand.ApproveListing({ ...req.payload, actor })))
    .handle("sendBackListing", (req) => command("sendBackListing", req, (actor) => new UmkmCommand.SendBackListing({ ...req.payload, actor })))
    .handle("openStorefront", (req) => command("openStorefront", req, (actor) => new UmkmCommand.OpenStorefront({ ...req.payload, actor })))
    .handle("completeOnboarding", (req) =>
      command("completeOnboarding", req, (actor) => new UmkmCommand.CompleteOnboarding({ ...req.payload, actor })))
    .handle("withdrawUmkm", (req) => command("withdrawUmkm", req, (actor) => new UmkmCommand.WithdrawUmkm({ ...req.payload, actor })))
    .handle("getUmkm", ({ path }) =>
      summaryOrNotFound({
        codec: Umkm.codec,
        decider: Umkm.decider,
        streamName: Umkm.streamName(path.nib),
        summary: Umkm.summary,
        notFound: { rule: "UmkmNotRegistered", message: `No UMKM with NIB ${path.nib}.` }
      }))
    .handle("funnel", ({ urlParams }) =>
      Effect.map(readModel((m) => m.jatimIso.onboardingFunnel), (state) => OnboardingFunnel.funnel(state, urlParams.region)))
    .handle("stalled", ({ urlParams }) =>
      Effect.map(readModel((m) => m.jatimIso.stalledOnboardings), (state) =>
        StalledOnboardings.stalled(state, { now: new Date(), days: urlParams.days, region: urlParams.region })))
)
