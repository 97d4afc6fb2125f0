/**
 * What the OpenAPI document says of OPOP's operations. Who may issue a command is the domain's
 * own table (`Authorization.permissions`: its policy and its rule in words), never restated
 * here; examples are the demo's pesantren (Tebuireng, Lirboyo, Sidogiri, Al-Amien Prenduan) and
 * their products.
 */
import { Authorization } from "@jatim/opop"
import type * as CommandTable from "../CommandTable.js"
import { byRule, type OperationDoc, type ProgramDoc, role, sees, wholeList } from "../docs.js"
import { paged } from "../paging.js"
import type { opopCommands } from "./commands.js"

/** The roles each policy of `Authorization` admits. */
const policyRoles: { readonly [P in Authorization.Policy]: string } = {
  DINAS_OFFICER: role.dinas,
  CURATOR: role.curator,
  OWN_PESANTREN_ADMIN: `the pesantren's own ${role.pesantrenAdmin}`,
  OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER: `the pesantren's own ${role.pesantrenAdmin}, or ${role.dinas}`
}

/** Who may issue the OPOP command `tag`: the roles of its policy, and the domain's rule. */
const who = (tag: Authorization.CommandTag): string => {
  const { policy, rule }: Authorization.Permission = Authorization.permissions[tag]
  return byRule(policyRoles[policy], rule(undefined))
}

/** A product's commands answer 404 to an actor who may not know of the product (not public yet, and not theirs). */
const productHidden = "A product the caller may not see (not public yet, and not its pesantren's) answers 404, as if it did not exist."

/** Who sees the pesantren directory's entries in full: the Dinas and each pesantren's own admin; others without the pengasuh's name. */
const directoryViewers = sees.trimmed(
  `${role.dinas} and the pesantren's own ${role.pesantrenAdmin}`,
  "without the pengasuh's name (a person's name)"
)

/** OPOP's groups: their prefix, and what its commands are about. */
export const opopProgram: ProgramDoc = {
  prefix: "/opop",
  name: "OPOP",
  meaning:
    "One Pesantren One Product: pondok pesantren register with the Dinas and link their cooperative (Kopontren); each develops products " +
    "through curation (kurasi), certification and marketing, and designates one flagship product."
}

/** The OPOP command endpoints' documentation, by endpoint name. */
export const opopCommandDocs: CommandTable.Docs<typeof opopCommands> = {
  registerPesantren: {
    summary: "Register a pesantren in OPOP",
    who: who("RegisterPesantren"),
    what: "Registers a pondok pesantren by its NSPP (12 digits, the Kemenag number): name, kabupaten/kota, pengasuh and santri count. It starts unverified.",
    example: {
      nspp: "510035290004",
      name: "Pondok Pesantren Al-Amien Prenduan",
      regionCode: "35.29",
      pengasuh: "KH. Ahmad Fauzi Tidjani",
      santriCount: 6000
    }
  },
  linkKopontren: {
    summary: "Link the pesantren's cooperative (Kopontren)",
    who: who("LinkKopontren"),
    what: "Links the pesantren's Kopontren by its NIK Koperasi: the cooperative through which it makes and sells its products (and lists them on TOMIKO).",
    example: { nspp: "510035290004", nik: "3529010000000004" }
  },
  replaceKopontren: {
    summary: "Replace a pesantren's Kopontren by a Dinas decision",
    who: who("ReplaceKopontren"),
    what: "Puts another cooperative in place of the pesantren's Kopontren, with the reason of the Dinas decision: from then on that cooperative makes and sells its products (and lists them on TOMIKO). A pesantren without a Kopontren links one instead.",
    example: { nspp: "510035170001", nik: "3517010000000009", reason: "Keputusan Dinas: Kopontren lama dibubarkan" }
  },
  verifyPesantren: {
    summary: "Verify a pesantren",
    who: who("VerifyPesantren"),
    what: "The Dinas verifies a registered pesantren: only a verified pesantren, not suspended, designates a flagship product.",
    example: { nspp: "510035290004" }
  },
  suspendPesantren: {
    summary: "Suspend a pesantren",
    who: who("SuspendPesantren"),
    what: "Suspends a pesantren, with the reason: a suspended pesantren proposes no product and designates no flagship until it is reinstated.",
    example: { nspp: "510035140003", reason: "Izin operasional Kemenag sedang diperpanjang" }
  },
  reinstatePesantren: {
    summary: "Lift a pesantren's suspension",
    who: who("ReinstatePesantren"),
    what: "Reinstates a suspended pesantren.",
    example: { nspp: "510035140003" }
  },
  retireFlagship: {
    summary: "Retire the pesantren's flagship product",
    who: who("RetireFlagship"),
    what: "Retires the pesantren's active flagship product (One Pesantren One Product: at most one at a time), with the reason; the pesantren may then designate another.",
    example: { nspp: "510035710002", productId: "batik-tulis", reason: "Diganti produk unggulan baru" }
  },
  designateFlagship: {
    summary: "Designate the pesantren's flagship product",
    who: who("DesignateFlagship"),
    what:
      "Designates the pesantren's one flagship product (One Pesantren One Product): a curated, market-ready product of its own, graded BERKEMBANG or UNGGULAN " +
      "(the grade is read from the product's stream). `retiring` names the active flagship it replaces, as the caller last saw it: a designation made " +
      "from an outdated view is refused, so two designations never race past the rule.",
    example: { nspp: "510035140003", productId: "kopi-arabika" }
  },
  proposeProduct: {
    summary: "Propose a product of the pesantren",
    who: who("ProposeProduct"),
    what:
      "Proposes a product (category, description, unit price in whole rupiah, monthly capacity): the first stage before curation. The pesantren must be " +
      "registered and not suspended (read from its stream, never from the request).",
    example: {
      productId: "madu-hutan",
      nspp: "510035170001",
      name: "Madu Hutan Tebuireng",
      category: "MAKANAN",
      description: "Madu Hutan Tebuireng, produk unggulan pesantren",
      unitPrice: 90000,
      monthlyCapacity: 400
    }
  },
  submitProductForCuration: {
    summary: "Submit a product for curation (kurasi)",
    who: who("SubmitProductForCuration"),
    what: `Submits a proposed product for curation, where a curator scores it. ${productHidden}`,
    example: { productId: "madu-hutan" }
  },
  scoreProduct: {
    summary: "Score a product in curation",
    who: who("ScoreProduct"),
    what:
      "A curator scores a product in curation on six criteria, 1 to 3 each (business legality, product legality, quality and capacity, packaging, " +
      "market network, competitiveness): the total gives its grade, PEMULA, BERKEMBANG or UNGGULAN. Food and drink need a valid halal certificate and " +
      `P-IRT or BPOM before they are graded market-ready. ${productHidden}`,
    example: {
      productId: "madu-hutan",
      scores: { businessLegality: 3, productLegality: 3, qualityAndCapacity: 2, packaging: 3, marketNetwork: 2, competitiveness: 3 }
    }
  },
  addCertificate: {
    summary: "Add a certificate to a product",
    who: who("AddCertificate"),
    what: `Records a certificate of the product: halal, P-IRT (15 digits, valid 5 years, its region and expiry year checked), BPOM, trademark or SNI. ${productHidden}`,
    example: {
      productId: "madu-hutan",
      certificate: { _tag: "PIRT", number: "206351701000130", issuedOn: "2025-01-15" }
    }
  },
  revokeCertificate: {
    summary: "Revoke a product's certificate",
    who: who("RevokeCertificate"),
    what: `Revokes one of the product's certificates (by kind and number), with the reason; a revoked number cannot be added again. ${productHidden}`,
    example: { productId: "kopi-arabika", kind: "PIRT", number: "206351701000130", reason: "Komposisi produk berubah" }
  },
  marketProduct: {
    summary: "Market a product on a channel",
    who: who("MarketProduct"),
    what: `Puts a market-ready product on a channel: OPOP Mart, the OPOP catalogue, a marketplace or an expo. A marketed product is public. ${productHidden}`,
    example: { productId: "kopi-arabika", channel: "OPOP_MART" }
  },
  withdrawProductFromMarket: {
    summary: "Withdraw a product from a channel",
    who: who("WithdrawProductFromMarket"),
    what: `Takes the product off one channel, with the reason. ${productHidden}`,
    example: { productId: "keripik-tempe", channel: "MARKETPLACE", reason: "Stok habis sampai panen berikutnya" }
  },
  repriceProduct: {
    summary: "Reprice a product",
    who: who("RepriceProduct"),
    what: `Changes the product's unit price in whole rupiah (the catalogue shows the new price; TOMIKO listings keep their own). The same price changes nothing. ${productHidden}`,
    example: { productId: "keripik-tempe", unitPrice: 17_500 }
  },
  changeMonthlyCapacity: {
    summary: "Change a product's monthly capacity",
    who: who("ChangeMonthlyCapacity"),
    what: `Changes how many units the pesantren can make in a month. The same capacity changes nothing. ${productHidden}`,
    example: { productId: "keripik-tempe", monthlyCapacity: 2_500 }
  },
  enrollSantripreneur: {
    summary: "Enroll a santri as a santripreneur",
    who: who("EnrollSantripreneur"),
    what: "Enrolls one of the pesantren's santri in the santripreneur program (santri who learn to run a business of their own), under an id the pesantren chooses.",
    example: { santriId: "santri-tebuireng-001", nspp: "510035170001", name: "Ahmad Fauzan" }
  },
  recordSantriTraining: {
    summary: "Record a santripreneur's training",
    who: who("RecordTraining"),
    what: "Records a training the santripreneur completed (entrepreneurship, production, packaging, digital marketing or bookkeeping); recording it again changes nothing.",
    example: { santriId: "santri-tebuireng-001", topic: "KEMASAN" }
  },
  startSantriVenture: {
    summary: "Record the venture a santripreneur started",
    who: who("StartVenture"),
    what: "Records the business the santripreneur started, its name and product category, once trained.",
    example: { santriId: "santri-tebuireng-001", ventureName: "Kripik Tempe Fauzan", category: "MAKANAN" }
  },
  graduateSantripreneur: {
    summary: "Graduate a santripreneur as independent",
    who: who("GraduateSantripreneur"),
    what: "Graduates the santripreneur as an independent entrepreneur, once the venture runs.",
    example: { santriId: "santri-tebuireng-001" }
  }
}

/** The OPOP queries' documentation, by endpoint name. */
export const opopQueryDocs = {
  listPesantren: {
    summary: "List the pesantren directory",
    who: directoryViewers,
    what: paged("The pesantren directory, by name: filter by kabupaten/kota, standing with the Dinas, or part of the name.")
  },
  getPesantren: {
    summary: "Get a pesantren of the directory",
    who: directoryViewers,
    what: "A pesantren of the directory by NSPP: its kabupaten/kota, santri count, Kopontren, standing with the Dinas and active flagship."
  },
  searchProducts: {
    summary: "Search the OPOP product catalogue",
    who: sees.trimmed(
      `${role.dinas}, the ${role.pesantrenAdmin} of a product's pesantren, and a ${role.curator} while the product awaits a score,`,
      "the public products only (curated, or on a market channel)"
    ),
    what: paged("The OPOP product catalogue, by name: filter by category, grade, kabupaten/kota, marketed or flagship products only.")
  },
  getProduct: {
    summary: "Get a product of the catalogue",
    who: sees.trimmed(
      `${role.dinas}, the ${role.pesantrenAdmin} of the product's pesantren, and a ${role.curator} while it awaits a score,`,
      "a public product only (one not public yet answers 404)"
    ),
    what: "A product of the catalogue: its pesantren, kabupaten/kota, grade, channels and whether it is the flagship."
  },
  expiringCertificates: {
    summary: "List the certificates expiring in the next N days",
    who: sees.privateList(`${role.dinas} (every product's) and a ${role.pesantrenAdmin} (its own products')`),
    what:
      "The certificates in force on OPOP products (halal with a date, P-IRT, BPOM, trademark, SNI) whose last valid day falls " +
      "within the next `days` days (30 by default), soonest first, with the days each has left: a work list for renewals. " +
      "A certificate past its day is recorded as expired at the next WIB midnight, and a food product that no longer meets the " +
      "market rule leaves every channel until a valid certificate is added. A halal certificate without a term never expires. " +
      wholeList("the window (at most 3,650 days) and the certificates in force")
  },
  flagshipTargets: {
    summary: "Get OPOP flagship products against the program's targets, by year",
    who: sees.public,
    what:
      "For each year from 2019 (the program's launch) through `through` (this year by default): the flagship products active on " +
      "31 December (WIB) and those designated during the year, province-wide beside the program's targets (1,000 by 2023, " +
      "about 1,210 by 2024) and the share reached, and per kabupaten/kota (`region` for one). A retirement recorded before " +
      "retirements carried their day counts from the designation's day (adr/0089). Counts only. " +
      wholeList("the years since 2019 and the 38 kabupaten/kota")
  },
  getSantri: {
    summary: "Get a santripreneur's record",
    who: sees.private(`${role.dinas} and the ${role.pesantrenAdmin} of the santri's pesantren`),
    what: "A santripreneur's record (santri who become entrepreneurs): enrolled by the pesantren, trained, venture started, graduated as independent."
  },
  dashboard: {
    summary: "Get the OPOP dashboards, province and per kabupaten/kota",
    who: sees.public,
    what: `The OPOP dashboards: pesantren (registered, verified, suspended, santri), products (by category and grade, marketed), active flagships and santripreneurs, for the province and each kabupaten/kota (counts only). ${wholeList("the 38 kabupaten/kota")}`
  }
} as const satisfies { readonly [name: string]: OperationDoc }
