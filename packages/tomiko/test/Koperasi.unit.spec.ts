import { describe, expect, it } from "vitest"
import { DeciderSpecification } from "@jatim/testing"
import { Koperasi, KoperasiCommand, KoperasiError, KoperasiEvent } from "../src/index.js"
import {
  admin,
  buyer,
  buyerAdmin,
  dinas,
  fee,
  founders,
  joined,
  outsider,
  primaryRegistered,
  secondary,
  secondaryAdmin,
  secondaryRegistered,
  sellerAdmin
} from "./fixtures.js"
import { reading } from "./facts.js"

const spec = DeciderSpecification.for(Koperasi.decider)

const registerPrimary = (individualMembers: number, actor = buyerAdmin) =>
  new KoperasiCommand.RegisterPrimaryKoperasi({ actor, nik: buyer, name: "KSU Tebuireng", regionCode: "35.17", individualMembers })

const registerSecondary = (founderList: ReadonlyArray<typeof buyer>, actor = secondaryAdmin) =>
  new KoperasiCommand.RegisterSecondaryKoperasi({
    actor,
    nik: secondary,
    name: "Pusat Koperasi Jawa Timur",
    regionCode: "35.78",
    founders: founderList.map((nik) => reading(nik)),
    feeBasisPoints: fee
  })

const join = (target: "SEKUNDER" | "PRIMER" | undefined, actor = buyerAdmin) =>
  new KoperasiCommand.JoinNetwork({ actor, nik: buyer, secondary: { nik: secondary, type: target } })

describe("Koperasi: registration", () => {
  it("a primary cooperative with 20 individual members is registered", () => {
    spec
      .given([])
      .when(registerPrimary(20))
      .then([
        new KoperasiEvent.PrimaryKoperasiRegistered({ nik: buyer, name: "KSU Tebuireng", regionCode: "35.17", individualMembers: 20 })
      ])
  })

  it("a primary cooperative has at least 20 individual members", () => {
    spec
      .given([])
      .when(registerPrimary(19))
      .then(new KoperasiError.TooFewIndividualMembers({ nik: buyer, individualMembers: 19 }))
    const error = spec.given([]).when(registerPrimary(5)).thenFailsWith("TooFewIndividualMembers")
    expect(error.message).toContain("at least 20 individual members")
  })

  it("a secondary cooperative founded by 3 cooperatives is registered, with its fee", () => {
    spec.given([]).when(registerSecondary(founders)).then([secondaryRegistered])
  })

  it("a secondary cooperative is founded by at least 3 distinct other cooperatives: repeats and itself do not count", () => {
    spec
      .given([])
      .when(registerSecondary([founders[0], founders[1], founders[1], secondary]))
      .then(new KoperasiError.TooFewFoundingCooperatives({ nik: secondary, founders: 2 }))
  })

  it("a secondary cooperative's founders are registered primaries, as their own streams say", () => {
    const [first, second, third] = founders
    const withFounders = (list: ReadonlyArray<ReturnType<typeof reading>>) =>
      new KoperasiCommand.RegisterSecondaryKoperasi({ ...registerSecondary(founders), founders: list })
    spec
      .given([])
      .when(withFounders([reading(first), reading(second), reading(third, null)]))
      .then(new KoperasiError.FounderNotPrimary({ nik: secondary, founder: third, type: null }))
    spec
      .given([])
      .when(withFounders([reading(first, "SEKUNDER"), reading(second), reading(third)]))
      .then(new KoperasiError.FounderNotPrimary({ nik: secondary, founder: first, type: "SEKUNDER" }))
    const error = spec
      .given([])
      .when(withFounders([reading(first), reading(second), reading(third, null)]))
      .thenFailsWith("FounderNotPrimary")
    expect(error.message).toContain("is not registered")
  })

  it("a founder cannot be given as a bare NIK or a hand-made reading: only the store's reading constructs the command", () => {
    const forged = { nik: founders[0], type: "PRIMER" as const }
    expect(
      () =>
        new KoperasiCommand.RegisterSecondaryKoperasi({
          ...registerSecondary(founders),
          // @ts-expect-error a hand-made reading is not a `KoperasiReading`
          founders: [forged, reading(founders[1]), reading(founders[2])]
        })
    ).toThrow()
  })

  it("an NIK Koperasi is registered once", () => {
    spec
      .given([primaryRegistered(buyer)])
      .when(registerPrimary(30))
      .then(new KoperasiError.KoperasiAlreadyRegistered({ nik: buyer }))
  })

  it("a cooperative is registered by its own admin or a Dinas officer, nobody else", () => {
    spec
      .given([])
      .when(registerPrimary(20, dinas))
      .then([
        new KoperasiEvent.PrimaryKoperasiRegistered({ nik: buyer, name: "KSU Tebuireng", regionCode: "35.17", individualMembers: 20 })
      ])
    const error = spec.given([]).when(registerPrimary(20, sellerAdmin)).thenFailsWith("ActorNotAuthorized")
    expect(error.message).toContain("a cooperative is registered by its own admin or by a Dinas officer")
  })
})

describe("Koperasi: networks", () => {
  it("a primary joins a secondary's network", () => {
    spec
      .given([primaryRegistered(buyer)])
      .when(join("SEKUNDER"))
      .then([joined(buyer)])
  })

  it("joining the network it is already in changes nothing", () => {
    spec
      .given([primaryRegistered(buyer), joined(buyer)])
      .when(join("SEKUNDER"))
      .then([])
  })

  it("a network is run by a registered secondary cooperative", () => {
    spec
      .given([primaryRegistered(buyer)])
      .when(join("PRIMER"))
      .then(new KoperasiError.NetworkNotSecondary({ nik: buyer, secondary }))
    spec
      .given([primaryRegistered(buyer)])
      .when(join(undefined))
      .thenFailsWith("NetworkNotSecondary")
  })

  it("a primary is in one network at a time", () => {
    spec
      .given([primaryRegistered(buyer), joined(buyer, outsider)])
      .when(join("SEKUNDER"))
      .then(new KoperasiError.AlreadyInNetwork({ nik: buyer, current: outsider }))
  })

  it("only a primary joins a network, and only once registered", () => {
    const secondaryJoins = new KoperasiCommand.JoinNetwork({
      actor: secondaryAdmin,
      nik: secondary,
      secondary: { nik: outsider, type: "SEKUNDER" }
    })
    spec
      .given([secondaryRegistered])
      .when(secondaryJoins)
      .then(new KoperasiError.OnlyPrimaryJoinsNetwork({ nik: secondary }))
    spec.given([]).when(join("SEKUNDER")).thenFailsWith("KoperasiNotRegistered")
  })

  it("a primary leaves the network it is in, and no other", () => {
    const leave = (network: typeof secondary) => new KoperasiCommand.LeaveNetwork({ actor: buyerAdmin, nik: buyer, secondary: network })
    spec
      .given([primaryRegistered(buyer), joined(buyer)])
      .when(leave(secondary))
      .then([new KoperasiEvent.NetworkLeft({ nik: buyer, secondary })])
    spec
      .given([primaryRegistered(buyer)])
      .when(leave(secondary))
      .then(new KoperasiError.NotInNetwork({ nik: buyer, secondary }))
  })

  it("only the primary's own admin joins or leaves a network for it", () => {
    for (const actor of [sellerAdmin, secondaryAdmin, dinas, admin(outsider)]) {
      spec
        .given([primaryRegistered(buyer)])
        .when(join("SEKUNDER", actor))
        .thenFailsWith("ActorNotAuthorized")
    }
  })

  it("the state follows joins and leaves", () => {
    const state = [primaryRegistered(buyer), joined(buyer), new KoperasiEvent.NetworkLeft({ nik: buyer, secondary })].reduce(
      Koperasi.evolve,
      Koperasi.initialState
    )
    expect(state).toMatchObject({ _tag: "Primary", network: undefined })
  })
})
