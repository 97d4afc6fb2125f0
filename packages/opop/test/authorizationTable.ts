/** The authorization table of adr/0010, written out independently of the code it checks. */
import type { Actor, Identifier } from "@jatim/kernel"
import type { Authorization } from "../src/index.js"

type Who = "DINAS" | "CURATOR" | "OWN_ADMIN"

export const documented: Record<Authorization.CommandTag, ReadonlyArray<Who>> = {
  RegisterPesantren: ["OWN_ADMIN", "DINAS"],
  LinkKopontren: ["OWN_ADMIN", "DINAS"],
  VerifyPesantren: ["DINAS"],
  SuspendPesantren: ["DINAS"],
  ReinstatePesantren: ["DINAS"],
  DesignateFlagship: ["OWN_ADMIN"],
  RetireFlagship: ["OWN_ADMIN", "DINAS"],
  ProposeProduct: ["OWN_ADMIN"],
  SubmitProductForCuration: ["OWN_ADMIN"],
  ScoreProduct: ["CURATOR"],
  AddCertificate: ["OWN_ADMIN", "DINAS"],
  RevokeCertificate: ["DINAS"],
  ExpireCertificates: ["DINAS"],
  MarketProduct: ["OWN_ADMIN", "DINAS"],
  WithdrawProductFromMarket: ["OWN_ADMIN", "DINAS"],
  ReplaceKopontren: ["DINAS"],
  RepriceProduct: ["OWN_ADMIN"],
  ChangeMonthlyCapacity: ["OWN_ADMIN"],
  EnrollSantripreneur: ["OWN_ADMIN"],
  RecordTraining: ["OWN_ADMIN", "DINAS"],
  StartVenture: ["OWN_ADMIN"],
  GraduateSantripreneur: ["OWN_ADMIN", "DINAS"]
}

/** Whether the documented table lets `actor` issue `tag` for the pesantren `owner`. */
export const documentedAllows = (tag: Authorization.CommandTag, actor: Actor.Actor, owner: Identifier.Nspp): boolean =>
  documented[tag].some((who) =>
    who === "DINAS"
      ? actor._tag === "DINAS_OFFICER"
      : who === "CURATOR"
        ? actor._tag === "CURATOR"
        : actor._tag === "PESANTREN_ADMIN" && actor.nspp === owner
  )
