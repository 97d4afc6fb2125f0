import { beforeAll, describe, expect, it } from "vitest"
import { Option, Schema } from "effect"
import { type Actor, Rupiah } from "@jatim/kernel"
import { DeciderSpecification } from "@jatim/testing"
import * as Errors from "../src/UmkmError.js"
import { Arbitraries } from "../src/testing.js"
import { Listing, Umkm, UmkmCommand, UmkmEvent, type VerifiedCompletion } from "../src/index.js"
import { verified as verifiedCompletions } from "./completions.js"
import {
  approved,
  certificate,
  certificateNumber,
  curator,
  details,
  epoch,
  kemasan,
  learner,
  learnerId,
  listingId,
  nib,
  officer,
  onboarded,
  otherNib,
  otherOwner,
  owner,
  pemasaran,
  ready,
  register,
  registered,
  rejected,
  sentBack,
  storefront,
  submitted,
  t0,
  verified,
  withdrawn,
  workshop
} from "./fixtures.js"

const spec = DeciderSpecification.for(Umkm.decider)

/** Checks that `command` is refused after `history` as one its actor may not issue, by a message naming `rule`. */
const expectNotAuthorized = (history: ReadonlyArray<UmkmEvent.UmkmEvent>, command: UmkmCommand.UmkmCommand, rule: string) => {
  const error = spec.given(history).when(command).thenFailsWith("ActorNotAuthorized")
  expect(error.message).toContain(rule)
}

/** On a registered UMKM, `command` by its owner and by a Dinas officer decides `expected`; by `outsider`, it is refused. */
const byOwnerOrDinasOnly = (command: UmkmCommand.UmkmCommand, expected: ReadonlyArray<UmkmEvent.UmkmEvent>, outsider: Actor.Actor) => {
  spec.given([registered]).when(command).then(expected)
  spec
    .given([registered])
    .when({ ...command, actor: officer })
    .then(expected)
  spec
    .given([registered])
    .when({ ...command, actor: outsider })
    .thenFailsWith("ActorNotAuthorized")
}

const verify = new UmkmCommand.VerifyLegality({ actor: officer, nib })
const reject = new UmkmCommand.RejectLegality({ actor: officer, nib, reason: "NIB tidak aktif" })
/** Sijawara's completions the trainings are recorded from, read back by `VerifiedCompletion.find`. */
let completions: {
  /** The KEMASAN course of `certificate`, completed while linked to `nib`. */
  readonly kemasan: VerifiedCompletion.VerifiedCompletion
  /** A PERKOPERASIAN course, completed while linked to `nib`. */
  readonly perkoperasian: VerifiedCompletion.VerifiedCompletion
  /** A KEMASAN course completed while linked to `otherNib`. */
  readonly linkedElsewhere: VerifiedCompletion.VerifiedCompletion
  /** A KEMASAN course completed while linked to no UMKM. */
  readonly unlinked: VerifiedCompletion.VerifiedCompletion
}
let recordKemasan: UmkmCommand.RecordSijawaraTraining
beforeAll(async () => {
  const [kemasan, perkoperasian, linkedElsewhere, unlinked] = await verifiedCompletions([
    { learnerId, courseId: "kemasan-101", topic: "KEMASAN", linkedNib: nib, certificateNumber },
    { learnerId, courseId: "koperasi-101", topic: "PERKOPERASIAN", linkedNib: nib, certificateNumber: "SJW-0000-0000-0002-02" },
    { learnerId, courseId: "kemasan-102", topic: "KEMASAN", linkedNib: otherNib, certificateNumber: "SJW-0000-0000-0003-03" },
    { learnerId, courseId: "kemasan-103", topic: "KEMASAN", linkedNib: null, certificateNumber: "SJW-0000-0000-0004-04" }
  ])
  completions = { kemasan: kemasan!, perkoperasian: perkoperasian!, linkedElsewhere: linkedElsewhere!, unlinked: unlinked! }
  recordKemasan = new UmkmCommand.RecordSijawaraTraining({ actor: learner, nib, training: "KEMASAN", completion: completions.kemasan })
})
const recordWorkshop = new UmkmCommand.RecordTraining({ actor: officer, nib, training: "PEMASARAN_DIGITAL", source: workshop })
const submit = new UmkmCommand.SubmitListing({ actor: owner, nib, listingId, details })
const approve = new UmkmCommand.ApproveListing({ actor: officer, nib, listingId })
const sendBack = new UmkmCommand.SendBackListing({ actor: officer, nib, listingId, notes: "Foto buram" })
const open = new UmkmCommand.OpenStorefront({
  actor: owner,
  nib,
  marketplace: Arbitraries.foundingMarketplace("SHOPEE"),
  url: "https://shopee.co.id/keripik-bu-sri"
})
const complete = new UmkmCommand.CompleteOnboarding({ actor: officer, nib })
const withdraw = new UmkmCommand.WithdrawUmkm({ actor: owner, nib, reason: "Tutup usaha" })

describe("UMKM: registration", () => {
  it("the owner registers the UMKM of their NIB, at the clock's time", () => {
    spec.given([]).at(t0).when(register).then([registered])
  })

  it("only the owner of that NIB registers it", () => {
    for (const actor of [officer, otherOwner, learner, curator]) {
      expectNotAuthorized([], new UmkmCommand.RegisterUmkm({ ...register, actor }), "a UMKM is registered by its owner")
    }
  })

  it("a NIB registers once", () => {
    spec.given([registered]).when(register).then(new Errors.UmkmAlreadyRegistered({ nib }))
  })

  it("nothing else happens before registration", () => {
    for (const command of [verify, reject, recordWorkshop, approve, sendBack, complete, withdraw, open]) {
      const error = spec.given([]).when(command).thenFailsWith("UmkmNotRegistered")
      expect(error.message).toContain("only a registered UMKM can")
    }
    spec.given([]).when(submit).thenFailsWith("UmkmNotRegistered")
  })

  it("a stream holds one NIB: a command for another NIB is refused", () => {
    spec
      .given([registered])
      .when(new UmkmCommand.VerifyLegality({ actor: officer, nib: otherNib }))
      .thenFailsWith("UmkmNotRegistered")
  })
})

describe("UMKM: legality", () => {
  it("a Dinas officer verifies legality", () => {
    spec
      .given([registered])
      .when(verify)
      .then([new UmkmEvent.LegalityVerified({ nib, at: epoch })])
  })

  it("a Dinas officer rejects legality with a reason", () => {
    spec
      .given([registered])
      .when(reject)
      .then([new UmkmEvent.LegalityRejected({ nib, reason: "NIB tidak aktif", at: epoch })])
  })

  it("only a Dinas officer verifies or rejects legality", () => {
    for (const command of [verify, reject]) {
      expectNotAuthorized([registered], { ...command, actor: owner }, "legality is verified or rejected by a Dinas officer")
    }
  })

  it("a rejected legality can be verified once fixed, but not rejected again", () => {
    spec
      .given([registered, rejected])
      .when(verify)
      .then([new UmkmEvent.LegalityVerified({ nib, at: epoch })])
    spec.given([registered, rejected]).when(reject).then(new Errors.LegalityAlreadyRejected({ nib }))
  })

  it("a verified legality is neither verified again nor rejected", () => {
    spec.given([registered, verified]).when(verify).then(new Errors.LegalityAlreadyVerified({ nib }))
    spec.given([registered, verified]).when(reject).then(new Errors.LegalityAlreadyVerified({ nib }))
  })
})

describe("UMKM: trainings", () => {
  it("a Dinas officer records a workshop training", () => {
    spec
      .given([registered])
      .when(recordWorkshop)
      .then([new UmkmEvent.TrainingRecorded({ nib, training: "PEMASARAN_DIGITAL", source: workshop, at: epoch })])
  })

  it("a Sijawara certificate is recorded by a Dinas officer or for the learner it names", () => {
    const expected = [new UmkmEvent.TrainingRecorded({ nib, training: "KEMASAN", source: certificate, at: epoch })]
    spec.given([registered]).when(recordKemasan).then(expected)
    spec
      .given([registered])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, actor: officer }))
      .then(expected)
    const other = { _tag: "LEARNER", learnerId: "L-2025-999999" } as const
    expectNotAuthorized(
      [registered],
      new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, actor: other }),
      "for the learner it names"
    )
    for (const actor of [owner, otherOwner, curator]) {
      spec
        .given([registered])
        .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, actor }))
        .thenFailsWith("ActorNotAuthorized")
    }
  })

  it("a workshop training is recorded by a Dinas officer only", () => {
    expectNotAuthorized(
      [registered],
      new UmkmCommand.RecordTraining({ ...recordWorkshop, actor: owner }),
      "a workshop training is recorded by a Dinas officer"
    )
    spec
      .given([registered])
      .when(new UmkmCommand.RecordTraining({ ...recordWorkshop, actor: learner }))
      .thenFailsWith("ActorNotAuthorized")
  })

  it("a certificate counts for the training of its course's topic only", () => {
    for (const training of ["PEMASARAN_DIGITAL", "FOTO_PRODUK"] as const) {
      spec
        .given([registered])
        .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, training }))
        .then(new Errors.CertificateTopicMismatch({ certificateNumber, topic: "KEMASAN", training }))
    }
    const error = spec
      .given([registered])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, completion: completions.perkoperasian }))
      .thenFailsWith("CertificateTopicMismatch")
    expect(error.message).toContain("counts as no JATIM ISO training")
  })

  it("a certificate counts for the UMKM its learner was linked to at completion only", () => {
    spec
      .given([registered])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, completion: completions.linkedElsewhere }))
      .then(
        new Errors.LearnerNotLinkedAtCompletion({
          certificateNumber: completions.linkedElsewhere.completed.certificateNumber,
          learnerId,
          nib,
          linkedNib: otherNib
        })
      )
    const error = spec
      .given([registered])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, completion: completions.unlinked }))
      .thenFailsWith("LearnerNotLinkedAtCompletion")
    expect(error.message).toContain("while linked to no UMKM, not to UMKM 9120001234567")
    // The UMKM it was linked to does get it.
    spec
      .given([])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, nib: otherNib, completion: completions.linkedElsewhere }))
      .then([
        new UmkmEvent.TrainingRecorded({
          nib: otherNib,
          training: "KEMASAN",
          source: {
            _tag: "SIJAWARA_CERTIFICATE",
            certificateNumber: completions.linkedElsewhere.completed.certificateNumber,
            learnerId,
            courseId: completions.linkedElsewhere.completed.courseId
          },
          at: epoch
        })
      ])
  })

  it("a completion not read from Sijawara's events is refused, even in a command built without validation", () => {
    const forged = { completed: completions.kemasan.completed } as unknown
    // The command's Schema refuses it...
    expect(() => Schema.decodeUnknownSync(UmkmCommand.RecordSijawaraTraining)({ ...recordKemasan, completion: forged })).toThrow(
      "read from Sijawara's events by VerifiedCompletion.find, never built by hand"
    )
    // ...and so does the decider, when the command is built with its validation turned off.
    const unchecked = new UmkmCommand.RecordSijawaraTraining(
      { actor: officer, nib, training: "KEMASAN", completion: forged as VerifiedCompletion.VerifiedCompletion },
      true
    )
    spec.given([registered]).when(unchecked).then(new Errors.UnverifiedCompletion({ nib }))
    const copy = Object.assign(Object.create(Object.getPrototypeOf(completions.kemasan) as object) as object, completions.kemasan)
    spec
      .given([])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, completion: copy as VerifiedCompletion.VerifiedCompletion }, true))
      .thenFailsWith("UnverifiedCompletion")
  })

  it("recording a training already recorded changes nothing, whatever its source; a false claim is still refused", () => {
    spec.given([registered, kemasan]).when(recordKemasan).then([])
    spec
      .given([registered, kemasan])
      .when(new UmkmCommand.RecordTraining({ ...recordWorkshop, training: "KEMASAN" }))
      .then([])
    spec
      .given([registered, kemasan])
      .when(new UmkmCommand.RecordSijawaraTraining({ ...recordKemasan, completion: completions.unlinked }))
      .thenFailsWith("LearnerNotLinkedAtCompletion")
  })

  it("a Sijawara training before registration is kept, and registration keeps it", () => {
    const early = new UmkmEvent.TrainingRecorded({ nib, training: "KEMASAN", source: certificate, at: epoch })
    spec.given([]).when(recordKemasan).then([early])
    const state = [early, registered].reduce(Umkm.evolve, Umkm.initialState)
    expect(state.registration?.businessName).toBe("Keripik Bu Sri")
    expect([...state.trainings.keys()]).toEqual(["KEMASAN"])
    spec.given([early]).at(t0).when(register).then([registered])
  })

  it("a workshop training needs a registered UMKM", () => {
    spec.given([]).when(recordWorkshop).thenFailsWith("UmkmNotRegistered")
  })

  it("a Sijawara training after withdrawal is still recorded; a workshop one is refused", () => {
    spec
      .given([registered, withdrawn])
      .when(recordKemasan)
      .then([new UmkmEvent.TrainingRecorded({ nib, training: "KEMASAN", source: certificate, at: epoch })])
    spec.given([registered, withdrawn]).when(recordWorkshop).thenFailsWith("UmkmIsWithdrawn")
  })
})

describe("UMKM: listings", () => {
  /** A registered UMKM's listing history up to each review status. */
  const listingUpTo = {
    SUBMITTED: [registered, submitted],
    APPROVED: [registered, submitted, approved],
    SENT_BACK: [registered, submitted, sentBack]
  } as const

  it("the owner submits a listing that keeps the listing rules", () => {
    spec
      .given([registered])
      .when(submit)
      .then([new UmkmEvent.ListingSubmitted({ nib, listingId, details, at: epoch })])
  })

  it("only the owner submits", () => {
    expectNotAuthorized(
      [registered],
      new UmkmCommand.SubmitListing({ ...submit, actor: officer }),
      "a listing is submitted by the UMKM's owner"
    )
  })

  it("a listing has a price, a weight, at least 3 different photos and a ticked packaging checklist", () => {
    const broken = {
      ...details,
      price: Rupiah.zero,
      weightGrams: 0,
      photos: ["https://cdn.example.id/1.jpg", "https://cdn.example.id/1.jpg", "https://cdn.example.id/2.jpg"],
      checklist: { ...Listing.completeChecklist, producerAddress: false }
    }
    spec
      .given([registered])
      .when(new UmkmCommand.SubmitListing({ ...submit, details: broken }))
      .then(
        new Errors.InvalidListing({
          nib,
          listingId,
          problems: [
            "a listing has a price above Rp0",
            "a listing has a weight above 0 grams, for shipping costs",
            "a listing has at least 3 different photos (it has 2)",
            "every packaging checklist item is ticked (not yet: producerAddress)"
          ]
        })
      )
    const twoPhotos = { ...details, photos: details.photos.slice(0, 2) }
    const error = spec
      .given([registered])
      .when(new UmkmCommand.SubmitListing({ ...submit, details: twoPhotos }))
      .thenFailsWith("InvalidListing")
    expect(error.message).toContain("at least 3 different photos")
  })

  it("a Dinas officer approves or sends back a submitted listing", () => {
    spec
      .given(listingUpTo.SUBMITTED)
      .when(approve)
      .then([new UmkmEvent.ListingApproved({ nib, listingId, at: epoch })])
    spec
      .given(listingUpTo.SUBMITTED)
      .when(sendBack)
      .then([new UmkmEvent.ListingSentBack({ nib, listingId, notes: "Foto buram", at: epoch })])
    for (const command of [approve, sendBack]) {
      expectNotAuthorized(listingUpTo.SUBMITTED, { ...command, actor: owner }, "a listing is approved or sent back by a Dinas officer")
    }
  })

  it("a listing sent back may be submitted again; one under review or approved may not", () => {
    spec
      .given(listingUpTo.SENT_BACK)
      .when(submit)
      .then([new UmkmEvent.ListingSubmitted({ nib, listingId, details, at: epoch })])
    for (const status of ["SUBMITTED", "APPROVED"] as const) {
      spec.given(listingUpTo[status]).when(submit).then(new Errors.ListingAlreadySubmitted({ nib, listingId, status }))
    }
  })

  it("only a submitted listing is reviewed", () => {
    spec.given([registered]).when(approve).then(new Errors.ListingNotFound({ nib, listingId }))
    for (const status of ["APPROVED", "SENT_BACK"] as const) {
      for (const review of [approve, sendBack]) {
        spec.given(listingUpTo[status]).when(review).then(new Errors.ListingNotUnderReview({ nib, listingId, status }))
      }
    }
  })
})

describe("UMKM: storefronts", () => {
  it("the owner or a Dinas officer opens a storefront on a partner marketplace", () => {
    const opened = [new UmkmEvent.StorefrontOpened({ nib, marketplace: "SHOPEE", url: "https://shopee.co.id/keripik-bu-sri", at: epoch })]
    byOwnerOrDinasOnly(open, opened, learner)
  })

  it("a storefront's address is an https address on the marketplace's domain", () => {
    const error = spec
      .given([registered])
      .when({ ...open, url: "https://tokopedia.com/keripik-bu-sri" })
      .thenFailsWith("InvalidStorefront")
    expect(error.message).toContain("lives under shopee.co.id")
    spec
      .given([registered])
      .when({ ...open, url: "http://shopee.co.id/keripik" })
      .thenFailsWith("InvalidStorefront")
    spec
      .given([registered])
      .when({ ...open, url: "https://shopee.co.id.evil.example/x" })
      .thenFailsWith("InvalidStorefront")
    spec
      .given([registered])
      .when({ ...open, marketplace: Arbitraries.foundingMarketplace("BUKALAPAK"), url: "https://www.bukalapak.com/u/bu-sri" })
      .then([new UmkmEvent.StorefrontOpened({ nib, marketplace: "BUKALAPAK", url: "https://www.bukalapak.com/u/bu-sri", at: epoch })])
  })

  it("one storefront per marketplace", () => {
    spec
      .given([registered, storefront])
      .when(open)
      .then(new Errors.StorefrontAlreadyOpen({ nib, marketplace: "SHOPEE" }))
  })
})

describe("UMKM: onboarding", () => {
  it("completes when legality, both core trainings, an approved listing and a storefront are there", () => {
    spec
      .given(ready)
      .at(t0)
      .when(complete)
      .then([new UmkmEvent.OnboardingCompleted({ nib, at: t0 })])
  })

  it("does not complete while any requirement is missing, and names what is missing", () => {
    const without = (event: UmkmEvent.UmkmEvent) => ready.filter((e) => e !== event)
    const requirements = [
      [verified, "LEGALITY_VERIFIED"],
      [kemasan, "KEMASAN_TRAINING"],
      [pemasaran, "PEMASARAN_DIGITAL_TRAINING"],
      [approved, "APPROVED_LISTING"],
      [storefront, "OPEN_STOREFRONT"]
    ] as const
    for (const [event, missing] of requirements) {
      spec
        .given(without(event))
        .when(complete)
        .then(new Errors.OnboardingIncomplete({ nib, missing: [missing] }))
    }
    const error = spec.given([registered, rejected, submitted]).when(complete).thenFailsWith("OnboardingIncomplete")
    expect(error.message).toContain("legality verified by the Dinas, the KEMASAN (packaging) training")
  })

  it("a FOTO_PRODUK training is not a core training; a listing sent back is not approved", () => {
    const foto = new UmkmEvent.TrainingRecorded({ nib, training: "FOTO_PRODUK", source: workshop, at: t0 })
    spec
      .given([registered, verified, kemasan, foto, submitted, sentBack, storefront])
      .when(complete)
      .then(new Errors.OnboardingIncomplete({ nib, missing: ["PEMASARAN_DIGITAL_TRAINING", "APPROVED_LISTING"] }))
  })

  it("is completed by a Dinas officer, once", () => {
    expectNotAuthorized(ready, { ...complete, actor: owner }, "an onboarding is completed by a Dinas officer")
    spec
      .given([...ready, new UmkmEvent.OnboardingCompleted({ nib, at: t0 })])
      .when(complete)
      .then(new Errors.OnboardingAlreadyCompleted({ nib }))
  })
})

describe("UMKM: withdrawal", () => {
  it("the owner or a Dinas officer withdraws the UMKM, with a reason", () => {
    const expected = [new UmkmEvent.UmkmWithdrawn({ nib, reason: "Tutup usaha", at: epoch })]
    byOwnerOrDinasOnly(withdraw, expected, otherOwner)
  })

  it("withdrawal is final: a withdrawn UMKM takes no command but a Sijawara training", () => {
    for (const command of [register, verify, reject, recordWorkshop, submit, approve, sendBack, open, complete, withdraw]) {
      const error = spec
        .given([...ready, withdrawn])
        .when(command)
        .thenFailsWith("UmkmIsWithdrawn")
      expect(error.message).toContain("withdrawal is final")
    }
  })
})

describe("UMKM: summary", () => {
  const fold = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events.reduce(Umkm.evolve, Umkm.initialState)

  it("none for an empty stream; a training before registration shows a UMKM not registered yet", () => {
    expect(Umkm.summary(Umkm.initialState)).toEqual(Option.none())
    expect(Umkm.summary(fold([kemasan]))).toEqual(
      Option.some({
        nib,
        businessName: null,
        region: null,
        legality: "PENDING",
        trainings: ["KEMASAN"],
        listings: {},
        storefronts: {},
        missing: ["LEGALITY_VERIFIED", "PEMASARAN_DIGITAL_TRAINING", "APPROVED_LISTING", "OPEN_STOREFRONT"],
        onboardedAt: null,
        withdrawnAt: null
      })
    )
  })

  it("shows the registration, legality, trainings, listings by id, storefronts by marketplace and what is missing", () => {
    expect(Umkm.summary(fold([registered, verified, kemasan, submitted]))).toEqual(
      Option.some({
        nib,
        businessName: "Keripik Bu Sri",
        region: "35.07",
        legality: "VERIFIED",
        trainings: ["KEMASAN"],
        listings: { [listingId]: "SUBMITTED" },
        storefronts: {},
        missing: ["PEMASARAN_DIGITAL_TRAINING", "APPROVED_LISTING", "OPEN_STOREFRONT"],
        onboardedAt: null,
        withdrawnAt: null
      })
    )
    const done = Option.getOrThrow(Umkm.summary(fold([...ready, onboarded])))
    expect(done).toMatchObject({
      listings: { [listingId]: "APPROVED" },
      storefronts: { SHOPEE: storefront.url },
      missing: [],
      onboardedAt: t0
    })
  })

  it("is served as JSON by its Schema, dates as ISO 8601 strings, and read back unchanged", () => {
    const summary = Option.getOrThrow(Umkm.summary(fold([...ready, onboarded, withdrawn])))
    const json: unknown = JSON.parse(JSON.stringify(Schema.encodeSync(Umkm.Summary)(summary)))
    expect(json).toMatchObject({ onboardedAt: t0.toISOString(), withdrawnAt: t0.toISOString(), storefronts: { SHOPEE: storefront.url } })
    expect(Schema.decodeUnknownSync(Umkm.Summary)(json)).toStrictEqual(summary)
  })
})
