import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { DeciderSpecification } from "@jatim/testing"
import { Arbitraries, Learner, LearnerCommand, LearnerEvent } from "../src/index.js"
import {
  curator,
  d,
  koperasiAdmin,
  learner,
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
const linkUmkm = (actor = learner, to = nib) => new LearnerCommand.LinkLearnerToUmkm({ actor, learnerId, nib: to })
const linkKoperasi = (actor = learner) => new LearnerCommand.LinkLearnerToKoperasi({ actor, learnerId, nik })

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

  it("roles: cooperative member or board, UMKM owner with NIB (linked at once), public", () => {
    const owner = [registered({ _tag: "UMKM_OWNER", nib })].reduce(Learner.evolve, Learner.initialState)
    expect(Either.getOrThrow(Learner.profile(owner, learnerId))).toMatchObject({ linkedNib: nib, region: "35.07" })
    const board = [registered({ _tag: "COOPERATIVE_BOARD" })].reduce(Learner.evolve, Learner.initialState)
    expect(Either.getOrThrow(Learner.profile(board, learnerId)).linkedNib).toBeNull()
    const decode = Schema.decodeUnknownEither(LearnerCommand.RegisterLearner)
    const encoded = Schema.encodeSync(LearnerCommand.RegisterLearner)(register(learner, { _tag: "PUBLIC" }))
    expect(Either.isRight(decode(encoded))).toBe(true)
    expect(Either.isLeft(decode({ ...encoded, role: { _tag: "UMKM_OWNER" } }))).toBe(true)
  })

  it("inputs with a region outside Jawa Timur, a malformed NIB or a bad learner id do not decode", () => {
    fc.assert(fc.property(Arbitraries.invalidRegisterLearnerInput, (input) => {
      expect(Either.isLeft(Schema.decodeUnknownEither(LearnerCommand.RegisterLearner)(input))).toBe(true)
    }), { numRuns: 100 })
  })

  it("a learner is linked to a UMKM by the learner, that UMKM's owner or a Dinas officer", () => {
    for (const actor of [learner, umkmOwner, officer]) {
      spec.given([registered()]).at(now).when(linkUmkm(actor)).then([
        new LearnerEvent.LearnerLinkedToUmkm({ learnerId, nib, at: d(now) })
      ])
    }
    const error = spec.given([registered()]).when(linkUmkm(umkmOwner, otherNib)).thenFailsWith("ActorNotAuthorized")
    expect(error.message).toContain("by the learner, by the owner of that UMKM or by a Dinas officer")
    spec.given([registered()]).when(linkUmkm(otherLearner)).thenFailsWith("ActorNotAuthorized")
    spec.given([registered()]).when(linkUmkm(curator)).thenFailsWith("ActorNotAuthorized")
  })

  it("a learner is linked to a cooperative by the learner, that cooperative's admin or a Dinas officer", () => {
    for (const actor of [learner, koperasiAdmin, officer]) {
      spec.given([registered()]).at(now).when(linkKoperasi(actor)).then([
        new LearnerEvent.LearnerLinkedToKoperasi({ learnerId, nik, at: d(now) })
      ])
    }
    spec.given([registered()]).when(linkKoperasi(umkmOwner)).thenFailsWith("ActorNotAuthorized")
  })

  it("linking again to the same business records nothing; a new link replaces the old", () => {
    const linked = new LearnerEvent.LearnerLinkedToUmkm({ learnerId, nib, at: d(now) })
    spec.given([registered(), linked]).when(linkUmkm()).then([])
    spec.given([registered({ _tag: "UMKM_OWNER", nib })]).when(linkUmkm()).then([])
    const relinked = new LearnerEvent.LearnerLinkedToUmkm({ learnerId, nib: otherNib, at: d(now) })
    const state = [registered(), linked, relinked].reduce(Learner.evolve, Learner.initialState)
    expect(Either.getOrThrow(Learner.profile(state, learnerId)).linkedNib).toBe(otherNib)
  })

  it("links need a registered learner", () => {
    spec.given([]).when(linkUmkm()).thenFailsWith("LearnerNotFound")
    spec.given([]).when(linkKoperasi(officer)).thenFailsWith("LearnerNotFound")
    expect(Learner.profile(Learner.initialState, learnerId)).toMatchObject({ _tag: "Left", left: { _tag: "LearnerNotFound" } })
  })

  it("stream names are learner-<learnerId>", () => {
    expect(Learner.streamName(learnerId)).toBe("learner-L-2025-000123")
  })
})
