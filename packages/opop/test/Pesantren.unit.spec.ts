import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import { Actor } from "@jatim/kernel"
import { Decider } from "@jatim/eventstore"
import { DeciderSpecification } from "@jatim/testing"
import { FlagshipCandidate, Pesantren, PesantrenCommand, PesantrenError, PesantrenEvent } from "../src/index.js"
import {
  admin,
  batik,
  candidate,
  curator,
  date,
  designated,
  dinas,
  everyone,
  keripik,
  kopi,
  koperasiAdmin,
  linked,
  nik,
  now,
  today,
  nspp,
  otherAdmin,
  otherNik,
  otherNspp,
  registered,
  verified,
  tebuireng,
  verifiedPesantren
} from "./fixtures.js"

const spec = DeciderSpecification.for(Pesantren.decider)

const register = (actor: Actor.Actor) => new PesantrenCommand.RegisterPesantren({ actor, ...tebuireng })

const designate = (
  productId: typeof keripik,
  options: {
    actor?: Actor.Actor
    retiring?: typeof keripik
    grade?: "PEMULA" | "BERKEMBANG" | "UNGGULAN" | undefined
    owner?: typeof nspp
  } = {}
) =>
  new PesantrenCommand.DesignateFlagship({
    actor: options.actor ?? admin,
    nspp,
    candidate: candidate(productId, "grade" in options ? (options.grade ?? null) : "BERKEMBANG", options.owner ?? nspp),
    retiring: options.retiring
  })

const suspended = new PesantrenEvent.PesantrenSuspended({ nspp, reason: "laporan keuangan belum diserahkan" })

describe("Pesantren: registration", () => {
  it("the pesantren's own admin registers it with name, kabupaten/kota, pengasuh and santri count", () => {
    spec.given([]).when(register(admin)).then([registered])
  })

  it("a Dinas officer may register it too", () => {
    spec.given([]).when(register(dinas)).then([registered])
  })

  it("anyone else is refused with ActorNotAuthorized naming the rule", () => {
    spec
      .given([])
      .when(register(otherAdmin))
      .then(
        new Actor.ActorNotAuthorized({
          actor: otherAdmin,
          action: "register a pesantren",
          rule: `a pesantren is registered by the pesantren's own admin (PESANTREN_ADMIN ${nspp}) or by a Dinas officer`
        })
      )
    for (const actor of [curator, koperasiAdmin]) spec.given([]).when(register(actor)).thenFailsWith("ActorNotAuthorized")
  })

  it("an NSPP is registered once", () => {
    spec
      .given([registered])
      .when(register(admin))
      .then(new PesantrenError.PesantrenAlreadyRegistered({ nspp, name: "Pondok Pesantren Tebuireng" }))
  })
})

describe("Pesantren: Kopontren", () => {
  const link = (actor: Actor.Actor, cooperative = nik) => new PesantrenCommand.LinkKopontren({ actor, nspp, nik: cooperative })

  it("is linked by NIK Koperasi, by the admin or a Dinas officer", () => {
    spec.given([registered]).when(link(admin)).then([linked])
    spec.given([registered]).when(link(dinas)).then([linked])
    spec.given([registered]).when(link(curator)).thenFailsWith("ActorNotAuthorized")
  })

  it("needs a registered pesantren", () => {
    spec
      .given([])
      .when(link(admin))
      .then(new PesantrenError.PesantrenNotRegistered({ nspp, action: "link its Kopontren" }))
  })

  it("linking the same cooperative again changes nothing; another one is refused", () => {
    spec.given([registered, linked]).when(link(admin)).then([])
    spec
      .given([registered, linked])
      .when(link(admin, otherNik))
      .then(new PesantrenError.KopontrenAlreadyLinked({ nspp, linked: nik, requested: otherNik }))
  })
})

describe("Pesantren: verification by the Dinas", () => {
  const verify = (actor: Actor.Actor) => new PesantrenCommand.VerifyPesantren({ actor, nspp })

  it("a Dinas officer verifies a registered pesantren with a Kopontren, dated by the Clock in WIB", () => {
    // 31 May 2024, 18:00 UTC is already 1 June, 01:00 in Jawa Timur.
    spec
      .given([registered, linked])
      .at("2024-05-31T18:00:00Z")
      .when(verify(dinas))
      .then([new PesantrenEvent.PesantrenVerified({ nspp, verifiedOn: date("2024-06-01") })])
  })

  it("only Dinas officers verify pesantren", () => {
    const error = spec.given([registered, linked]).when(verify(admin)).thenFailsWith("ActorNotAuthorized")
    expect(error.message).toBe(`PESANTREN_ADMIN ${nspp} may not verify a pesantren: only Dinas officers verify pesantren.`)
    for (const actor of everyone.filter((a) => a._tag !== "DINAS_OFFICER")) {
      spec.given([registered, linked]).when(verify(actor)).thenFailsWith("ActorNotAuthorized")
    }
  })

  it("registration needs a registered cooperative: no verification before the Kopontren is linked", () => {
    const error = spec.given([registered]).when(verify(dinas)).thenFailsWith("KopontrenNotLinked")
    expect(error.message).toMatch(/needs a registered cooperative/)
  })

  it("a pesantren is verified once, and not while suspended", () => {
    spec.given(verifiedPesantren).when(verify(dinas)).thenFailsWith("PesantrenAlreadyVerified")
    spec.given([registered, linked, suspended]).when(verify(dinas)).thenFailsWith("PesantrenUnderSuspension")
    spec.given([]).when(verify(dinas)).thenFailsWith("PesantrenNotRegistered")
  })
})

describe("Pesantren: suspension", () => {
  const suspend = (actor: Actor.Actor) =>
    new PesantrenCommand.SuspendPesantren({ actor, nspp, reason: "laporan keuangan belum diserahkan" })
  const reinstate = (actor: Actor.Actor) => new PesantrenCommand.ReinstatePesantren({ actor, nspp })

  it("a Dinas officer suspends and reinstates", () => {
    spec.given(verifiedPesantren).when(suspend(dinas)).then([suspended])
    spec
      .given([...verifiedPesantren, suspended])
      .when(reinstate(dinas))
      .then([new PesantrenEvent.PesantrenReinstated({ nspp })])
  })

  it("only Dinas officers suspend and reinstate pesantren", () => {
    for (const actor of [admin, otherAdmin, curator, koperasiAdmin]) {
      spec.given(verifiedPesantren).when(suspend(actor)).thenFailsWith("ActorNotAuthorized")
      spec
        .given([...verifiedPesantren, suspended])
        .when(reinstate(actor))
        .thenFailsWith("ActorNotAuthorized")
    }
  })

  it("a suspended pesantren is not suspended again; one that is not suspended is not reinstated", () => {
    spec
      .given([...verifiedPesantren, suspended])
      .when(suspend(dinas))
      .thenFailsWith("PesantrenUnderSuspension")
    spec.given(verifiedPesantren).when(reinstate(dinas)).then(new PesantrenError.PesantrenNotSuspended({ nspp }))
  })
})

describe("Pesantren: One Pesantren One Product", () => {
  it("the admin designates a curated, market-ready product of the pesantren as its flagship", () => {
    spec
      .given(verifiedPesantren)
      .at(now)
      .when(designate(keripik))
      .then([designated(keripik)])
  })

  it("a new designation retires the active flagship in the same decision", () => {
    spec
      .given([...verifiedPesantren, designated(keripik)])
      .at(now)
      .when(designate(batik, { retiring: keripik, grade: "UNGGULAN" }))
      .then([
        new PesantrenEvent.FlagshipRetired({ nspp, productId: keripik, reason: "replaced by batik-tulis" }),
        designated(batik, "UNGGULAN")
      ])
  })

  it("a designation that does not name the active flagship as the one it retires is refused", () => {
    spec
      .given([...verifiedPesantren, designated(keripik)])
      .at(now)
      .when(designate(batik))
      .then(new PesantrenError.FlagshipDesignationOutdated({ nspp, productId: batik, retiring: undefined, active: keripik }))
    const error = spec
      .given([...verifiedPesantren, designated(keripik)])
      .at(now)
      .when(designate(batik, { retiring: kopi }))
      .thenFailsWith("FlagshipDesignationOutdated")
    expect(error.message).toMatch(/^One Pesantren One Product: pesantren 510035170001 has at most one active flagship/)
    spec
      .given(verifiedPesantren)
      .at(now)
      .when(designate(batik, { retiring: keripik }))
      .thenFailsWith("FlagshipDesignationOutdated")
  })

  it("the active flagship is not designated again", () => {
    spec
      .given([...verifiedPesantren, designated(keripik)])
      .at(now)
      .when(designate(keripik, { retiring: keripik }))
      .then(new PesantrenError.FlagshipAlreadyActive({ nspp, productId: keripik }))
  })

  it("a flagship is the pesantren's own product, curated and market-ready", () => {
    const foreign = spec
      .given(verifiedPesantren)
      .when(designate(keripik, { owner: otherNspp }))
      .thenFailsWith("FlagshipCandidateIneligible")
    expect(foreign.message).toMatch(/a pesantren designates only its own products/)
    // Whose product it is stays unsaid.
    expect(foreign.message).not.toMatch(/510035780002/)
    const beginner = spec
      .given(verifiedPesantren)
      .when(designate(keripik, { grade: "PEMULA" }))
      .thenFailsWith("FlagshipCandidateIneligible")
    expect(beginner.message).toMatch(/graded PEMULA/)
    const uncurated = spec
      .given(verifiedPesantren)
      .when(designate(keripik, { grade: undefined }))
      .thenFailsWith("FlagshipCandidateIneligible")
    expect(uncurated.message).toMatch(/not curated now/)
  })

  it("a forged candidate never designates: the grade and the pesantren come from the product's stream, not the command", () => {
    // The product is proposed but not curated: its stream makes it no flagship.
    const real = candidate(keripik, null)
    const lookAlike = { productId: keripik, nspp, grade: "UNGGULAN" as const }
    const fromPrototype: unknown = Object.assign(Object.create(Object.getPrototypeOf(real) as object), lookAlike)
    // The forgery under test: what TypeScript refuses (the type is branded), a caller's cast lets through.
    const forge = (value: unknown) => value as FlagshipCandidate.FlagshipCandidate
    const command = (candidateOf: FlagshipCandidate.FlagshipCandidate, validate = true) =>
      new PesantrenCommand.DesignateFlagship({ actor: admin, nspp, candidate: candidateOf }, !validate)
    for (const forged of [lookAlike, fromPrototype, { ...real, grade: "UNGGULAN" }].map(forge)) {
      // The command Schema refuses it, constructed or decoded…
      expect(() => command(forged)).toThrow()
      expect(
        Either.isLeft(
          Schema.decodeUnknownEither(PesantrenCommand.DesignateFlagship)({
            _tag: "DesignateFlagship",
            actor: Schema.encodeSync(Actor.Actor)(admin),
            nspp,
            candidate: lookAlike
          })
        )
      ).toBe(true)
      // …and decide refuses it when the Schema was bypassed.
      spec.given(verifiedPesantren).at(now).when(command(forged, false)).then(new PesantrenError.FlagshipCandidateUnverified({ nspp }))
    }
    // A candidate read from the stream cannot be changed, and neither a copy nor a JSON round-trip of it is one.
    expect(() => Object.assign(real, { grade: "UNGGULAN" })).toThrow(TypeError)
    expect(real.grade).toBeUndefined()
    expect(FlagshipCandidate.isRead(Object.assign({}, real))).toBe(false)
    expect(FlagshipCandidate.isRead(JSON.parse(JSON.stringify(real)))).toBe(false)
    spec.given(verifiedPesantren).at(now).when(command(real)).thenFailsWith("FlagshipCandidateIneligible")
  })

  it("only a registered, verified pesantren that is not suspended designates", () => {
    spec.given([]).when(designate(keripik)).thenFailsWith("PesantrenNotRegistered")
    spec
      .given([registered, linked])
      .when(designate(keripik))
      .then(new PesantrenError.PesantrenNotVerified({ nspp, action: "designate its flagship" }))
    spec
      .given([...verifiedPesantren, suspended])
      .when(designate(keripik))
      .thenFailsWith("PesantrenUnderSuspension")
  })

  it("only the pesantren's own admin designates its flagship: not the Dinas, not another admin", () => {
    for (const actor of everyone) {
      const given = spec.given(verifiedPesantren).at(now)
      if (actor === admin) given.when(designate(keripik, { actor })).then([designated(keripik)])
      else given.when(designate(keripik, { actor })).thenFailsWith("ActorNotAuthorized")
    }
    const error = spec
      .given(verifiedPesantren)
      .when(designate(keripik, { actor: dinas }))
      .thenFailsWith("ActorNotAuthorized")
    expect(error.message).toBe(
      `DINAS_OFFICER dinas-01 may not designate a pesantren's flagship product: only the pesantren's own admin ` +
        `(PESANTREN_ADMIN ${nspp}) designates its flagship product.`
    )
  })

  it("the active flagship is retired by the admin or a Dinas officer, and then a designation retires nothing", () => {
    const retire = (actor: Actor.Actor, productId = keripik) =>
      new PesantrenCommand.RetireFlagship({ actor, nspp, productId, reason: "produk tidak diproduksi lagi" })
    // The day it was retired, on the clock (WIB): what the targets count by (adr/0089).
    const retired = new PesantrenEvent.FlagshipRetired({
      nspp,
      productId: keripik,
      reason: "produk tidak diproduksi lagi",
      retiredOn: today
    })
    const history = [...verifiedPesantren, designated(keripik)]
    spec.given(history).at(now).when(retire(admin)).then([retired])
    spec.given(history).at(now).when(retire(dinas)).then([retired])
    spec.given(history).when(retire(curator)).thenFailsWith("ActorNotAuthorized")
    spec
      .given(history)
      .when(retire(admin, batik))
      .then(new PesantrenError.FlagshipNotActive({ nspp, productId: batik, active: keripik }))
    spec
      .given([...history, retired])
      .at(now)
      .when(designate(batik))
      .then([designated(batik)])
    const state = Decider.fold(Pesantren.decider, [...history, retired])
    expect(state).toMatchObject({ flagship: undefined, retiredFlagships: [keripik] })
  })
})

describe("Pesantren: replacing its Kopontren", () => {
  it("is a Dinas decision with its reason and day, on a pesantren with a Kopontren; the same one changes nothing", () => {
    const replace = (actor: Actor.Actor, to = otherNik) =>
      new PesantrenCommand.ReplaceKopontren({ actor, nspp, nik: to, reason: "Keputusan Dinas: koperasi lama dibubarkan" })
    const replaced = new PesantrenEvent.KopontrenReplaced({
      nspp,
      previous: nik,
      nik: otherNik,
      reason: "Keputusan Dinas: koperasi lama dibubarkan",
      replacedOn: today
    })
    spec.given(verifiedPesantren).at(now).when(replace(dinas)).then([replaced])
    spec.given(verifiedPesantren).when(replace(dinas, nik)).then([])
    spec.given(verifiedPesantren).when(replace(admin)).thenFailsWith("ActorNotAuthorized")
    spec.given([registered]).when(replace(dinas)).then(new PesantrenError.KopontrenNotLinked({ nspp }))
    spec.given([]).when(replace(dinas)).thenFailsWith("PesantrenNotRegistered")
    expect(Decider.fold(Pesantren.decider, [...verifiedPesantren, replaced])).toMatchObject({ kopontren: otherNik })
    // Linking again is still refused: the Kopontren changes only by a Dinas decision.
    spec
      .given([...verifiedPesantren, replaced])
      .when(new PesantrenCommand.LinkKopontren({ actor: admin, nspp, nik }))
      .thenFailsWith("KopontrenAlreadyLinked")
  })
})

describe("Pesantren: evolve", () => {
  it("folds the registration, the Kopontren, verification, suspension and the flagship", () => {
    const state = Decider.fold(Pesantren.decider, [...verifiedPesantren, suspended, designated(kopi)])
    expect(state).toEqual({
      _tag: "Registered",
      nspp,
      name: "Pondok Pesantren Tebuireng",
      regionCode: "35.17",
      pengasuh: "KH. Abdul Hakim",
      santriCount: 4200,
      kopontren: nik,
      verified: true,
      suspension: "laporan keuangan belum diserahkan",
      flagship: kopi,
      retiredFlagships: []
    })
    expect(Pesantren.activeFlagship(state)).toBe(kopi)
  })

  it("ignores events before the registration, and a second registration", () => {
    expect(Decider.fold(Pesantren.decider, [verified, linked])).toEqual(Pesantren.initialState)
    const other = new PesantrenEvent.PesantrenRegistered({ ...registered, name: "Lain", santriCount: 1 })
    expect(Decider.fold(Pesantren.decider, [registered, other])).toEqual(Decider.fold(Pesantren.decider, [registered]))
  })

  it("names its streams pesantren-<nspp>", () => {
    expect(Pesantren.streamName(nspp)).toBe("pesantren-510035170001")
  })
})
