/**
 * OPOP's command endpoints (`/opop/…`, a bearer token needed), one row per endpoint: each
 * pesantren and product command is built from the payload and the token's actor and handled by
 * `Commands.pesantren` or `Commands.product`; designating a flagship and proposing a product go
 * through the `Commands` functions that read the product's grade or the pesantren's standing
 * first (adr/0014).
 */
import {
  Commands,
  PesantrenCommand,
  PesantrenEvent,
  ProductCommand,
  ProductEvent,
  SantripreneurCommand,
  SantripreneurEvent
} from "@jatim/opop"
import * as CommandTable from "../CommandTable.js"

const pesantren = CommandTable.aggregate(PesantrenEvent.PesantrenEvent, Commands.pesantren)
const product = CommandTable.aggregate(ProductEvent.ProductEvent, Commands.product)
const santripreneur = CommandTable.aggregate(SantripreneurEvent.SantripreneurEvent, Commands.santripreneur)

/** The OPOP command endpoints, by name. */
export const opopCommands = {
  registerPesantren: pesantren.command("/pesantren/register", PesantrenCommand.RegisterPesantren),
  linkKopontren: pesantren.command("/pesantren/link-kopontren", PesantrenCommand.LinkKopontren),
  replaceKopontren: pesantren.command("/pesantren/replace-kopontren", PesantrenCommand.ReplaceKopontren),
  verifyPesantren: pesantren.command("/pesantren/verify", PesantrenCommand.VerifyPesantren),
  suspendPesantren: pesantren.command("/pesantren/suspend", PesantrenCommand.SuspendPesantren),
  reinstatePesantren: pesantren.command("/pesantren/reinstate", PesantrenCommand.ReinstatePesantren),
  retireFlagship: pesantren.command("/pesantren/retire-flagship", PesantrenCommand.RetireFlagship),
  designateFlagship: pesantren.request("/pesantren/designate-flagship", Commands.DesignationRequest, Commands.designateFlagship),
  proposeProduct: product.request("/products/propose", Commands.ProposalRequest, Commands.proposeProduct),
  submitProductForCuration: product.command("/products/submit-for-curation", ProductCommand.SubmitProductForCuration),
  scoreProduct: product.command("/products/score", ProductCommand.ScoreProduct),
  addCertificate: product.command("/products/add-certificate", ProductCommand.AddCertificate),
  revokeCertificate: product.command("/products/revoke-certificate", ProductCommand.RevokeCertificate),
  marketProduct: product.command("/products/market", ProductCommand.MarketProduct),
  withdrawProductFromMarket: product.command("/products/withdraw", ProductCommand.WithdrawProductFromMarket),
  repriceProduct: product.command("/products/reprice", ProductCommand.RepriceProduct),
  changeMonthlyCapacity: product.command("/products/change-capacity", ProductCommand.ChangeMonthlyCapacity),
  enrollSantripreneur: santripreneur.command("/santri/enroll", SantripreneurCommand.EnrollSantripreneur),
  recordSantriTraining: santripreneur.command("/santri/record-training", SantripreneurCommand.RecordTraining),
  startSantriVenture: santripreneur.command("/santri/start-venture", SantripreneurCommand.StartVenture),
  graduateSantripreneur: santripreneur.command("/santri/graduate", SantripreneurCommand.GraduateSantripreneur)
}
