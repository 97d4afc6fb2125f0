/**
 * The demo data, as steps through the domains' command handlers (never by writing rows):
 * pesantren in several kabupaten/kota with their products through curation, certification and
 * marketing; courses, learners and enrollments in Sijawara; primary and secondary cooperatives,
 * listings and orders in every state in TOMIKO; UMKM at several onboarding stages in JATIM ISO.
 */
import { Schema } from "effect"
import { Identifier, Rupiah } from "@jatim/kernel"
import { Commands as JatimIsoCommands, Listing, UmkmCommand } from "@jatim/jatim-iso"
import {
  AcceptanceSaga,
  KoperasiCommand,
  ListingCommand,
  ListingId,
  OrderCommand,
  OrderId,
  type PaymentTerms,
  Commands as TomikoCommands
} from "@jatim/tomiko"
import { Commands as OpopCommands, PesantrenCommand, Product, ProductCommand, ProductId } from "@jatim/opop"
import { Commands as SijawaraCommands, CourseCommand, EnrollmentCommand, Ids, LearnerCommand } from "@jatim/sijawara"
import { handleOptions } from "../api/common.js"
import { actors, decodeActor } from "./actors.js"
import { type DemoStep, unlessRecorded } from "./step.js"

/** Decodes a command from its JSON form with the domain's own Schema. */
const command = <A, I extends { readonly _tag: string }>(
  schema: Schema.Schema<A, I> & { readonly _tag: I["_tag"] },
  fields: { readonly [K in Exclude<keyof I, "_tag">]?: unknown }
): A => Schema.decodeUnknownSync(schema)({ _tag: schema._tag, ...fields })

/** The NIB of Siti's UMKM, whose training the Sijawara process manager records from her certificate. */
export const sitiNib = Schema.decodeUnknownSync(Identifier.Nib)("9120001234567")

const pesantren = [
  {
    nspp: "510035170001",
    name: "Pondok Pesantren Tebuireng",
    regionCode: "35.17",
    pengasuh: "KH. Abdul Hakim Mahfudz",
    santriCount: 4200,
    admin: actors.tebuireng
  },
  {
    nspp: "510035710002",
    name: "Pondok Pesantren Lirboyo",
    regionCode: "35.71",
    pengasuh: "KH. Anwar Manshur",
    santriCount: 9000,
    admin: actors.lirboyo
  },
  {
    nspp: "510035140003",
    name: "Pondok Pesantren Sidogiri",
    regionCode: "35.14",
    pengasuh: "KH. Fuad Noerhasan",
    santriCount: 8000,
    admin: actors.sidogiri
  },
  {
    nspp: "510035290004",
    name: "Pondok Pesantren Al-Amien Prenduan",
    regionCode: "35.29",
    pengasuh: "KH. Ahmad Fauzi Tidjani",
    santriCount: 6000,
    admin: actors.alAmien
  }
] as const

const products = [
  {
    productId: "keripik-tempe",
    nspp: "510035170001",
    name: "Keripik Tempe Santri",
    category: "MAKANAN",
    unitPrice: 15000,
    monthlyCapacity: 2000,
    total: 17,
    food: true,
    channels: ["OPOP_MART", "MARKETPLACE"],
    flagship: true
  },
  {
    productId: "batik-tulis",
    nspp: "510035710002",
    name: "Batik Tulis Lirboyo",
    category: "KERAJINAN",
    unitPrice: 350000,
    monthlyCapacity: 120,
    total: 14,
    food: false,
    channels: ["KATALOG_OPOP"],
    flagship: true
  },
  {
    productId: "kopi-arabika",
    nspp: "510035140003",
    name: "Kopi Arabika Sidogiri",
    category: "MINUMAN",
    unitPrice: 65000,
    monthlyCapacity: 800,
    total: 13,
    food: true,
    channels: ["EXPO"],
    flagship: false
  },
  {
    productId: "sarung-tenun",
    nspp: "510035290004",
    name: "Sarung Tenun Prenduan",
    category: "FASHION",
    unitPrice: 180000,
    monthlyCapacity: 300,
    total: 9,
    food: false,
    channels: [],
    flagship: false
  },
  {
    productId: "madu-hutan",
    nspp: "510035170001",
    name: "Madu Hutan Tebuireng",
    category: "MAKANAN",
    unitPrice: 90000,
    monthlyCapacity: 400,
    total: 0,
    food: true,
    channels: [],
    flagship: false
  }
] as const

const adminOf = (nspp: string) => pesantren.find((p) => p.nspp === nspp)?.admin ?? actors.dinas

/** Scores 1–3 on six criteria adding up to `total` (6–18). */
const scores = (total: number) => {
  let rest = total - 6
  const next = () => {
    const extra = Math.min(2, rest)
    rest -= extra
    return 1 + extra
  }
  return {
    businessLegality: next(),
    productLegality: next(),
    qualityAndCapacity: next(),
    packaging: next(),
    marketNetwork: next(),
    competitiveness: next()
  }
}

const content = (title: string) => ({
  title,
  modules: [
    {
      moduleId: "m1",
      title: "Fungsi kemasan",
      lessons: [
        { lessonId: "m1.l1", title: "Melindungi produk" },
        { lessonId: "m1.l2", title: "Menjual produk" }
      ],
      quiz: {
        passMark: 50,
        questions: [
          { prompt: "Fungsi utama kemasan?", choices: ["Melindungi", "Menghias"], answer: 0 },
          { prompt: "Label wajib memuat?", choices: ["Harga", "Komposisi", "Warna"], answer: 1 }
        ]
      }
    },
    {
      moduleId: "m2",
      title: "Label dan izin",
      lessons: [{ lessonId: "m2.l1", title: "P-IRT dan halal" }],
      quiz: {
        passMark: 100,
        questions: [{ prompt: "P-IRT berapa digit?", choices: ["13", "15"], answer: 1 }]
      }
    }
  ]
})

/** A demo order: its id, buyer, seller, listing, quantity and payment terms. */
type DemoOrder = readonly [id: string, buyer: string, seller: string, listingId: string, quantity: number, terms: PaymentTerms.PaymentTerms]

/** A UMKM command on the UMKM's stream, through JATIM ISO's command handling. */
const onUmkm = (c: UmkmCommand.UmkmCommand) => JatimIsoCommands.umkm(c)

/** The steps of the demo, each one command. */
export const steps = (): ReadonlyArray<DemoStep> => {
  const list: Array<DemoStep> = []
  // OPOP
  for (const p of pesantren) {
    list.push(
      OpopCommands.pesantren(
        command(PesantrenCommand.RegisterPesantren, {
          actor: actors.dinas,
          nspp: p.nspp,
          name: p.name,
          regionCode: p.regionCode,
          pengasuh: p.pengasuh,
          santriCount: p.santriCount
        })
      )
    )
    list.push(
      OpopCommands.pesantren(
        command(PesantrenCommand.LinkKopontren, {
          actor: p.admin,
          nspp: p.nspp,
          nik: `${p.regionCode.replace(".", "")}01000000000${p.nspp.slice(-1)}`
        })
      )
    )
    if (p.nspp !== "510035290004") {
      list.push(OpopCommands.pesantren(command(PesantrenCommand.VerifyPesantren, { actor: actors.dinas, nspp: p.nspp })))
    }
  }
  for (const p of products) {
    const admin = adminOf(p.nspp)
    // The pesantren's standing is read from its stream by the command layer, never given.
    list.push(
      OpopCommands.proposeProduct(
        Schema.decodeUnknownSync(OpopCommands.ProposalRequest)({
          actor: admin,
          productId: p.productId,
          nspp: p.nspp,
          name: p.name,
          category: p.category,
          description: `${p.name}, produk unggulan pesantren`,
          unitPrice: p.unitPrice,
          monthlyCapacity: p.monthlyCapacity
        })
      )
    )
    if (p.total === 0) continue
    if (p.food) {
      list.push(
        OpopCommands.product(
          command(ProductCommand.AddCertificate, {
            actor: admin,
            productId: p.productId,
            certificate: { _tag: "HALAL", number: "ID35110000123450922", issuedOn: "2025-03-01", validUntil: "2029-02-28" }
          })
        )
      )
      list.push(
        OpopCommands.product(
          command(ProductCommand.AddCertificate, {
            actor: admin,
            productId: p.productId,
            certificate: { _tag: "PIRT", number: "206351701000130", issuedOn: "2025-01-15" }
          })
        )
      )
    }
    const submit = command(ProductCommand.SubmitProductForCuration, { actor: admin, productId: p.productId })
    list.push(unlessRecorded(Product.streamName(submit.productId), "ProductSubmittedForCuration", OpopCommands.product(submit)))
    list.push(
      OpopCommands.product(command(ProductCommand.ScoreProduct, { actor: actors.curator, productId: p.productId, scores: scores(p.total) }))
    )
    for (const channel of p.channels) {
      list.push(OpopCommands.product(command(ProductCommand.MarketProduct, { actor: admin, productId: p.productId, channel })))
    }
    if (p.flagship) {
      list.push(
        OpopCommands.designateFlagship({
          actor: admin,
          nspp: Schema.decodeUnknownSync(PesantrenCommand.VerifyPesantren.fields.nspp)(p.nspp),
          productId: Schema.decodeUnknownSync(ProductCommand.MarketProduct.fields.productId)(p.productId)
        })
      )
    }
  }
  // Sijawara
  const courseId = (id: string) => Schema.decodeUnknownSync(Ids.CourseId)(id)
  const learnerId = (id: string) => Schema.decodeUnknownSync(Ids.LearnerId)(id)
  for (const [id, title, publish] of [
    ["kemasan-101", "Kemasan produk UMKM", true],
    ["koperasi-digital", "Koperasi digital", false]
  ] as const) {
    list.push(
      SijawaraCommands.course(
        command(CourseCommand.DraftCourse, { actor: actors.dinas, courseId: id, topic: "KEMASAN", content: content(title) })
      )
    )
    if (publish) list.push(SijawaraCommands.course(command(CourseCommand.PublishCourse, { actor: actors.dinas, courseId: id })))
  }
  const people = [
    { id: "L-2025-000123", name: "Siti Aminah", region: "35.17", role: { _tag: "UMKM_OWNER", nib: "9120001234567" } },
    { id: "L-2025-000124", name: "Budi Santoso", region: "35.78", role: { _tag: "COOPERATIVE_MEMBER" } },
    { id: "L-2025-000125", name: "Dewi Lestari", region: "35.09", role: { _tag: "PUBLIC" } }
  ] as const
  for (const person of people) {
    list.push(
      SijawaraCommands.learner(
        command(LearnerCommand.RegisterLearner, {
          actor: actors.dinas,
          learnerId: person.id,
          name: person.name,
          region: person.region,
          role: person.role
        })
      )
    )
    list.push(
      SijawaraCommands.enroll({
        actor: decodeActor({ _tag: "LEARNER", learnerId: person.id }),
        learnerId: learnerId(person.id),
        courseId: courseId("kemasan-101")
      })
    )
  }
  // Links need both sides: the learner proposes, the business confirms. Siti proposes the link to
  // her UMKM and its owner's account confirms it; Budi proposes a link to the Koperasi Karyawan
  // Surabaya Sejahtera, of which he is a member, and its admin confirms.
  const asLearner = (id: string) => decodeActor({ _tag: "LEARNER", learnerId: id })
  const sitiUmkm = { _tag: "UMKM", nib: sitiNib }
  list.push(
    SijawaraCommands.learner(
      command(LearnerCommand.ProposeLink, { actor: asLearner("L-2025-000123"), learnerId: "L-2025-000123", business: sitiUmkm })
    )
  )
  list.push(
    SijawaraCommands.learner(
      command(LearnerCommand.ConfirmLink, {
        actor: decodeActor({ _tag: "UMKM_OWNER", nib: sitiNib }),
        learnerId: "L-2025-000123",
        business: sitiUmkm
      })
    )
  )
  const budiKoperasi = { _tag: "KOPERASI", nik: "3578010000000011" }
  list.push(
    SijawaraCommands.learner(
      command(LearnerCommand.ProposeLink, { actor: asLearner("L-2025-000124"), learnerId: "L-2025-000124", business: budiKoperasi })
    )
  )
  list.push(
    SijawaraCommands.learner(
      command(LearnerCommand.ConfirmLink, {
        actor: decodeActor({ _tag: "KOPERASI_ADMIN", nik: budiKoperasi.nik }),
        learnerId: "L-2025-000124",
        business: budiKoperasi
      })
    )
  )
  // Siti completes the course (and gets a certificate) while her link is in effect; Budi is under way.
  const siti = actors.learner
  for (const lessonId of ["m1.l1", "m1.l2", "m2.l1"]) {
    list.push(
      SijawaraCommands.enrollment(
        command(EnrollmentCommand.CompleteLesson, { actor: siti, learnerId: "L-2025-000123", courseId: "kemasan-101", lessonId })
      )
    )
  }
  for (const [moduleId, answers] of [
    ["m1", [0, 1]],
    ["m2", [1]]
  ] as const) {
    list.push(
      SijawaraCommands.enrollment(
        command(EnrollmentCommand.AttemptQuiz, { actor: siti, learnerId: "L-2025-000123", courseId: "kemasan-101", moduleId, answers })
      )
    )
  }
  list.push(
    SijawaraCommands.enrollment(
      command(EnrollmentCommand.CompleteLesson, {
        actor: decodeActor({ _tag: "LEARNER", learnerId: "L-2025-000124" }),
        learnerId: "L-2025-000124",
        courseId: "kemasan-101",
        lessonId: "m1.l1"
      })
    )
  )
  // TOMIKO: four primary cooperatives in one secondary network, two listings, orders in several states.
  const kop = (nik: string) => decodeActor({ _tag: "KOPERASI_ADMIN", nik })
  const onKoperasi = (c: KoperasiCommand.KoperasiCommand) => TomikoCommands.koperasi(c)
  const primaries = [
    { nik: "3517010000000001", name: "Kopontren Tebuireng", regionCode: "35.17", members: 320 },
    { nik: "3578010000000011", name: "Koperasi Karyawan Surabaya Sejahtera", regionCode: "35.78", members: 150 },
    { nik: "3507010000000012", name: "KSU Tani Makmur Malang", regionCode: "35.07", members: 85 },
    { nik: "3509010000000013", name: "Koperasi Nelayan Puger Jember", regionCode: "35.09", members: 60 }
  ] as const
  const secondary = "3578020000000100"
  for (const p of primaries) {
    list.push(
      onKoperasi(
        command(KoperasiCommand.RegisterPrimaryKoperasi, {
          actor: actors.dinas,
          nik: p.nik,
          name: p.name,
          regionCode: p.regionCode,
          individualMembers: p.members
        })
      )
    )
  }
  // The founders are read from their own streams (registered primaries, just above).
  const nikKoperasi = Schema.decodeUnknownSync(Identifier.NikKoperasi)
  list.push(
    TomikoCommands.registerSecondaryKoperasi({
      actor: actors.dinas,
      nik: nikKoperasi(secondary),
      name: "Pusat Koperasi Jawa Timur",
      regionCode: "35.78",
      founders: primaries.map((p) => nikKoperasi(p.nik)),
      feeBasisPoints: Rupiah.BasisPoints.make(150),
      handleOptions: handleOptions(actors.dinas)
    })
  )
  for (const p of primaries) {
    list.push(
      onKoperasi(command(KoperasiCommand.JoinNetwork, { actor: kop(p.nik), nik: p.nik, secondary: { nik: secondary, type: "SEKUNDER" } }))
    )
  }
  const listings = [
    {
      listingId: "beras-premium-5kg",
      seller: "3517010000000001",
      name: "Beras Premium 5 kg",
      unitPrice: 75000,
      stock: 500,
      minimumOrderQuantity: 10
    },
    {
      listingId: "minyak-goreng-2l",
      seller: "3578010000000011",
      name: "Minyak Goreng 2 liter",
      unitPrice: 36000,
      stock: 300,
      minimumOrderQuantity: 12
    }
  ] as const
  for (const l of listings) {
    const c = command(ListingCommand.CreateListing, { actor: kop(l.seller), ...l })
    list.push(TomikoCommands.listing(c))
  }
  // An OPOP product on TOMIKO: Tebuireng's keripik tempe, listed by the Kopontren Tebuireng links
  // in OPOP (3517010000000001, above); its maker is read from OPOP's events.
  const keripik = command(ListingCommand.CreateListing, {
    actor: kop("3517010000000001"),
    listingId: "keripik-tempe-santri",
    seller: "3517010000000001",
    name: "Keripik Tempe Santri (dus 20 bungkus)",
    unitPrice: 240000,
    stock: 60,
    minimumOrderQuantity: 2
  })
  list.push(
    TomikoCommands.createListing({
      ...keripik,
      opopProductId: Schema.decodeUnknownSync(ProductId.ProductId)("keripik-tempe"),
      handleOptions: handleOptions(keripik.actor)
    })
  )
  const orderId = (id: string) => Schema.decodeUnknownSync(OrderId.OrderId)(id)
  const place = (...[id, buyer, seller, listingId, quantity, terms]: DemoOrder) =>
    TomikoCommands.placeOrder({
      actor: kop(buyer),
      orderId: orderId(id),
      buyer: Schema.decodeUnknownSync(Identifier.NikKoperasi)(buyer),
      seller: Schema.decodeUnknownSync(Identifier.NikKoperasi)(seller),
      terms,
      lines: [{ listingId: Schema.decodeUnknownSync(ListingId.ListingId)(listingId), quantity }]
    })
  const onOrder = (c: OrderCommand.OrderCommand) => TomikoCommands.order(c)
  const accept = (id: string, seller: string) => AcceptanceSaga.accept(orderId(id), kop(seller))
  const pay = (id: string, buyer: string, paymentId: string, amount: number) =>
    onOrder(command(OrderCommand.RecordPayment, { actor: kop(buyer), orderId: id, paymentId, amount }))
  // Settled: placed, accepted, shipped, delivered, invoiced, paid, settled.
  list.push(place("TMK-0001", "3578010000000011", "3517010000000001", "beras-premium-5kg", 20, "TEMPO_30"))
  list.push(accept("TMK-0001", "3517010000000001"))
  list.push(onOrder(command(OrderCommand.ShipOrder, { actor: kop("3517010000000001"), orderId: "TMK-0001" })))
  list.push(
    onOrder(command(OrderCommand.ConfirmDelivery, { actor: kop("3578010000000011"), orderId: "TMK-0001", bastNumber: "BAST/2026/0001" }))
  )
  list.push(onOrder(command(OrderCommand.InvoiceOrder, { actor: kop("3517010000000001"), orderId: "TMK-0001" })))
  list.push(pay("TMK-0001", "3578010000000011", "PAY-0001", 1500000))
  list.push(onOrder(command(OrderCommand.SettleOrder, { actor: kop(secondary), orderId: "TMK-0001" })))
  // Shipped, accepted, placed, cancelled and rejected orders.
  list.push(place("TMK-0002", "3507010000000012", "3517010000000001", "beras-premium-5kg", 50, "CASH"))
  list.push(accept("TMK-0002", "3517010000000001"))
  list.push(onOrder(command(OrderCommand.ShipOrder, { actor: kop("3517010000000001"), orderId: "TMK-0002" })))
  list.push(place("TMK-0003", "3509010000000013", "3578010000000011", "minyak-goreng-2l", 24, "TEMPO_14"))
  list.push(accept("TMK-0003", "3578010000000011"))
  list.push(place("TMK-0004", "3517010000000001", "3578010000000011", "minyak-goreng-2l", 12, "CASH"))
  list.push(place("TMK-0005", "3507010000000012", "3578010000000011", "minyak-goreng-2l", 12, "CASH"))
  list.push(onOrder(command(OrderCommand.CancelOrder, { actor: kop("3507010000000012"), orderId: "TMK-0005", reason: "Salah pesan" })))
  list.push(place("TMK-0006", "3509010000000013", "3517010000000001", "beras-premium-5kg", 10, "TEMPO_30"))
  list.push(
    onOrder(command(OrderCommand.RejectOrder, { actor: kop("3517010000000001"), orderId: "TMK-0006", reason: "Stok untuk pesanan lain" }))
  )
  // Orders that stay after shipment: delivered; invoiced; invoiced and partly paid (a partial
  // payment leaves the order INVOICED with `paid` below the total); paid in full but not settled
  // yet (PAID); delivered and disputed by the buyer (the dispute is a flag, the status stays).
  const shipped = (...order: DemoOrder) => {
    const [id, , seller] = order
    list.push(place(...order))
    list.push(accept(id, seller))
    list.push(onOrder(command(OrderCommand.ShipOrder, { actor: kop(seller), orderId: id })))
  }
  const delivered = (...order: DemoOrder) => {
    const [id, buyer] = order
    shipped(...order)
    list.push(onOrder(command(OrderCommand.ConfirmDelivery, { actor: kop(buyer), orderId: id, bastNumber: `BAST/2026/${id.slice(-4)}` })))
  }
  const invoiced = (...order: DemoOrder) => {
    const [id, , seller] = order
    delivered(...order)
    list.push(onOrder(command(OrderCommand.InvoiceOrder, { actor: kop(seller), orderId: id })))
  }
  // Delivered: 12 × 36.000 = 432.000, waiting for the invoice.
  delivered("TMK-0007", "3517010000000001", "3578010000000011", "minyak-goreng-2l", 12, "TEMPO_14")
  // Invoiced: 15 × 75.000 = 1.125.000 on 30 days' credit, nothing paid yet.
  invoiced("TMK-0008", "3509010000000013", "3517010000000001", "beras-premium-5kg", 15, "TEMPO_30")
  // Partly paid: 24 × 36.000 = 864.000, 400.000 paid.
  invoiced("TMK-0009", "3507010000000012", "3578010000000011", "minyak-goreng-2l", 24, "TEMPO_30")
  list.push(pay("TMK-0009", "3507010000000012", "PAY-0009-1", 400000))
  // Paid: 10 × 75.000 = 750.000 on 14 days' credit, in two payments, waiting for the secondary
  // cooperative to settle it (only tempo orders are invoiced: a CASH order is paid on delivery).
  invoiced("TMK-0010", "3578010000000011", "3517010000000001", "beras-premium-5kg", 10, "TEMPO_14")
  list.push(pay("TMK-0010", "3578010000000011", "PAY-0010-1", 500000))
  list.push(pay("TMK-0010", "3578010000000011", "PAY-0010-2", 250000))
  // Disputed: 20 × 75.000 delivered, the buyer disputes part of the goods.
  delivered("TMK-0011", "3509010000000013", "3517010000000001", "beras-premium-5kg", 20, "TEMPO_14")
  list.push(
    onOrder(
      command(OrderCommand.DisputeOrder, {
        actor: kop("3509010000000013"),
        orderId: "TMK-0011",
        reason: "Tiga karung beras basah terkena hujan saat bongkar muat"
      })
    )
  )
  // Acceptance failed: 300 cartons of oil, more than the 240 not yet reserved or shipped; the
  // saga releases what it reserved and the order ends ACCEPTANCE_FAILED.
  list.push(place("TMK-0012", "3517010000000001", "3578010000000011", "minyak-goreng-2l", 300, "CASH"))
  list.push(accept("TMK-0012", "3578010000000011"))

  // JATIM ISO: Siti's UMKM (her Sijawara certificate becomes a training through the process
  // manager), onboarded; two more at earlier stages.
  const owner = (nib: string) => decodeActor({ _tag: "UMKM_OWNER", nib })
  const umkms = [
    { nib: "9120001234567", businessName: "Keripik Bu Siti", ownerName: "Siti Aminah", region: "35.17", sector: "KULINER", scale: "MIKRO" },
    {
      nib: "9120001234568",
      businessName: "Batik Tulis Sekar Jagad",
      ownerName: "Rahayu",
      region: "35.26",
      sector: "FASHION",
      scale: "KECIL"
    },
    {
      nib: "9120001234569",
      businessName: "Anyaman Bambu Lestari",
      ownerName: "Slamet",
      region: "35.10",
      sector: "KERAJINAN",
      scale: "MIKRO"
    }
  ] as const
  for (const u of umkms) list.push(onUmkm(command(UmkmCommand.RegisterUmkm, { actor: owner(u.nib), ...u })))
  for (const nib of ["9120001234567", "9120001234569"]) list.push(onUmkm(command(UmkmCommand.VerifyLegality, { actor: actors.dinas, nib })))
  list.push(
    onUmkm(
      command(UmkmCommand.RecordTraining, {
        actor: actors.dinas,
        nib: sitiNib,
        training: "PEMASARAN_DIGITAL",
        source: { _tag: "WORKSHOP", workshopName: "Pemasaran Digital UPT Surabaya", heldOn: "2026-10-05T02:00:00.000Z" }
      })
    )
  )
  list.push(
    onUmkm(
      command(UmkmCommand.SubmitListing, {
        actor: owner(sitiNib),
        nib: sitiNib,
        listingId: "keripik-tempe-200g",
        details: {
          productName: "Keripik Tempe 200 g",
          price: 18000,
          weightGrams: 200,
          photos: ["https://example.org/keripik/1.jpg", "https://example.org/keripik/2.jpg", "https://example.org/keripik/3.jpg"],
          checklist: Listing.completeChecklist
        }
      })
    )
  )
  list.push(onUmkm(command(UmkmCommand.ApproveListing, { actor: actors.dinas, nib: sitiNib, listingId: "keripik-tempe-200g" })))
  list.push(
    JatimIsoCommands.openStorefront(
      Schema.decodeUnknownSync(JatimIsoCommands.StorefrontRequest)({
        actor: owner(sitiNib),
        nib: sitiNib,
        marketplace: "SHOPEE",
        url: "https://shopee.co.id/keripikbusiti"
      })
    )
  )
  return list
}

/** Steps that need the process managers to have run first (Siti's training from her Sijawara certificate). */
export const laterSteps = (): ReadonlyArray<DemoStep> => [
  onUmkm(command(UmkmCommand.CompleteOnboarding, { actor: actors.dinas, nib: sitiNib }))
]
