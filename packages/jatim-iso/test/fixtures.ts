import { Identifier, Rupiah } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"
import { Schema } from "effect"
import { Listing, type Training, UmkmCommand, UmkmEvent } from "../src/index.js"

export const nib = Identifier.Nib.make("9120001234567")
export const otherNib = Identifier.Nib.make("8120009876543")
export const owner = { _tag: "UMKM_OWNER", nib } as const
export const otherOwner = { _tag: "UMKM_OWNER", nib: otherNib } as const
/** Sri's UMKM registered by its owner. */
export const register = new UmkmCommand.RegisterUmkm({
  actor: owner,
  nib,
  businessName: "Keripik Bu Sri",
  ownerName: "Sri Wahyuni",
  region: "35.07",
  sector: "KULINER",
  scale: "MIKRO"
})
export const officer = { _tag: "DINAS_OFFICER", officerId: "dinas-017" } as const
export const curator = { _tag: "CURATOR", curatorId: "kurator-3" } as const
export const learnerId = Integration.CourseCompleted.fields.learnerId.make("L-2025-000123")
export const learner = { _tag: "LEARNER", learnerId } as const

export const t0 = new Date("2025-03-01T02:00:00Z")
export const epoch = new Date(0)

/** A valid certificate number (SJW-0000-0000-0001-01: code 1, check 1 mod 997 → "01"). */
export const certificateNumber = Schema.decodeUnknownSync(Integration.CourseCompleted.fields.certificateNumber)("SJW-0000-0000-0001-01")
export const certificate: Training.TrainingSource = {
  _tag: "SIJAWARA_CERTIFICATE",
  certificateNumber,
  learnerId,
  courseId: Integration.CourseCompleted.fields.courseId.make("kemasan-101")
}
export const workshop: Training.Workshop = {
  _tag: "WORKSHOP",
  workshopName: "Pelatihan Kemasan UPT Surabaya",
  heldOn: new Date("2025-02-20T00:00:00Z")
}

export const listingId = Listing.ListingId.make("keripik-tempe")
export const details: Listing.ListingDetails = {
  productName: "Keripik tempe 200 g",
  price: Rupiah.unsafeMake(15_000),
  weightGrams: 200,
  photos: ["https://cdn.example.id/1.jpg", "https://cdn.example.id/2.jpg", "https://cdn.example.id/3.jpg"],
  checklist: Listing.completeChecklist
}

export const registered = new UmkmEvent.UmkmRegistered({
  nib,
  businessName: "Keripik Bu Sri",
  ownerName: "Sri Wahyuni",
  region: "35.07",
  sector: "KULINER",
  scale: "MIKRO",
  at: t0
})
export const verified = new UmkmEvent.LegalityVerified({ nib, at: t0 })
export const rejected = new UmkmEvent.LegalityRejected({ nib, reason: "NIB tidak aktif", at: t0 })
export const kemasan = new UmkmEvent.TrainingRecorded({ nib, training: "KEMASAN", source: certificate, at: t0 })
export const pemasaran = new UmkmEvent.TrainingRecorded({ nib, training: "PEMASARAN_DIGITAL", source: workshop, at: t0 })
export const submitted = new UmkmEvent.ListingSubmitted({ nib, listingId, details, at: t0 })
export const approved = new UmkmEvent.ListingApproved({ nib, listingId, at: t0 })
export const sentBack = new UmkmEvent.ListingSentBack({ nib, listingId, notes: "Foto buram", at: t0 })
export const storefront = new UmkmEvent.StorefrontOpened({ nib, marketplace: "SHOPEE", url: "https://shopee.co.id/keripik-bu-sri", at: t0 })
export const onboarded = new UmkmEvent.OnboardingCompleted({ nib, at: t0 })
export const withdrawn = new UmkmEvent.UmkmWithdrawn({ nib, reason: "Tutup usaha", at: t0 })

/** Every requirement met, onboarding not completed yet. */
export const ready = [registered, verified, kemasan, pemasaran, submitted, approved, storefront]
