/**
 * JATIM ISO's command endpoints (`/jatim-iso/…`, a bearer token needed), one row per endpoint:
 * each UMKM command is built from the payload and the token's actor and handled by
 * `Commands.umkm`; a training goes through `Commands.recordTraining`, which checks a Sijawara
 * certificate against Sijawara's events.
 */
import { Commands, UmkmCommand, UmkmEvent } from "@jatim/jatim-iso"
import * as CommandTable from "../CommandTable.js"

const umkm = CommandTable.aggregate(UmkmEvent.UmkmEvent, Commands.umkm)

/** The JATIM ISO command endpoints, by name. */
export const jatimIsoCommands = {
  registerUmkm: umkm.command("/umkm/register", UmkmCommand.RegisterUmkm),
  verifyLegality: umkm.command("/umkm/verify-legality", UmkmCommand.VerifyLegality),
  rejectLegality: umkm.command("/umkm/reject-legality", UmkmCommand.RejectLegality),
  recordTraining: umkm.request("/umkm/record-training", Commands.TrainingRequest, Commands.recordTraining),
  submitListing: umkm.command("/umkm/submit-listing", UmkmCommand.SubmitListing),
  approveListing: umkm.command("/umkm/approve-listing", UmkmCommand.ApproveListing),
  sendBackListing: umkm.command("/umkm/send-back-listing", UmkmCommand.SendBackListing),
  openStorefront: umkm.command("/umkm/open-storefront", UmkmCommand.OpenStorefront),
  completeOnboarding: umkm.command("/umkm/complete-onboarding", UmkmCommand.CompleteOnboarding),
  withdrawUmkm: umkm.command("/umkm/withdraw", UmkmCommand.WithdrawUmkm)
}
