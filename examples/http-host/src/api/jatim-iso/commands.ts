/**
 * JATIM ISO's command endpoints (`/jatim-iso/…`, a bearer token needed), one row per endpoint:
 * each UMKM command is built from the payload and the token's actor and handled by
 * `Commands.umkm`; a training goes through `Commands.recordTraining`, which checks a Sijawara
 * certificate against Sijawara's events, a storefront through `Commands.openStorefront`, which
 * reads its marketplace from the marketplace registry's events; the registry's own commands (the
 * Dinas's) by `Commands.marketplaces`.
 */
import { Commands, MarketplaceCommand, MarketplaceEvent, UmkmCommand, UmkmEvent } from "@jatim/jatim-iso"
import * as CommandTable from "../CommandTable.js"

const umkm = CommandTable.aggregate(UmkmEvent.UmkmEvent, Commands.umkm)
const registry = CommandTable.aggregate(MarketplaceEvent.MarketplaceEvent, Commands.marketplaces)

/** The JATIM ISO command endpoints, by name. */
export const jatimIsoCommands = {
  registerUmkm: umkm.command("/umkm/register", UmkmCommand.RegisterUmkm),
  verifyLegality: umkm.command("/umkm/verify-legality", UmkmCommand.VerifyLegality),
  rejectLegality: umkm.command("/umkm/reject-legality", UmkmCommand.RejectLegality),
  recordTraining: umkm.request("/umkm/record-training", Commands.TrainingRequest, Commands.recordTraining),
  submitListing: umkm.command("/umkm/submit-listing", UmkmCommand.SubmitListing),
  approveListing: umkm.command("/umkm/approve-listing", UmkmCommand.ApproveListing),
  sendBackListing: umkm.command("/umkm/send-back-listing", UmkmCommand.SendBackListing),
  reviseListing: umkm.command("/umkm/revise-listing", UmkmCommand.ReviseListing),
  openStorefront: umkm.request("/umkm/open-storefront", Commands.StorefrontRequest, Commands.openStorefront),
  closeStorefront: umkm.command("/umkm/close-storefront", UmkmCommand.CloseStorefront),
  completeOnboarding: umkm.command("/umkm/complete-onboarding", UmkmCommand.CompleteOnboarding),
  withdrawUmkm: umkm.command("/umkm/withdraw", UmkmCommand.WithdrawUmkm),
  addMarketplace: registry.command("/marketplaces/add", MarketplaceCommand.AddMarketplace),
  retireMarketplace: registry.command("/marketplaces/retire", MarketplaceCommand.RetireMarketplace)
}
