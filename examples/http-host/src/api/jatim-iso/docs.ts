/**
 * What the OpenAPI document says of JATIM ISO's operations. Who may issue a command is what
 * `Umkm.decide` checks (its `authorize`, and `Umkm.authorizeCertificate` for a Sijawara
 * certificate); examples are the demo's UMKM: Keripik Bu Siti (onboarded), Batik Tulis Sekar
 * Jagad (registered) and Anyaman Bambu Lestari (legality verified), and a new one to register.
 */
import { Listing } from "@jatim/jatim-iso"
import type * as CommandTable from "../CommandTable.js"
import { type OperationDoc, type ProgramDoc, role, sees, wholeList } from "../docs.js"
import { paged } from "../paging.js"
import type { jatimIsoCommands } from "./commands.js"

/** The UMKM's own owner. */
const owner = `the ${role.umkmOwner} of the UMKM (its NIB)`

/** A step only the Dinas takes. */
const dinasOnly = `${role.dinas} only.`

/** The details of Keripik Bu Siti's new listing, as submitted (and, with a clearer second photo, revised). */
const keripikTempe = {
  productName: "Keripik Tempe 500 g",
  price: 40000,
  weightGrams: 500,
  photos: ["https://example.org/keripik/4.jpg", "https://example.org/keripik/5.jpg", "https://example.org/keripik/6.jpg"],
  checklist: Listing.completeChecklist
}

/** JATIM ISO's groups: their prefix, and what its commands are about. */
export const jatimIsoProgram: ProgramDoc = {
  prefix: "/jatim-iso",
  name: "JATIM ISO",
  meaning:
    "Bringing UMKM into e-commerce: a UMKM registers, the Dinas verifies its legality, trainings in packaging and digital marketing are " +
    "recorded, its listings are reviewed (and revised when sent back), storefronts open and close on the marketplaces of the registry " +
    "the Dinas keeps, and the Dinas completes its onboarding."
}

/** The JATIM ISO command endpoints' documentation, by endpoint name. */
export const jatimIsoCommandDocs: CommandTable.Docs<typeof jatimIsoCommands> = {
  registerUmkm: {
    summary: "Register a UMKM for onboarding",
    who: `${owner} only.`,
    what:
      "Registers a UMKM (micro, small or medium enterprise) by its NIB from OSS: business, owner, kabupaten/kota, sector and scale (mikro, kecil, " +
      "menengah). The first step of its onboarding into e-commerce.",
    example: {
      nib: "9120001234570",
      businessName: "Sambal Pecel Bu Darmi",
      ownerName: "Darmi",
      region: "35.19",
      sector: "KULINER",
      scale: "MIKRO"
    }
  },
  verifyLegality: {
    summary: "Verify a UMKM's legality",
    who: dinasOnly,
    what: "The Dinas verifies the UMKM's legality (its NIB and permits): one of the requirements of a completed onboarding.",
    example: { nib: "9120001234568" }
  },
  rejectLegality: {
    summary: "Reject a UMKM's legality",
    who: dinasOnly,
    what: "The Dinas rejects the UMKM's legality, with the reason.",
    example: { nib: "9120001234568", reason: "NIB tidak sesuai dengan data OSS" }
  },
  recordTraining: {
    summary: "Record a training of a UMKM",
    who:
      `for a workshop of the provincial training unit, ${role.dinas} only; for a Sijawara certificate, ${role.dinas} or the ${role.learner} ` +
      "the certificate names.",
    what:
      "Records a training (kemasan, pemasaran digital or foto produk; the first two are required to complete onboarding): a workshop attended, or a " +
      "Sijawara certificate, which counts only if Sijawara issued it for a course of that topic to a learner linked to the UMKM when they completed it.",
    example: {
      nib: "9120001234569",
      training: "KEMASAN",
      source: { _tag: "WORKSHOP", workshopName: "Kemasan Produk UPT Surabaya", heldOn: "2026-10-12T02:00:00.000Z" }
    }
  },
  submitListing: {
    summary: "Submit a product listing for review",
    who: `${owner} only.`,
    what: "Submits a product listing for the Dinas to review: product name, price, weight, at least 3 photos and the packaging checklist.",
    example: {
      nib: "9120001234567",
      listingId: "keripik-tempe-500g",
      details: keripikTempe
    }
  },
  approveListing: {
    summary: "Approve a listing",
    who: dinasOnly,
    what: "Approves a listing under review: an approved listing is one of the requirements of a completed onboarding.",
    example: { nib: "9120001234567", listingId: "keripik-tempe-500g" }
  },
  sendBackListing: {
    summary: "Send a listing back to its owner",
    who: dinasOnly,
    what: "Sends a listing under review back to the owner with notes on what to change.",
    example: { nib: "9120001234567", listingId: "keripik-tempe-500g", notes: "Foto kedua buram; tambahkan komposisi pada label" }
  },
  reviseListing: {
    summary: "Revise a listing that was sent back",
    who: `${owner} only.`,
    what:
      "The owner revises a listing the Dinas sent back, with its corrected details (the same rules as a submission: a price, a weight, at least " +
      "3 photos, every packaging checklist item): it goes back under review. Only a listing sent back is revised.",
    example: {
      nib: "9120001234567",
      listingId: "keripik-tempe-500g",
      details: {
        ...keripikTempe,
        photos: [...keripikTempe.photos.slice(0, 1), "https://example.org/keripik/7.jpg", ...keripikTempe.photos.slice(2)]
      }
    }
  },
  openStorefront: {
    summary: "Open a storefront on a marketplace",
    who: `${owner}, or ${role.dinas}.`,
    what:
      "Records the UMKM's storefront on a marketplace by its address (on the marketplace's domain). The marketplace is named by its code and " +
      "looked up in the marketplace registry (`GET /jatim-iso/marketplaces`): only an active one counts (422 `MarketplaceNotActive` otherwise).",
    example: { nib: "9120001234567", marketplace: "TOKOPEDIA", url: "https://www.tokopedia.com/keripikbusiti" }
  },
  closeStorefront: {
    summary: "Close a storefront",
    who: `${owner}, or ${role.dinas}.`,
    what:
      "Records that the UMKM's storefront on a marketplace closed, with the reason. Before onboarding completes, an open storefront is " +
      "required again; a completed onboarding stays completed. A storefront may open again on the same marketplace later.",
    example: { nib: "9120001234567", marketplace: "SHOPEE", reason: "Pindah ke marketplace lain" }
  },
  completeOnboarding: {
    summary: "Complete a UMKM's onboarding",
    who: dinasOnly,
    what: "Completes the onboarding, only when legality is verified, both core trainings are recorded, a listing is approved and a storefront is open.",
    example: { nib: "9120001234567" }
  },
  addMarketplace: {
    summary: "Add a marketplace to the registry",
    who: dinasOnly,
    what:
      "Adds a marketplace UMKM may open storefronts on: its code (upper-case, never reused), its name and the domain its storefronts live under. " +
      "The 2019 partners (Bukalapak, Shopee, Tokopedia, Blibli) are the registry's founding entries.",
    example: { code: "TIKTOK_SHOP", name: "TikTok Shop", domain: "tiktok.com" }
  },
  retireMarketplace: {
    summary: "Retire a marketplace",
    who: dinasOnly,
    what: "Retires a marketplace of the registry, with the reason: no new storefront opens on it; storefronts already open on it stay.",
    example: { code: "BUKALAPAK", reason: "Bukalapak tidak lagi melayani penjualan produk fisik" }
  },
  withdrawUmkm: {
    summary: "Withdraw a UMKM from onboarding",
    who: `${owner}, or ${role.dinas}.`,
    what: "Withdraws the UMKM from the program, with the reason.",
    example: { nib: "9120001234568", reason: "Usaha berhenti beroperasi" }
  }
}

/** The JATIM ISO queries' documentation, by endpoint name. */
export const jatimIsoQueryDocs = {
  getUmkm: {
    summary: "Get a UMKM's onboarding",
    who: sees.private(`${role.dinas} and ${owner}`),
    what: "Where a UMKM's onboarding stands: legality, trainings, listings and their review, storefronts, and whether it is completed."
  },
  funnel: {
    summary: "Get the onboarding funnel",
    who: sees.public,
    what: "How many registered UMKM are at each onboarding stage, in the province or one kabupaten/kota (`?region=`): counts only."
  },
  marketplaces: {
    summary: "List the marketplace registry",
    who: sees.public,
    what: `The marketplaces storefronts open on: code, name, domain, and whether active or retired (with when). ${wholeList("the registry's marketplaces")}`
  },
  timeToOnboard: {
    summary: "Get the time to onboard",
    who: sees.public,
    what:
      "How long onboarding takes, from a UMKM's registration to its completed onboarding, in days: how many completed, the average, the " +
      "median, the fastest and the slowest, in the province or one kabupaten/kota (`?region=`). Numbers only, no business named; " +
      "`summary` is null while no onboarding has completed there."
  },
  stalled: {
    summary: "List stalled onboardings",
    who: sees.privateList(`${role.dinas} (all of them) and each ${role.umkmOwner} (its own)`),
    what: paged(
      "UMKM neither onboarded nor withdrawn, idle for more than `?days=` days (14 when absent), longest idle first, with what each still needs: " +
        "filter by kabupaten/kota (`?region=`)."
    )
  }
} as const satisfies { readonly [name: string]: OperationDoc }
