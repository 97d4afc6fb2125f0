import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { DeciderSpecification } from "@jatim/testing"
import type { Actor } from "@jatim/kernel"
import { Arbitraries, Learner, LearnerCommand, LearnerEvent, Link } from "../src/index.js"
import {
  curator,
  d,
  koperasiAdmin,
  learner,
  otherKoperasiAdmin,
  otherUmkmOwner,
  learnerId,
  nib,
  nik,
  officer,
  otherLearner,
  otherNib,
  umkmOwner
} from "./fixtures.js"

const spec = DeciderSpecification.for(Learner.decider)
const now = "2025-01-09T01:00:00Z"

const register = (actor = learner, role: LearnerCommand.RegisterLearner["role"] = { _tag: "COOPERATIVE_MEMBER" }) =>
  new LearnerCommand.RegisterLearner({ actor, learnerId, name: "Siti Aminah", region: "35.07", role })
const registered = (role: LearnerEvent.LearnerRegistered["role"] = { _tag: "COOPERATIVE_MEMBER" }) =>
  new LearnerEvent.LearnerRegistered({ learnerId, name: "Siti Aminah", region: "35.07", role, at: d("2025-01-08T01:00:00Z") })
const umkm = Link.Umkm.make({ nib })
const otherUmkm = Link.Umkm.make({ nib: otherNib })
const koperasi = Link.Koperasi.make({ nik })
const propose = (actor: Actor.Actor, business: Link.Business = umkm) => new LearnerCommand.ProposeLink({ actor, learnerId, business })
const confirm = (actor: Actor.Actor, business: Link.Business = umkm) => new LearnerCommand.ConfirmLink({ actor, learnerId, business })
const end = (actor: Actor.Actor, business: Link.Business = umkm) => new LearnerCommand.EndLink({ actor, learnerId, business })
const at = d(now)
const proposed = (by: Link.Side, business: Link.Business = umkm) => new LearnerEvent.LinkProposed({ learnerId, business, by, at })
const confirmed = (by: Link.Side, business: Link.Business = umkm) => new LearnerEvent.LinkConfirmed({ learnerId, business, by, at })
const stateOf = (events: ReadonlyArray<LearnerEvent.LearnerEvent>) => events.reduce(Learner.evolve, Learner.initialState)
const linkedNibOf = (events: ReadonlyArray<LearnerEvent.LearnerEvent>) => Either.getOrThrow(Learner.profile(stateOf(events), learnerId)).linkedNib

describe("Learner", () => {
  it("a learner registers themself with a kabupaten/kota and a role, or a Dinas officer registers them", () => {
    for (const actor of [learner, officer]) {
      spec.given([]).at(now).when(register(actor)).then([
        new LearnerEvent.LearnerRegistered({
          learnerId,
          name: "Siti Aminah",
          region: "35.07",
          role: { _tag: "COOPERATIVE_MEMBER" },
          at: d(now)
        })
      ])
    }
  })

  it("nobody else registers a learner", () => {
    for (const actor of [otherLearner, curator, umkmOwner, koperasiAdmin]) {
      const error = spec.given([]).when(register(actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("a learner registers themself, or a Dinas officer registers them")
    }
  })

  it("a learner registers once", () => {
    spec.given([registered()]).when(register()).thenFailsWith("LearnerAlreadyRegistered")
  })

  it("roles: cooperative member or board, UMKM owner with NIB (no link by itself), public", () => {
    const owner = stateOf([registered({ _tag: "UMKM_OWNER", nib })])
    expect(Either.getOrThrow(Learner.profile(owner, learnerId))).toMatchObject({ linkedNib: null, region: "35.07" })
    const board = stateOf([registered({ _tag: "COOPERATIVE_BOARD" })])
    expect(Either.getOrThrow(Learner.profile(board, learnerId)).linkedNib).toBeNull()
    const decode = Schema.decodeUnknownEither(LearnerCommand.RegisterLearner)
    const encoded = Schema.encodeSync(LearnerCommand.RegisterLearner)(register(learner, { _tag: "PUBLIC" }))
    expect(Either.isRight(decode(encoded))).toBe(true)
    expect(Either.isLeft(decode({ ...encoded, role: { _tag: "UMKM_OWNER" } }))).toBe(true)
  })

  it("registering oneself as a UMKM's owner proposes the link, which the owner confirms; a Dinas registration proposes nothing", () => {
    spec.given([]).at(now).when(register(learner, { _tag: "UMKM_OWNER", nib })).then([
      new LearnerEvent.LearnerRegistered({ learnerId, name: "Siti Aminah", region: "35.07", role: { _tag: "UMKM_OWNER", nib }, at }),
      proposed("LEARNER")
    ])
    spec.given([]).at(now).when(register(officer, { _tag: "UMKM_OWNER", nib })).then([
      new LearnerEvent.LearnerRegistered({ learnerId, name: "Siti Aminah", region: "35.07", role: { _tag: "UMKM_OWNER", nib }, at })
    ])
    const history = [registered({ _tag: "UMKM_OWNER", nib }), proposed("LEARNER")]
    expect(linkedNibOf(history)).toBeNull()
    spec.given(history).at(now).when(confirm(umkmOwner)).then([confirmed("BUSINESS")])
    expect(linkedNibOf([...history, confirmed("BUSINESS")])).toBe(nib)
  })

  it("inputs with a region outside Jawa Timur, a malformed NIB or a bad learner id do not decode", () => {
    fc.assert(fc.property(Arbitraries.invalidRegisterLearnerInput, (input) => {
      expect(Either.isLeft(Schema.decodeUnknownEither(LearnerCommand.RegisterLearner)(input))).toBe(true)
    }), { numRuns: 100 })
  })

  it("a link takes effect when one side proposes and the other confirms, whichever side begins", () => {
    for (const [first, second, secondSide] of [[learner, umkmOwner, "BUSINESS"], [umkmOwner, learner, "LEARNER"]] as const) {
      const firstSide = secondSide === "BUSINESS" ? "LEARNER" : "BUSINESS"
      spec.given([registered()]).at(now).when(propose(first)).then([proposed(firstSide)])
      expect(linkedNibOf([registered(), proposed(firstSide)])).toBeNull()
      spec.given([registered(), proposed(firstSide)]).at(now).when(confirm(second)).then([confirmed(secondSide)])
      // Proposing what the other side proposed agrees to it.
      spec.given([registered(), proposed(firstSide)]).at(now).when(propose(second)).then([confirmed(secondSide)])
    }
    spec.given([registered()]).at(now).when(propose(koperasiAdmin, koperasi)).then([proposed("BUSINESS", koperasi)])
    spec.given([registered(), proposed("BUSINESS", koperasi)]).at(now).when(confirm(learner, koperasi)).then([confirmed("LEARNER", koperasi)])
    const state = stateOf([registered(), proposed("BUSINESS", koperasi), confirmed("LEARNER", koperasi)])
    expect(Either.getOrThrow(Learner.profile(state, learnerId)).linkedNik).toBe(nik)
  })

  it("a side cannot confirm its own proposal, nor a link nobody proposed", () => {
    const error = spec.given([registered(), proposed("LEARNER")]).when(confirm(learner)).thenFailsWith("LinkAwaitsOtherSide")
    expect(error.message).toContain("takes effect when the owner of UMKM 9120001234567 confirms it")
    spec.given([registered(), proposed("BUSINESS")]).when(confirm(umkmOwner)).thenFailsWith("LinkAwaitsOtherSide")
    const none = spec.given([registered()]).when(confirm(umkmOwner)).thenFailsWith("NoLinkProposal")
    expect(none.message).toContain("one side proposes the link first, then the other confirms it")
  })

  it("nobody proposes or confirms for a side that is not theirs, not even a Dinas officer", () => {
    for (const actor of [otherLearner, otherUmkmOwner, koperasiAdmin, curator, officer]) {
      const error = spec.given([registered()]).when(propose(actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("a link is proposed and confirmed only by its two sides")
      spec.given([registered(), proposed("LEARNER")]).when(confirm(actor)).thenFailsWith("ActorNotAuthorized")
    }
    for (const actor of [otherKoperasiAdmin, umkmOwner, otherLearner]) {
      spec.given([registered()]).when(propose(actor, koperasi)).thenFailsWith("ActorNotAuthorized")
    }
  })

  it("either side or a Dinas officer ends a link or closes a proposal; nobody else", () => {
    const linked = [registered(), proposed("LEARNER"), confirmed("BUSINESS")]
    for (const [actor, by] of [[learner, "LEARNER"], [umkmOwner, "BUSINESS"], [officer, "DINAS"]] as const) {
      spec.given(linked).at(now).when(end(actor)).then([
        new LearnerEvent.LinkEnded({ learnerId, business: umkm, by, reason: "ENDED", at })
      ])
      spec.given([registered(), proposed("LEARNER")]).at(now).when(end(actor)).then([
        new LearnerEvent.LinkProposalClosed({ learnerId, business: umkm, by, at })
      ])
    }
    expect(linkedNibOf([...linked, new LearnerEvent.LinkEnded({ learnerId, business: umkm, by: "LEARNER", reason: "ENDED", at })])).toBeNull()
    for (const actor of [otherLearner, otherUmkmOwner, koperasiAdmin, curator]) {
      const error = spec.given(linked).when(end(actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("a link is ended by the learner")
    }
    spec.given([registered()]).when(end(learner)).then([])
  })

  it("replacing a link is explicit: the old link ends, then the new one is in effect", () => {
    const linked = [registered(), proposed("LEARNER"), confirmed("BUSINESS")]
    const other = [...linked, proposed("BUSINESS", otherUmkm)]
    // Another UMKM's proposal changes nothing until the learner agrees.
    expect(linkedNibOf(other)).toBe(nib)
    spec.given(other).at(now).when(confirm(learner, otherUmkm)).then([
      new LearnerEvent.LinkEnded({ learnerId, business: umkm, by: "LEARNER", reason: "REPLACED", at }),
      confirmed("LEARNER", otherUmkm)
    ])
    const replaced = [
      ...other,
      new LearnerEvent.LinkEnded({ learnerId, business: umkm, by: "LEARNER", reason: "REPLACED", at }),
      confirmed("LEARNER", otherUmkm)
    ]
    expect(linkedNibOf(replaced)).toBe(otherNib)
  })

  it("proposing or confirming a link in effect, or proposing again, records nothing", () => {
    const linked = [registered(), proposed("LEARNER"), confirmed("BUSINESS")]
    spec.given(linked).when(propose(learner)).then([])
    spec.given(linked).when(confirm(umkmOwner)).then([])
    spec.given([registered(), proposed("LEARNER")]).when(propose(learner)).then([])
  })

  it("the first version's one-sided links still decode but put no link in effect", () => {
    const legacy = [
      registered({ _tag: "UMKM_OWNER", nib }),
      new LearnerEvent.LearnerLinkedToUmkm({ learnerId, nib: otherNib, at }),
      new LearnerEvent.LearnerLinkedToKoperasi({ learnerId, nik, at })
    ]
    const profile = Either.getOrThrow(Learner.profile(stateOf(legacy), learnerId))
    expect(profile).toMatchObject({ linkedNib: null, linkedNik: null })
    const stored = { learnerId, nib: otherNib, at: "2025-01-09T01:00:00.000Z" }
    expect(Schema.decodeUnknownSync(LearnerEvent.LearnerEvent)({ _tag: "LearnerLinkedToUmkm", ...stored })._tag).toBe("LearnerLinkedToUmkm")
  })

  it("links need a registered learner, after the actor is authorized", () => {
    spec.given([]).when(propose(learner)).thenFailsWith("LearnerNotFound")
    spec.given([]).when(end(officer)).thenFailsWith("LearnerNotFound")
    spec.given([]).when(propose(otherUmkmOwner)).thenFailsWith("ActorNotAuthorized")
    expect(Learner.profile(Learner.initialState, learnerId)).toMatchObject({ _tag: "Left", left: { _tag: "LearnerNotFound" } })
  })

  it("stream names are learner-<learnerId>", () => {
    expect(Learner.streamName(learnerId)).toBe("learner-L-2025-000123")
  })
})
