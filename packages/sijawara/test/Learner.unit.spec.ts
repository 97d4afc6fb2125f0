import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { DeciderSpecification } from "@jatim/testing"
import { type Actor, Identifier } from "@jatim/kernel"
import { Learner, LearnerCommand, LearnerEvent, Link } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
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
const linkedNibOf = (events: ReadonlyArray<LearnerEvent.LearnerEvent>) =>
  Either.getOrThrow(Learner.profile(stateOf(events), learnerId)).linkedNib

describe("Learner", () => {
  it("a learner registers themself with a kabupaten/kota and a role, or a Dinas officer registers them", () => {
    for (const actor of [learner, officer]) {
      spec
        .given([])
        .at(now)
        .when(register(actor))
        .then([
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
    spec
      .given([])
      .at(now)
      .when(register(learner, { _tag: "UMKM_OWNER", nib }))
      .then([
        new LearnerEvent.LearnerRegistered({ learnerId, name: "Siti Aminah", region: "35.07", role: { _tag: "UMKM_OWNER", nib }, at }),
        proposed("LEARNER")
      ])
    spec
      .given([])
      .at(now)
      .when(register(officer, { _tag: "UMKM_OWNER", nib }))
      .then([
        new LearnerEvent.LearnerRegistered({ learnerId, name: "Siti Aminah", region: "35.07", role: { _tag: "UMKM_OWNER", nib }, at })
      ])
    const history = [registered({ _tag: "UMKM_OWNER", nib }), proposed("LEARNER")]
    expect(linkedNibOf(history)).toBeNull()
    spec
      .given(history)
      .at(now)
      .when(confirm(umkmOwner))
      .then([confirmed("BUSINESS")])
    expect(linkedNibOf([...history, confirmed("BUSINESS")])).toBe(nib)
  })

  it("inputs with a region outside Jawa Timur, a malformed NIB or a bad learner id do not decode", () => {
    fc.assert(
      fc.property(Arbitraries.invalidRegisterLearnerInput, (input) => {
        expect(Either.isLeft(Schema.decodeUnknownEither(LearnerCommand.RegisterLearner)(input))).toBe(true)
      }),
      { numRuns: 100 }
    )
  })

  it("a link takes effect when the learner proposes and the business confirms", () => {
    spec
      .given([registered()])
      .at(now)
      .when(propose(learner))
      .then([proposed("LEARNER")])
    expect(linkedNibOf([registered(), proposed("LEARNER")])).toBeNull()
    spec
      .given([registered(), proposed("LEARNER")])
      .at(now)
      .when(confirm(umkmOwner))
      .then([confirmed("BUSINESS")])
    spec
      .given([registered()])
      .at(now)
      .when(propose(learner, koperasi))
      .then([proposed("LEARNER", koperasi)])
    spec
      .given([registered(), proposed("LEARNER", koperasi)])
      .at(now)
      .when(confirm(koperasiAdmin, koperasi))
      .then([confirmed("BUSINESS", koperasi)])
    const state = stateOf([registered(), proposed("LEARNER", koperasi), confirmed("BUSINESS", koperasi)])
    expect(Either.getOrThrow(Learner.profile(state, learnerId)).linkedNik).toBe(nik)
  })

  it("a business's proposal stored before only learners proposed is still confirmed by the learner, or by proposing it", () => {
    spec
      .given([registered(), proposed("BUSINESS", koperasi)])
      .at(now)
      .when(confirm(learner, koperasi))
      .then([confirmed("LEARNER", koperasi)])
    spec
      .given([registered(), proposed("BUSINESS")])
      .at(now)
      .when(propose(learner))
      .then([confirmed("LEARNER")])
  })

  it("a business does not propose: it would learn whether the learner exists", () => {
    for (const [actor, business] of [
      [umkmOwner, umkm],
      [koperasiAdmin, koperasi]
    ] as const) {
      for (const given of [[], [registered()]]) {
        const error = spec.given(given).when(propose(actor, business)).thenFailsWith("ActorNotAuthorized")
        expect(error.message).toContain("a link is proposed only by the learner themself")
      }
    }
  })

  it("a business is told the same about an unknown learner as about one with no link or proposal with it", () => {
    const histories = [
      [],
      [registered()],
      [registered(), proposed("LEARNER", otherUmkm)],
      [registered(), proposed("LEARNER"), new LearnerEvent.LinkProposalClosed({ learnerId, business: umkm, by: "LEARNER", at })],
      [
        registered(),
        proposed("LEARNER"),
        confirmed("BUSINESS"),
        new LearnerEvent.LinkEnded({ learnerId, business: umkm, by: "LEARNER", reason: "ENDED", at })
      ]
    ]
    const answers = histories.flatMap((given) => [
      spec.given(given).when(confirm(umkmOwner)).thenFailsWith("NoLinkProposal"),
      spec.given(given).when(end(umkmOwner)).thenFailsWith("NoLinkProposal")
    ])
    // Same error, same fields, same message, whatever the learner's state.
    expect(new Set(answers.map((e) => JSON.stringify({ ...e, message: e.message }))).size).toBe(1)
    expect(answers[0]!.message).toContain("the learner proposes the link first")
    // The learner and the Dinas may know the learner's state.
    spec.given([]).when(end(learner)).thenFailsWith("LearnerNotFound")
    spec.given([]).when(end(officer)).thenFailsWith("LearnerNotFound")
    spec.given([registered()]).when(end(learner)).then([])
    spec.given([registered()]).when(end(officer)).then([])
  })

  it("a side cannot confirm its own proposal, nor a link nobody proposed", () => {
    const error = spec
      .given([registered(), proposed("LEARNER")])
      .when(confirm(learner))
      .thenFailsWith("LinkAwaitsOtherSide")
    expect(error.message).toContain("takes effect when the owner of UMKM 9120001234567 confirms it")
    spec
      .given([registered(), proposed("BUSINESS")])
      .when(confirm(umkmOwner))
      .thenFailsWith("LinkAwaitsOtherSide")
    spec.given([registered()]).when(confirm(umkmOwner)).thenFailsWith("NoLinkProposal")
    spec.given([registered()]).when(confirm(learner)).thenFailsWith("NoLinkProposal")
  })

  it("nobody proposes or confirms for a side that is not theirs, not even a Dinas officer", () => {
    for (const actor of [otherLearner, otherUmkmOwner, koperasiAdmin, curator, officer]) {
      const error = spec.given([registered()]).when(propose(actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("a link is proposed only by the learner themself")
      const refused = spec
        .given([registered(), proposed("LEARNER")])
        .when(confirm(actor))
        .thenFailsWith("ActorNotAuthorized")
      expect(refused.message).toContain("a link is confirmed only by its two sides")
    }
    for (const actor of [otherKoperasiAdmin, umkmOwner, otherLearner]) {
      spec.given([registered()]).when(propose(actor, koperasi)).thenFailsWith("ActorNotAuthorized")
    }
  })

  it("either side or a Dinas officer ends a link or closes a proposal; nobody else", () => {
    const linked = [registered(), proposed("LEARNER"), confirmed("BUSINESS")]
    for (const [actor, by] of [
      [learner, "LEARNER"],
      [umkmOwner, "BUSINESS"],
      [officer, "DINAS"]
    ] as const) {
      spec
        .given(linked)
        .at(now)
        .when(end(actor))
        .then([new LearnerEvent.LinkEnded({ learnerId, business: umkm, by, reason: "ENDED", at })])
      spec
        .given([registered(), proposed("LEARNER")])
        .at(now)
        .when(end(actor))
        .then([new LearnerEvent.LinkProposalClosed({ learnerId, business: umkm, by, at })])
    }
    expect(
      linkedNibOf([...linked, new LearnerEvent.LinkEnded({ learnerId, business: umkm, by: "LEARNER", reason: "ENDED", at })])
    ).toBeNull()
    for (const actor of [otherLearner, otherUmkmOwner, koperasiAdmin, curator]) {
      const error = spec.given(linked).when(end(actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("a link is ended by the learner")
    }
    spec.given([registered()]).when(end(learner)).then([])
    spec.given([registered()]).when(end(umkmOwner)).thenFailsWith("NoLinkProposal")
  })

  it("replacing a link is explicit: the old link ends, by the learner's choice, naming what replaced it", () => {
    const linked = [registered(), proposed("LEARNER"), confirmed("BUSINESS")]
    const other = [...linked, proposed("LEARNER", otherUmkm)]
    // The learner's new proposal changes nothing until the other UMKM's owner confirms.
    expect(linkedNibOf(other)).toBe(nib)
    const replacedBy = (business: Link.Business) =>
      new LearnerEvent.LinkEnded({ learnerId, business: umkm, by: "LEARNER", reason: "REPLACED", replacedBy: business, at })
    spec
      .given(other)
      .at(now)
      .when(confirm(otherUmkmOwner, otherUmkm))
      .then([replacedBy(otherUmkm), confirmed("BUSINESS", otherUmkm)])
    expect(linkedNibOf([...other, replacedBy(otherUmkm), confirmed("BUSINESS", otherUmkm)])).toBe(otherNib)
    // A business's proposal stored before: the learner confirms it, and is the one who replaced the link.
    spec
      .given([...linked, proposed("BUSINESS", otherUmkm)])
      .at(now)
      .when(confirm(learner, otherUmkm))
      .then([replacedBy(otherUmkm), confirmed("LEARNER", otherUmkm)])
  })

  it("a link taking effect closes the other open proposals of its kind, so none can later replace it", () => {
    const third = Link.Umkm.make({ nib: Either.getOrThrow(Identifier.parse(Identifier.Nib, "9120005555555")) })
    const thirdOwner: Actor.Actor = { _tag: "UMKM_OWNER", nib: third.nib }
    // The learner proposed to two UMKM (and a cooperative); the first UMKM's owner confirms.
    const open = [
      registered(),
      proposed("LEARNER"),
      proposed("LEARNER", otherUmkm),
      proposed("LEARNER", koperasi),
      proposed("BUSINESS", third)
    ]
    const superseded = (business: Link.Business) => new LearnerEvent.LinkProposalSuperseded({ learnerId, business, at })
    spec
      .given(open)
      .at(now)
      .when(confirm(umkmOwner))
      .then([superseded(otherUmkm), superseded(third), confirmed("BUSINESS")])
    const linked = [...open, superseded(otherUmkm), superseded(third), confirmed("BUSINESS")]
    const state = stateOf(linked)
    expect(state).toMatchObject({ linkedNib: nib, proposals: [{ business: koperasi, by: "LEARNER" }] })
    // Much later, the other UMKM's owner finds no proposal to confirm, and the link in effect stays.
    spec.given(linked).when(confirm(otherUmkmOwner, otherUmkm)).thenFailsWith("NoLinkProposal")
    spec.given(linked).when(confirm(learner, third)).thenFailsWith("NoLinkProposal")
    spec.given(linked).when(end(thirdOwner, third)).thenFailsWith("NoLinkProposal")
    // The cooperative's proposal, of another kind, is still open.
    spec
      .given(linked)
      .at(now)
      .when(confirm(koperasiAdmin, koperasi))
      .then([confirmed("BUSINESS", koperasi)])
    // Streams written before LinkProposalSuperseded existed: the confirmation alone closes them on read.
    const older = stateOf([...open, confirmed("BUSINESS")])
    expect(older).toMatchObject({ linkedNib: nib, proposals: [{ business: koperasi }] })
  })

  it("proposing or confirming a link in effect, or proposing again, records nothing", () => {
    const linked = [registered(), proposed("LEARNER"), confirmed("BUSINESS")]
    spec.given(linked).when(propose(learner)).then([])
    spec.given(linked).when(confirm(umkmOwner)).then([])
    spec.given(linked).when(confirm(learner)).then([])
    spec
      .given([registered(), proposed("LEARNER")])
      .when(propose(learner))
      .then([])
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

  it("links need a registered learner, after the actor is authorized (a business is told NoLinkProposal)", () => {
    spec.given([]).when(propose(learner)).thenFailsWith("LearnerNotFound")
    spec.given([]).when(end(officer)).thenFailsWith("LearnerNotFound")
    spec.given([]).when(propose(otherUmkmOwner)).thenFailsWith("ActorNotAuthorized")
    spec.given([]).when(propose(umkmOwner)).thenFailsWith("ActorNotAuthorized")
    expect(Learner.profile(Learner.initialState, learnerId)).toMatchObject({ _tag: "Left", left: { _tag: "LearnerNotFound" } })
  })

  it("stream names are learner-<learnerId>", () => {
    expect(Learner.streamName(learnerId)).toBe("learner-L-2025-000123")
  })
})
