/**
 * fast-check arbitraries of JATIM ISO's commands, valid and invalid, for this package's property
 * tests and for teams that embed it. Built on `effect`'s own fast-check (`FastCheck`), so they
 * need no other dependency.
 *
 * "Valid" means the command passes every rule in the state it is meant for (a registration on a
 * new NIB, a review of a submitted listing, ...); every "invalid" arbitrary yields the command
 * with the `_tag` of the error the decider must answer (`expected`).
 *
 * @since 0.1.0
 */
import { Arbitrary, FastCheck as fc } from "effect"
import { Actor, Identifier, Region, Rupiah } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"
import * as Listing from "./Listing.js"
import * as Marketplace from "./Marketplace.js"
import * as MarketplaceRegistry from "./MarketplaceRegistry.js"
import { Scale } from "./Scale.js"
import { Sector } from "./Sector.js"
import * as Training from "./Training.js"
import {
  ApproveListing,
  CloseStorefront,
  CompleteOnboarding,
  OpenStorefront,
  RecordTraining,
  RegisterUmkm,
  RejectLegality,
  ReviseListing,
  SendBackListing,
  SubmitListing,
  type UmkmCommand,
  VerifyLegality,
  WithdrawUmkm
} from "./UmkmCommand.js"
import { UmkmEvent } from "./UmkmEvent.js"
import * as UmkmCommands from "./UmkmCommand.js"
import * as VerifiedMarketplace from "./VerifiedMarketplace.js"

/**
 * The commands these arbitraries make: every one that travels as data (see `UmkmCommand`), and
 * storefront openings on the registry's founding marketplaces (read from its initial state).
 */
type Command = UmkmCommand

/** A command with the `_tag` of the error the decider must refuse it with. */
export interface Refused<C> {
  readonly command: C
  readonly expected: string
}

/** NIBs (13 digits). */
export const nib: fc.Arbitrary<Identifier.Nib> = Arbitrary.make(Identifier.Nib)
/** Kabupaten/kota codes of Jawa Timur. */
export const region: fc.Arbitrary<Region.RegionCode> = fc.constantFrom(...Region.codes)
/** Scales. */
export const scale: fc.Arbitrary<Scale> = Arbitrary.make(Scale)
/** Sectors. */
export const sector: fc.Arbitrary<Sector> = Arbitrary.make(Sector)
/** The registry's founding marketplaces (the 2019 partners). */
export const marketplace: fc.Arbitrary<Marketplace.Marketplace> = fc.constantFrom(...Marketplace.marketplaces)

/**
 * The founding marketplace `code` as the registry's initial state holds it (active): what a
 * storefront on it opens on in a registry that never retired it.
 */
export const foundingMarketplace = (code: Marketplace.Marketplace): VerifiedMarketplace.VerifiedMarketplace => {
  const found = VerifiedMarketplace.ofRegistry(MarketplaceRegistry.initialState, code)
  if (found._tag !== "Active") throw new Error(`${code} is not a founding marketplace`)
  return found.marketplace
}
/** Trainings. */
export const trainingType: fc.Arbitrary<Training.TrainingType> = Arbitrary.make(Training.TrainingType)
/** Any actor. */
export const actor: fc.Arbitrary<Actor.Actor> = Arbitrary.make(Actor.Actor)
/** Dinas officers. */
export const dinasOfficer: fc.Arbitrary<Actor.Actor> = Arbitrary.make(Actor.DinasOfficer)
/** The owner of the UMKM of `id`. */
export const owner = (id: Identifier.Nib): Actor.Actor => ({ _tag: "UMKM_OWNER", nib: id })
/** Sijawara learner ids. */
export const learnerId: fc.Arbitrary<Integration.CourseCompleted["learnerId"]> = Arbitrary.make(
  Integration.CourseCompleted.fields.learnerId
)
/** Listing ids, from a small pool so that commands of a sequence meet the same listings. */
export const listingId: fc.Arbitrary<Listing.ListingId> = fc
  .constantFrom("keripik-tempe", "sambal-bawang", "batik-tulis")
  .map((id) => Listing.ListingId.make(id))

const name = fc.constantFrom("UD Sumber Rejeki", "Keripik Bu Sri", "Batik Tulis Lestari", "Sambal Mbok Yem")
const ownerName = fc.constantFrom("Sri Wahyuni", "Ahmad Fauzi", "Siti Aminah", "Budi Santoso")
const reason = fc.constantFrom("NIB tidak sesuai dengan KBLI", "Foto produk buram", "Tutup usaha")

/** A valid registration of `id` by its owner. */
export const registerUmkm = (id: Identifier.Nib): fc.Arbitrary<RegisterUmkm> =>
  fc
    .record({ businessName: name, ownerName, region, sector, scale })
    .map((fields) => new RegisterUmkm({ actor: owner(id), nib: id, ...fields }))

/** A valid legality verification (by a Dinas officer). */
export const verifyLegality = (id: Identifier.Nib): fc.Arbitrary<VerifyLegality> =>
  dinasOfficer.map((officer) => new VerifyLegality({ actor: officer, nib: id }))

/** A valid legality rejection (by a Dinas officer). */
export const rejectLegality = (id: Identifier.Nib): fc.Arbitrary<RejectLegality> =>
  fc.tuple(dinasOfficer, reason).map(([officer, why]) => new RejectLegality({ actor: officer, nib: id, reason: why }))

/** A workshop attended on some day. */
export const workshop: fc.Arbitrary<Training.Workshop> = fc
  .record({
    workshopName: fc.constantFrom("Pelatihan Kemasan UPT Surabaya", "Kelas Pemasaran Digital", "Workshop Foto Produk"),
    heldOn: fc.date({ min: new Date("2019-08-07T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  })
  .map((fields) => ({ _tag: "WORKSHOP" as const, ...fields }))

/**
 * A Sijawara certificate as someone claims it (number, learner, course): well formed, but issued
 * by Sijawara only by chance. Only `Commands.recordTraining` takes it, and looks it up.
 */
export const sijawaraCertificate: fc.Arbitrary<Training.SijawaraCertificate> = fc
  .record({
    certificateNumber: Arbitrary.make(Integration.CourseCompleted.fields.certificateNumber),
    learnerId,
    courseId: Arbitrary.make(Integration.CourseCompleted.fields.courseId)
  })
  .map((fields) => ({ _tag: "SIJAWARA_CERTIFICATE" as const, ...fields }))

/**
 * A valid workshop training record, by a Dinas officer. (A Sijawara training stands on a
 * completion read from Sijawara's events, `VerifiedCompletion.find`, which no arbitrary makes.)
 */
export const recordTraining = (id: Identifier.Nib, training?: Training.TrainingType): fc.Arbitrary<RecordTraining> =>
  fc
    .tuple(training === undefined ? trainingType : fc.constant(training), dinasOfficer, workshop)
    .map(([kind, by, source]) => new RecordTraining({ actor: by, nib: id, training: kind, source }))

/** Photo addresses. */
const photo = fc.integer({ min: 1, max: 50 }).map((n) => `https://cdn.jatimiso.id/foto/${n}.jpg`)

/** Details that keep every listing rule. */
export const listingDetails: fc.Arbitrary<Listing.ListingDetails> = fc.record({
  productName: fc.constantFrom("Keripik tempe 200 g", "Sambal bawang 150 ml", "Batik tulis 2 m"),
  price: fc.integer({ min: 1, max: 50_000_000 }).map(Rupiah.unsafeMake),
  weightGrams: fc.integer({ min: 1, max: 30_000 }),
  photos: fc.uniqueArray(photo, { minLength: Listing.minimumPhotos, maxLength: 8 }),
  checklist: fc.constant(Listing.completeChecklist)
})

/** Details that break at least one listing rule. */
export const invalidListingDetails: fc.Arbitrary<Listing.ListingDetails> = fc
  .tuple(
    listingDetails,
    fc.record({
      freePrice: fc.boolean(),
      noWeight: fc.boolean(),
      fewPhotos: fc.boolean(),
      unticked: fc.subarray([...Listing.checklistItems])
    })
  )
  .filter(([, broken]) => broken.freePrice || broken.noWeight || broken.fewPhotos || broken.unticked.length > 0)
  .map(([details, broken]) => ({
    ...details,
    price: broken.freePrice ? Rupiah.zero : details.price,
    weightGrams: broken.noWeight ? 0 : details.weightGrams,
    // Three photos, but only two different ones.
    photos: broken.fewPhotos ? [details.photos[0]!, details.photos[0]!, details.photos[1]!] : details.photos,
    checklist: { ...details.checklist, ...Object.fromEntries(broken.unticked.map((item) => [item, false])) }
  }))

/** A valid listing submission (by the owner). */
export const submitListing = (id: Identifier.Nib, listing: fc.Arbitrary<Listing.ListingId> = listingId): fc.Arbitrary<SubmitListing> =>
  fc.tuple(listing, listingDetails).map(([lid, details]) => new SubmitListing({ actor: owner(id), nib: id, listingId: lid, details }))

/** A submission by the owner that breaks the listing rules. */
export const invalidSubmitListing = (id: Identifier.Nib): fc.Arbitrary<Refused<SubmitListing>> =>
  fc.tuple(listingId, invalidListingDetails).map(([lid, details]) => ({
    command: new SubmitListing({ actor: owner(id), nib: id, listingId: lid, details }),
    expected: "InvalidListing"
  }))

/** A storefront address on `marketplace`. */
export const storefrontUrl = (on: Marketplace.Marketplace): fc.Arbitrary<string> =>
  fc.constantFrom("keripik-bu-sri", "batik-lestari", "sambal-mbok-yem").map((shop) => `https://${Marketplace.domains[on]}/${shop}`)

/** A valid storefront opening (by the owner or a Dinas officer). */
export const openStorefront = (id: Identifier.Nib): fc.Arbitrary<OpenStorefront> =>
  fc
    .tuple(marketplace, fc.oneof(fc.constant(owner(id)), dinasOfficer))
    .chain(([on, by]) =>
      storefrontUrl(on).map((url) => new OpenStorefront({ actor: by, nib: id, marketplace: foundingMarketplace(on), url }))
    )

/** A storefront opening whose address is not on the marketplace named. */
export const invalidOpenStorefront = (id: Identifier.Nib): fc.Arbitrary<Refused<OpenStorefront>> =>
  fc
    .tuple(marketplace, marketplace, fc.boolean())
    .filter(([on, other]) => on !== other)
    .chain(([on, other, plain]) =>
      storefrontUrl(other).map((url) => ({
        command: new OpenStorefront({
          actor: owner(id),
          nib: id,
          marketplace: foundingMarketplace(on),
          url: plain ? url.replace("https:", "http:") : url
        }),
        expected: "InvalidStorefront"
      }))
    )

/** A storefront closing (by the owner or a Dinas officer), on a founding marketplace. */
export const closeStorefront = (id: Identifier.Nib): fc.Arbitrary<CloseStorefront> =>
  fc
    .tuple(marketplace, fc.oneof(fc.constant(owner(id)), dinasOfficer), reason)
    .map(([on, by, why]) => new CloseStorefront({ actor: by, nib: id, marketplace: on, reason: why }))

/** A revision of a listing (by the owner), over the small pool of listing ids. */
export const reviseListing = (id: Identifier.Nib): fc.Arbitrary<ReviseListing> =>
  fc.tuple(listingId, listingDetails).map(([lid, details]) => new ReviseListing({ actor: owner(id), nib: id, listingId: lid, details }))

/**
 * The commands that onboard `id` from nothing, in an order that works: register, verify, both
 * core trainings, submit and approve a listing, open a storefront, complete.
 */
export const onboardingPath = (id: Identifier.Nib): fc.Arbitrary<ReadonlyArray<Command>> =>
  fc
    .tuple(
      registerUmkm(id),
      verifyLegality(id),
      recordTraining(id, "KEMASAN"),
      recordTraining(id, "PEMASARAN_DIGITAL"),
      submitListing(id),
      dinasOfficer,
      openStorefront(id)
    )
    .map(([register, verify, kemasan, pemasaran, submit, officer, open]) => [
      register,
      verify,
      kemasan,
      pemasaran,
      submit,
      new ApproveListing({ actor: officer, nib: id, listingId: submit.listingId }),
      open,
      new CompleteOnboarding({ actor: officer, nib: id })
    ])

/** A command on `id` by an actor the rules do not allow to issue it. */
export const unauthorizedCommand = (id: Identifier.Nib): fc.Arbitrary<Refused<Command>> => {
  const notOwner = actor.filter((a) => !(a._tag === "UMKM_OWNER" && a.nib === id))
  const notOfficer = actor.filter((a) => a._tag !== "DINAS_OFFICER")
  const neither = notOwner.filter((a) => a._tag !== "DINAS_OFFICER")
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.tuple(notOwner, registerUmkm(id)).map(([by, c]) => new RegisterUmkm({ ...c, actor: by })),
    fc.tuple(notOfficer, verifyLegality(id)).map(([by, c]) => new VerifyLegality({ ...c, actor: by })),
    fc.tuple(notOfficer, rejectLegality(id)).map(([by, c]) => new RejectLegality({ ...c, actor: by })),
    fc
      .tuple(notOfficer, trainingType, workshop)
      .map(([by, training, source]) => new RecordTraining({ actor: by, nib: id, training, source })),
    fc.tuple(notOwner, submitListing(id)).map(([by, c]) => new SubmitListing({ ...c, actor: by })),
    fc.tuple(notOfficer, listingId).map(([by, lid]) => new ApproveListing({ actor: by, nib: id, listingId: lid })),
    fc.tuple(notOfficer, listingId, reason).map(([by, lid, notes]) => new SendBackListing({ actor: by, nib: id, listingId: lid, notes })),
    fc.tuple(neither, openStorefront(id)).map(([by, c]) => new OpenStorefront({ ...c, actor: by })),
    fc.tuple(neither, closeStorefront(id)).map(([by, c]) => new CloseStorefront({ ...c, actor: by })),
    fc.tuple(notOwner, reviseListing(id)).map(([by, c]) => new ReviseListing({ ...c, actor: by })),
    notOfficer.map((by) => new CompleteOnboarding({ actor: by, nib: id })),
    fc.tuple(neither, reason).map(([by, why]) => new WithdrawUmkm({ actor: by, nib: id, reason: why }))
  )
  return command.map((c) => ({ command: c, expected: "ActorNotAuthorized" }))
}

/**
 * Any command on `id`, mostly by the actor its rule allows, over a small pool of listings, so
 * that a sequence of them moves a UMKM through its onboarding (and breaks rules on the way).
 */
export const command = (id: Identifier.Nib): fc.Arbitrary<Command> =>
  fc.oneof(
    { weight: 2, arbitrary: registerUmkm(id) },
    { weight: 3, arbitrary: verifyLegality(id) },
    { weight: 1, arbitrary: rejectLegality(id) },
    { weight: 4, arbitrary: recordTraining(id) },
    { weight: 3, arbitrary: submitListing(id) },
    { weight: 1, arbitrary: invalidSubmitListing(id).map((r) => r.command) },
    {
      weight: 3,
      arbitrary: fc.tuple(dinasOfficer, listingId).map(([by, lid]) => new ApproveListing({ actor: by, nib: id, listingId: lid }))
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(dinasOfficer, listingId, reason)
        .map(([by, lid, notes]) => new SendBackListing({ actor: by, nib: id, listingId: lid, notes }))
    },
    { weight: 3, arbitrary: openStorefront(id) },
    { weight: 1, arbitrary: invalidOpenStorefront(id).map((r) => r.command) },
    { weight: 1, arbitrary: closeStorefront(id) },
    { weight: 2, arbitrary: reviseListing(id) },
    { weight: 4, arbitrary: dinasOfficer.map((by) => new CompleteOnboarding({ actor: by, nib: id })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(fc.constant(owner(id)), dinasOfficer), reason)
        .map(([by, why]) => new WithdrawUmkm({ actor: by, nib: id, reason: why }))
    },
    { weight: 1, arbitrary: unauthorizedCommand(id).map((r) => r.command) }
  )

/** Any command the Schema accepts (any actor, NIB, details), for robustness properties. */
export const anyCommand: fc.Arbitrary<Command> = Arbitrary.make(UmkmCommands.UmkmCommand)

/** Any event the Schema accepts, for robustness properties of `evolve` and the read models. */
export const anyEvent: fc.Arbitrary<UmkmEvent> = Arbitrary.make(UmkmEvent)
