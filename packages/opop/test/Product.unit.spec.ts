import { describe, expect, it } from "vitest"
import { Effect, Either, Option, Schema } from "effect"
import { Actor, CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import { Decider, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { DeciderSpecification } from "@jatim/testing"
import { Certificate, FlagshipCandidate, PesantrenStanding, Product, ProductCommand, ProductError, ProductEvent } from "../src/index.js"
import {
  admin,
  batik,
  bpom,
  certified,
  curated,
  curator,
  date,
  dinas,
  everyone,
  halal,
  keripik,
  koperasiAdmin,
  now,
  nspp,
  otherAdmin,
  otherNspp,
  pirt,
  proposed,
  scoresTotalling,
  standing,
  submitted,
  today
} from "./fixtures.js"

const spec = DeciderSpecification.for(Product.decider)
/** The fixture halal certificate's date: it was issued under the old law, with one. */
const halalValidUntil = CalendarDate.unsafeMake("2027-02-28")

const propose = (actor: Actor.Actor) =>
  new ProductCommand.ProposeProduct({
    actor,
    productId: keripik,
    nspp,
    pesantren: standing(),
    name: "Keripik Tempe Santri",
    category: "MAKANAN",
    description: "Produk unggulan pesantren",
    unitPrice: Rupiah.unsafeMake(15_000),
    monthlyCapacity: 2_000
  })
const submit = (actor: Actor.Actor = admin, productId = keripik) => new ProductCommand.SubmitProductForCuration({ actor, productId })
const score = (total: number, actor: Actor.Actor = curator, productId = keripik) =>
  new ProductCommand.ScoreProduct({ actor, productId, scores: scoresTotalling(total) })
const add = (certificate: Certificate.CertificateSubmission, actor: Actor.Actor = admin, productId = keripik) =>
  new ProductCommand.AddCertificate({ actor, productId, certificate })
const revocationReason = "audit BPJPH menemukan pelanggaran"
const revoke = (certificate: Certificate.Certificate, actor: Actor.Actor = dinas, productId = keripik) =>
  new ProductCommand.RevokeCertificate({ actor, productId, kind: certificate._tag, number: certificate.number, reason: revocationReason })
/** The revocation `revoke(certificate)` records. */
const revokedEvent = (certificate: Certificate.Certificate) =>
  new ProductEvent.CertificateRevoked({ productId: keripik, kind: certificate._tag, number: certificate.number, reason: revocationReason })
const market = (channel: "OPOP_MART" | "EXPO" | "MARKETPLACE", actor: Actor.Actor = admin, productId = keripik) =>
  new ProductCommand.MarketProduct({ actor, productId, channel })
const marketed = (channel: "OPOP_MART" | "EXPO" | "MARKETPLACE", productId = keripik, since = today) =>
  new ProductEvent.ProductMarketed({ productId, channel, since })
const withdrawn = (channel: "OPOP_MART" | "EXPO" | "MARKETPLACE", reason: string, productId = keripik) =>
  new ProductEvent.ProductWithdrawnFromMarket({ productId, channel, reason })

/** A food product, curated BERKEMBANG with halal and P-IRT. */
const certifiedFood = [proposed(keripik), certified(keripik, halal), certified(keripik, pirt), submitted(keripik), curated(keripik, 14)]
/** A craft product, curated BERKEMBANG. */
const craft = [proposed(batik, "KERAJINAN"), submitted(batik), curated(batik, 13)]

describe("Product: proposal", () => {
  it("the pesantren's own admin proposes its product with category, description, unit price and capacity", () => {
    spec
      .given([])
      .when(propose(admin))
      .then([proposed(keripik)])
  })

  it("only the pesantren's own admin proposes its products", () => {
    for (const actor of everyone.filter((a) => a !== admin)) spec.given([]).when(propose(actor)).thenFailsWith("ActorNotAuthorized")
    spec
      .given([])
      .when(propose(otherAdmin))
      .then(
        new Actor.ActorNotAuthorized({
          actor: otherAdmin,
          action: "propose a product",
          rule: `only the pesantren's own admin (PESANTREN_ADMIN ${nspp}) proposes its products`
        })
      )
  })

  it("a product id is proposed once", () => {
    spec
      .given([proposed(keripik)])
      .when(propose(admin))
      .then(new ProductError.ProductAlreadyProposed({ productId: keripik }))
  })

  it("a product is proposed only for a registered pesantren that is not suspended, as its stream says", () => {
    const withStanding = (pesantren: ReturnType<typeof standing>) => new ProductCommand.ProposeProduct({ ...propose(admin), pesantren })
    spec
      .given([])
      .when(withStanding(standing(nspp, "UNREGISTERED")))
      .then(new ProductError.ProposalPesantrenNotRegistered({ productId: keripik, nspp }))
    spec
      .given([])
      .when(withStanding(standing(nspp, "SUSPENDED")))
      .then(new ProductError.ProposalPesantrenSuspended({ productId: keripik, nspp, reason: "izin operasional dicabut" }))
    // Another pesantren's standing does not vouch for this one.
    spec
      .given([])
      .when(withStanding(standing(otherNspp)))
      .thenFailsWith("PesantrenStandingUnverified")
  })

  it("a standing not read from the pesantren's stream is refused: a look-alike, one made from the prototype, a decoded one", () => {
    const real = standing(nspp)
    const lookAlike = { nspp, registered: true, verified: true, suspension: undefined }
    const fromPrototype: unknown = Object.assign(Object.create(Object.getPrototypeOf(real) as object), lookAlike)
    // The forgery under test: what TypeScript refuses (the type is branded), a caller's cast lets through.
    const forge = (value: unknown) => value as PesantrenStanding.PesantrenStanding
    for (const forged of [lookAlike, fromPrototype, { ...real }].map(forge)) {
      // The command Schema refuses it when the command is constructed or decoded…
      expect(() => new ProductCommand.ProposeProduct({ ...propose(admin), pesantren: forged })).toThrow()
      expect(
        Either.isLeft(
          Schema.decodeUnknownEither(ProductCommand.ProposeProduct)({
            ...Schema.encodeSync(ProductCommand.ProposeProduct)(propose(admin)),
            pesantren: forged
          })
        )
      ).toBe(true)
      // …and decide refuses it when the Schema was bypassed.
      const bypassed = new ProductCommand.ProposeProduct({ ...propose(admin), pesantren: forged }, true)
      spec
        .given([])
        .when(bypassed)
        .then(
          new ProductError.PesantrenStandingUnverified({
            productId: keripik,
            nspp,
            reason: "the standing it carries was not read from the pesantren's stream"
          })
        )
    }
    // Its facts cannot be changed once read, and neither a copy nor a JSON round-trip of it is one.
    expect(() => Object.assign(real, { registered: false })).toThrow()
    expect(PesantrenStanding.isRead(Object.assign({}, real))).toBe(false)
    expect(PesantrenStanding.isRead(JSON.parse(JSON.stringify(real)))).toBe(false)
  })
})

describe("Product: curation", () => {
  it("the admin submits the product, and only its own admin", () => {
    spec
      .given([proposed(keripik)])
      .when(submit())
      .then([submitted(keripik)])
    // Another pesantren's admin is not told the draft exists; the Dinas, who sees it, is told the rule.
    expect(
      spec
        .given([proposed(keripik)])
        .when(submit(otherAdmin))
        .thenFailsWith("ProductNotFound")
    ).toEqual(spec.given([]).when(submit(otherAdmin)).thenFailsWith("ProductNotFound"))
    spec
      .given([proposed(keripik)])
      .when(submit(dinas))
      .thenFailsWith("ActorNotAuthorized")
    spec
      .given([])
      .when(submit())
      .then(new ProductError.ProductNotFound({ productId: keripik, action: "submit it for curation" }))
    spec
      .given([proposed(keripik), submitted(keripik)])
      .when(submit())
      .thenFailsWith("InvalidProductTransition")
  })

  it("a curator scores six criteria, 1 to 3 each, and the total gives the grade", () => {
    const given = spec.given([proposed(batik, "KERAJINAN"), submitted(batik)]).at(now)
    given.when(score(11, curator, batik)).then([curated(batik, 11)])
    for (const [total, grade] of [
      [6, "PEMULA"],
      [11, "PEMULA"],
      [12, "BERKEMBANG"],
      [15, "BERKEMBANG"],
      [16, "UNGGULAN"],
      [18, "UNGGULAN"]
    ] as const) {
      given.when(score(total, curator, batik)).then([
        new ProductEvent.ProductCurated({
          productId: batik,
          scores: scoresTotalling(total),
          total,
          grade,
          curatorId: "kurator-07",
          curatedOn: today
        })
      ])
    }
  })

  it("only curators score products", () => {
    for (const actor of everyone.filter((a) => a._tag !== "CURATOR")) {
      const given = spec.given([proposed(batik, "KERAJINAN"), submitted(batik)])
      // Those who may see a product awaiting its score are told the rule; to others it does not exist.
      if (Product.canSee(actor, { nspp, status: "IN_CURATION", channels: [] })) {
        expect(given.when(score(12, actor, batik)).thenFailsWith("ActorNotAuthorized").message).toMatch(/only curators score products\.$/)
      } else {
        given.when(score(12, actor, batik)).thenFailsWith("ProductNotFound")
      }
    }
  })

  it("a curator scores only a product submitted for curation", () => {
    // A draft not yet submitted is its pesantren's business: to a curator it does not exist.
    spec
      .given([proposed(keripik)])
      .when(score(12))
      .then(new ProductError.ProductNotFound({ productId: keripik, action: "score it" }))
    // A curated product is public: the curator is told the rule.
    spec
      .given(craft)
      .when(score(12, curator, batik))
      .then(
        new ProductError.InvalidProductTransition({
          productId: batik,
          status: "CURATED",
          action: "score it",
          rule: "a curator scores only a product submitted for curation"
        })
      )
  })

  it("a curated product off the market may be curated again; a marketed one is withdrawn first", () => {
    spec
      .given(craft)
      .when(submit(admin, batik))
      .then([submitted(batik)])
    const error = spec
      .given([...craft, marketed("EXPO", batik)])
      .when(submit(admin, batik))
      .thenFailsWith("InvalidProductTransition")
    expect(error.message).toMatch(/curated again only off the market, and it is on EXPO/)
  })
})

describe("Product: food and drink need halal and P-IRT or BPOM to be graded market-ready", () => {
  const inCuration = [proposed(keripik), submitted(keripik)]

  it("without certificates a food product cannot be graded BERKEMBANG or UNGGULAN", () => {
    spec
      .given(inCuration)
      .at(now)
      .when(score(12))
      .then(
        new ProductError.CertificationRequired({
          productId: keripik,
          category: "MAKANAN",
          action: "be graded BERKEMBANG (a total of 12)",
          missing: ["a valid halal certificate", "a valid P-IRT or BPOM registration"],
          on: today
        })
      )
    const error = spec.given(inCuration).at(now).when(score(17)).thenFailsWith("CertificationRequired")
    expect(error.message).toMatch(/food and drink need a valid halal certificate and a valid P-IRT or BPOM registration/)
  })

  it("it may still be graded PEMULA", () => {
    spec
      .given(inCuration)
      .at(now)
      .when(score(11))
      .then([curated(keripik, 11)])
  })

  it("halal alone is not enough; halal with P-IRT or with BPOM is", () => {
    const withHalal = [proposed(keripik), certified(keripik, halal), submitted(keripik)]
    const error = spec.given(withHalal).at(now).when(score(16)).thenFailsWith("CertificationRequired")
    expect(error).toMatchObject({ missing: ["a valid P-IRT or BPOM registration"] })
    spec
      .given([...withHalal, certified(keripik, pirt)])
      .at(now)
      .when(score(16))
      .then([curated(keripik, 16)])
    spec
      .given([...withHalal, certified(keripik, bpom)])
      .at(now)
      .when(score(16))
      .then([curated(keripik, 16)])
    spec
      .given([proposed(keripik), certified(keripik, pirt), submitted(keripik)])
      .at(now)
      .when(score(16))
      .thenFailsWith("CertificationRequired")
  })

  it("certificates count only when valid on the Clock's day: not after validUntil, not before issue", () => {
    const history = [proposed(keripik), certified(keripik, halal), certified(keripik, bpom), submitted(keripik)]
    // The halal certificate is valid through 28 Feb 2027 (WIB); the BPOM registration until 2028.
    spec
      .given(history)
      .at("2027-02-28T16:59:59Z")
      .when(score(16))
      .then([curated(keripik, 16, date("2027-02-28"))])
    const error = spec.given(history).at("2027-02-28T17:00:00Z").when(score(16)).thenFailsWith("CertificationRequired")
    expect(error).toMatchObject({ missing: ["a valid halal certificate"], on: "2027-03-01" })
  })

  it("a revoked certificate does not count", () => {
    const history = [
      proposed(keripik),
      certified(keripik, halal),
      certified(keripik, pirt),
      new ProductEvent.CertificateRevoked({ productId: keripik, kind: "PIRT", number: pirt.number, reason: "dicabut" }),
      submitted(keripik)
    ]
    spec.given(history).at(now).when(score(14)).thenFailsWith("CertificationRequired")
  })

  it("drink is food too; crafts, fashion and technology need no certificate", () => {
    spec
      .given([proposed(keripik, "MINUMAN"), submitted(keripik)])
      .at(now)
      .when(score(14))
      .thenFailsWith("CertificationRequired")
    for (const category of ["KERAJINAN", "FASHION", "TEKNOLOGI"] as const) {
      spec
        .given([proposed(batik, category), submitted(batik)])
        .at(now)
        .when(score(18, curator, batik))
        .then([curated(batik, 18)])
    }
  })
})

describe("Product: certificates", () => {
  it("a P-IRT is valid 5 years: its validity is computed from its issue date", () => {
    const number = Identifier.PirtNumber.make("206351701000129")
    const submission = Certificate.PirtSubmission.make({ _tag: "PIRT", number, issuedOn: date("2024-02-29") })
    spec
      .given([proposed(keripik)])
      .at(now)
      .when(add(submission))
      .then([certified(keripik, Certificate.Pirt.make({ number, issuedOn: date("2024-02-29"), validUntil: date("2029-02-28") }))])
  })

  it("the admin or a Dinas officer adds certificates; others may not", () => {
    spec
      .given([proposed(keripik)])
      .at(now)
      .when(add(halal))
      .then([certified(keripik, halal)])
    spec
      .given([proposed(keripik)])
      .at(now)
      .when(add(halal, dinas))
      .then([certified(keripik, halal)])
    // A draft is its pesantren's business: to others it does not exist.
    for (const actor of [curator, otherAdmin, koperasiAdmin]) {
      spec
        .given([proposed(keripik)])
        .at(now)
        .when(add(halal, actor))
        .thenFailsWith("ProductNotFound")
    }
    spec
      .given(craft)
      .at(now)
      .when(add(halal, otherAdmin, batik))
      .thenFailsWith("ActorNotAuthorized")
    spec.given([]).at(now).when(add(halal)).thenFailsWith("ProductNotFound")
  })

  it("refuses certificates issued after today, expiring before their issue, or expired already", () => {
    const certificate = (issuedOn: string, validUntil: string) =>
      Certificate.Halal.make({ number: halal.number, issuedOn: date(issuedOn), validUntil: date(validUntil) })
    const given = spec.given([proposed(keripik)]).at(now)
    expect(given.when(add(certificate("2024-06-02", "2028-06-01"))).thenFailsWith("InvalidCertificateDates")).toMatchObject({
      reason: "it cannot be issued after today"
    })
    expect(given.when(add(certificate("2024-01-02", "2023-06-01"))).thenFailsWith("InvalidCertificateDates")).toMatchObject({
      reason: "it cannot expire before it is issued"
    })
    expect(given.when(add(certificate("2020-01-02", "2024-05-31"))).thenFailsWith("InvalidCertificateDates")).toMatchObject({
      reason: "it has expired already; add its renewal instead"
    })
    given.when(add(certificate("2024-06-01", "2024-06-01"))).then([certified(keripik, certificate("2024-06-01", "2024-06-01"))])
  })

  it("the same certificate is recorded once; a renewal replaces the one it renews", () => {
    spec
      .given([proposed(keripik), certified(keripik, halal)])
      .at(now)
      .when(add(halal))
      .then(
        new ProductError.CertificateAlreadyRecorded({ productId: keripik, kind: "HALAL", number: halal.number, issuedOn: halal.issuedOn })
      )
    const renewal = Certificate.Halal.make({ number: halal.number, issuedOn: date("2024-05-01"), validUntil: date("2028-04-30") })
    spec
      .given([proposed(keripik), certified(keripik, halal)])
      .at(now)
      .when(add(renewal))
      .then([certified(keripik, renewal)])
    const state = Decider.fold(Product.decider, [proposed(keripik), certified(keripik, halal), certified(keripik, renewal)])
    expect(state._tag === "Proposed" && state.certificates).toEqual([{ certificate: renewal, status: "IN_FORCE" }])
  })

  it("a revoked certificate number stays revoked for the product, whatever dates it is added with again", () => {
    const revoked = revokedEvent(halal)
    const history = [proposed(keripik), certified(keripik, halal), revoked]
    const refusal = new ProductError.CertificateNumberRevoked({ productId: keripik, kind: "HALAL", number: halal.number })
    for (const days of [-1, 1, 30]) {
      const shifted = Certificate.Halal.make({
        number: halal.number,
        issuedOn: CalendarDate.addDays(halal.issuedOn, days),
        validUntil: CalendarDate.addDays(halalValidUntil, days)
      })
      spec.given(history).at(now).when(add(shifted)).then(refusal)
      spec.given(history).at(now).when(add(shifted, dinas)).then(refusal)
    }
    spec.given(history).at(now).when(add(halal)).then(refusal)
    // A stream written before the rule, with such an addition, still folds to a revoked certificate.
    const shifted = Certificate.Halal.make({ number: halal.number, issuedOn: date("2023-03-02"), validUntil: date("2027-03-01") })
    const legacy = Decider.fold(Product.decider, [...history, certified(keripik, shifted)])
    expect(legacy._tag === "Proposed" && Product.certificatesInForce(legacy)).toEqual([])
    // An expired certificate may still be renewed under its number.
    const expired = new ProductEvent.CertificateExpired({
      productId: keripik,
      kind: "HALAL",
      number: halal.number,
      validUntil: halalValidUntil
    })
    spec
      .given([proposed(keripik), certified(keripik, halal), expired])
      .at(now)
      .when(add(shifted))
      .then([certified(keripik, shifted)])
  })

  it("a revoked number stays revoked in any letter case (SNI numbers may hold letters)", () => {
    const sni = Certificate.Sni.make({
      number: Certificate.SniCertificateNumber.make("SPPT-ABC/123"),
      issuedOn: date("2024-01-10"),
      validUntil: date("2028-01-09")
    })
    const revoked = new ProductEvent.CertificateRevoked({
      productId: keripik,
      kind: "SNI",
      number: sni.number,
      reason: "komposisi berubah"
    })
    const history = [proposed(keripik), certified(keripik, sni), revoked]
    for (const number of ["sppt-abc/123", "Sppt-Abc/123"]) {
      const recased = Certificate.Sni.make({ ...sni, number: Certificate.SniCertificateNumber.make(number) })
      spec.given(history).at(now).when(add(recased)).thenFailsWith("CertificateNumberRevoked")
    }
  })

  it("only Dinas officers revoke certificates, and only one in force", () => {
    const history = [proposed(keripik), certified(keripik, halal)]
    spec
      .given(history)
      .at(now)
      .when(revoke(halal))
      .then([revokedEvent(halal)])
    spec.given(history).at(now).when(revoke(halal, admin)).thenFailsWith("ActorNotAuthorized")
    for (const actor of [curator, otherAdmin]) spec.given(history).at(now).when(revoke(halal, actor)).thenFailsWith("ProductNotFound")
    spec
      .given(history)
      .at(now)
      .when(revoke(pirt))
      .then(new ProductError.CertificateNotInForce({ productId: keripik, kind: "PIRT", number: pirt.number }))
  })

  it("revoking a certificate the market rule needs takes the product off every channel at once", () => {
    const history = [...certifiedFood, marketed("OPOP_MART"), marketed("EXPO")]
    const reason = `HALAL ${halal.number}, which the market rule needs, was revoked`
    spec
      .given(history)
      .at(now)
      .when(revoke(halal))
      .then([revokedEvent(halal), withdrawn("OPOP_MART", reason), withdrawn("EXPO", reason)])
    // With a BPOM registration besides the P-IRT, losing the P-IRT breaks nothing.
    spec
      .given([...history, certified(keripik, bpom)])
      .at(now)
      .when(revoke(pirt))
      .then([revokedEvent(pirt)])
  })

  it("ExpireCertificates records what has expired by the Clock and takes the product off the market if needed", () => {
    const expire = (actor: Actor.Actor = dinas) => new ProductCommand.ExpireCertificates({ actor, productId: keripik })
    const history = [...certifiedFood, marketed("MARKETPLACE")]
    spec.given(history).at(now).when(expire()).then([])
    spec
      .given(history)
      .at("2027-01-15T00:00:00Z")
      .when(expire())
      .then([
        new ProductEvent.CertificateExpired({ productId: keripik, kind: "PIRT", number: pirt.number, validUntil: date("2027-01-14") }),
        withdrawn("MARKETPLACE", "a certificate the market rule needs has expired")
      ])
    spec.given(history).at("2027-01-15T00:00:00Z").when(expire(admin)).thenFailsWith("ActorNotAuthorized")
    const after = Decider.fold(Product.decider, [
      ...history,
      new ProductEvent.CertificateExpired({ productId: keripik, kind: "PIRT", number: pirt.number, validUntil: date("2027-01-14") })
    ])
    expect(after._tag === "Proposed" && after.certificates.map((held) => held.status)).toEqual(["IN_FORCE", "EXPIRED"])
  })
})

describe("Product: marketing", () => {
  it("a curated, market-ready product is marketed on a channel by its admin or a Dinas officer", () => {
    spec
      .given(craft)
      .at(now)
      .when(market("OPOP_MART", admin, batik))
      .then([marketed("OPOP_MART", batik)])
    spec
      .given(craft)
      .at(now)
      .when(market("OPOP_MART", dinas, batik))
      .then([marketed("OPOP_MART", batik)])
    for (const actor of [curator, otherAdmin])
      spec
        .given(craft)
        .when(market("EXPO", actor, batik))
        .thenFailsWith("ActorNotAuthorized")
  })

  it("only a curated product graded BERKEMBANG or UNGGULAN is marketed", () => {
    spec
      .given([proposed(batik, "KERAJINAN")])
      .when(market("EXPO", admin, batik))
      .thenFailsWith("InvalidProductTransition")
    spec
      .given([...craft, submitted(batik)])
      .when(market("EXPO", admin, batik))
      .thenFailsWith("InvalidProductTransition")
    spec
      .given([proposed(batik, "KERAJINAN"), submitted(batik), curated(batik, 10)])
      .when(market("EXPO", admin, batik))
      .then(new ProductError.ProductNotMarketReady({ productId: batik, grade: "PEMULA" }))
  })

  it("a food product is marketed only while its certificates are valid", () => {
    spec
      .given(certifiedFood)
      .at(now)
      .when(market("OPOP_MART"))
      .then([marketed("OPOP_MART")])
    const error = spec.given(certifiedFood).at("2027-02-01T00:00:00Z").when(market("OPOP_MART")).thenFailsWith("CertificationRequired")
    expect(error).toMatchObject({ missing: ["a valid P-IRT or BPOM registration"], on: "2027-02-01" })
  })

  it("a channel is entered once and left once", () => {
    spec
      .given([...craft, marketed("EXPO", batik)])
      .at(now)
      .when(market("EXPO", admin, batik))
      .then(new ProductError.AlreadyMarketedOnChannel({ productId: batik, channel: "EXPO" }))
    const withdraw = (actor: Actor.Actor) =>
      new ProductCommand.WithdrawProductFromMarket({ actor, productId: batik, channel: "EXPO", reason: "expo selesai" })
    spec
      .given([...craft, marketed("EXPO", batik)])
      .when(withdraw(admin))
      .then([withdrawn("EXPO", "expo selesai", batik)])
    spec
      .given([...craft, marketed("EXPO", batik)])
      .when(withdraw(curator))
      .thenFailsWith("ActorNotAuthorized")
    spec
      .given(craft)
      .when(withdraw(dinas))
      .then(new ProductError.NotMarketedOnChannel({ productId: batik, channel: "EXPO" }))
  })
})

describe("Product: what the pesantren stream learns", () => {
  it("a flagship candidate, read from the product's stream, carries the owner and the current grade, none while curated again", () => {
    const read = (events: ReadonlyArray<ProductEvent.ProductEvent>) =>
      Effect.runSync(
        Effect.gen(function* () {
          const store = yield* TypedEventStore.make(Product.codec)
          if (events.length > 0)
            yield* store.appendToStream(
              Product.streamName(batik),
              events.map((event) => ({ event }))
            )
          return yield* FlagshipCandidate.read(batik)
        }).pipe(Effect.provide(InMemoryEventStore.layer()))
      )
    expect(Option.isNone(read([]))).toBe(true)
    const curatedCandidate = Option.getOrThrow(read(craft))
    expect(FlagshipCandidate.isRead(curatedCandidate)).toBe(true)
    expect({ ...curatedCandidate }).toEqual({ productId: batik, nspp, grade: "BERKEMBANG" })
    expect({ ...Option.getOrThrow(read([...craft, submitted(batik)])) }).toEqual({ productId: batik, nspp, grade: undefined })
  })

  it("a product is marketable on a day while it is on a channel and meets the market rule", () => {
    const onMarket = Decider.fold(Product.decider, [...certifiedFood, marketed("OPOP_MART")])
    expect(Product.isMarketableOn(onMarket, today)).toBe(true)
    expect(Product.isMarketableOn(onMarket, date("2027-01-15"))).toBe(false)
    expect(Product.isMarketableOn(Decider.fold(Product.decider, certifiedFood), today)).toBe(false)
    expect(onMarket._tag === "Proposed" && Product.missingForMarket(onMarket, date("2027-03-01"))).toEqual([
      "a valid halal certificate",
      "a valid P-IRT or BPOM registration"
    ])
  })

  it("its pesantren's admin reprices it and changes its monthly capacity; the same value changes nothing", () => {
    const reprice = (actor: Actor.Actor, unitPrice: number) =>
      new ProductCommand.RepriceProduct({ actor, productId: keripik, unitPrice: Rupiah.unsafeMake(unitPrice) })
    const capacity = (actor: Actor.Actor, monthlyCapacity: number) =>
      new ProductCommand.ChangeMonthlyCapacity({ actor, productId: keripik, monthlyCapacity })
    const history = [proposed(keripik)]
    spec
      .given(history)
      .at(now)
      .when(reprice(admin, 17_500))
      .then([new ProductEvent.ProductRepriced({ productId: keripik, unitPrice: Rupiah.unsafeMake(17_500), repricedOn: today })])
    spec.given(history).when(reprice(admin, 15_000)).then([])
    spec.given(history).when(reprice(dinas, 17_500)).thenFailsWith("ActorNotAuthorized")
    spec.given(history).when(reprice(otherAdmin, 17_500)).thenFailsWith("ProductNotFound")
    spec
      .given(history)
      .when(capacity(admin, 2_500))
      .then([new ProductEvent.MonthlyCapacityChanged({ productId: keripik, monthlyCapacity: 2_500 })])
    spec.given(history).when(capacity(admin, 2_000)).then([])
    spec.given([]).when(capacity(admin, 2_500)).thenFailsWith("ProductNotFound")
    const state = Decider.fold(Product.decider, [
      ...history,
      new ProductEvent.ProductRepriced({ productId: keripik, unitPrice: Rupiah.unsafeMake(17_500), repricedOn: today }),
      new ProductEvent.MonthlyCapacityChanged({ productId: keripik, monthlyCapacity: 2_500 })
    ])
    expect(state).toMatchObject({ unitPrice: 17_500, monthlyCapacity: 2_500 })
  })

  it("names its streams product-<productId>", () => {
    expect(Product.streamName(keripik)).toBe("product-keripik-tempe")
  })
})
