/** JATIM ISO over HTTP: UMKM onboarding commands; a UMKM's progress, the funnel, stalled onboardings. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { type CommandHandler, TypedEventStore } from "@jatim/eventstore"
import { Actor, Identifier, Region } from "@jatim/kernel"
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
import { ReadModels } from "../readModels.js"
import { commandEndpoint, runCommand } from "./common.js"

/** The UMKM command handler (the one the Sijawara process manager uses too). */
const umkm = TrainingFromSijawara.defaultHandler

const options = (actor: Actor.Actor, rest: Omit<CommandHandler.HandleOptions, "actor">): CommandHandler.HandleOptions => ({
  ...rest,
  actor: Actor.toActorRef(actor)
})

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

const command = <C extends UmkmCommand.UmkmCommand>(endpoint: string, req: Parameters<typeof runCommand>[1], make: (actor: Actor.Actor) => C) =>
  runCommand(endpoint, req, (actor, rest) => {
    const c = make(actor)
    return umkm(Umkm.streamName(c.nib), c, options(actor, rest))
  })

/** The JATIM ISO handlers. */
export const JatimIsoLive = HttpApiBuilder.group(HttpApi.make("jatim").add(JatimIsoApi), "jatimIso", (handlers) =>
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
      Effect.gen(function*() {
        const store = yield* TypedEventStore.make(Umkm.codec)
        const { state } = yield* store.aggregateStream(Umkm.streamName(path.nib), Umkm.decider).pipe(
          Effect.mapError((error) => new StoreFailure({ rule: error._tag, message: error.message }))
        )
        const summary = Umkm.summary(state)
        if (Option.isNone(summary)) {
          return yield* new NotFound({ rule: "UmkmNotRegistered", message: `No UMKM with NIB ${path.nib}.` })
        }
        return summary.value
      }))
    .handle("funnel", ({ urlParams }) =>
      Effect.flatMap(ReadModels, (models) =>
        Effect.map(models.read(models.jatimIso.onboardingFunnel), (state) => OnboardingFunnel.funnel(state, urlParams.region))))
    .handle("stalled", ({ urlParams }) =>
      Effect.flatMap(ReadModels, (models) =>
        Effect.map(models.read(models.jatimIso.stalledOnboardings), (state) =>
          StalledOnboardings.stalled(state, { now: new Date(), days: urlParams.days, region: urlParams.region }))))
)
