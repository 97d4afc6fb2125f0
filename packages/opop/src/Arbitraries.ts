/**
 * fast-check arbitraries of OPOP commands, for property tests here and in the teams that embed
 * the package:
 *
 * - **valid commands** (`pesantrenCommand`, `productCommand`, `santripreneurCommand`): well-formed
 *   commands (they decode) whose ids, actors, certificate numbers and dates are drawn from a
 *   small `Pool`, so that a random sequence registers, proposes, scores, certifies, markets and
 *   races on the same few streams instead of missing each other. Rules still refuse many of
 *   them, which is the point: the invariants must hold whatever is refused;
 * - **onboarding prefixes** (`pesantrenOnboarding`, `productOnboarding`): valid commands that take
 *   some of the pool's pesantren and products far enough for random commands to reach the later
 *   rules (designation, marketing);
 * - **any commands** (`anyPesantrenCommand`, …): anything the command Schemas admit;
 *
 * The facts a command carries from another stream (a `FlagshipCandidate`, a
 * `PesantrenStanding`) are never made up: each is read, by the package's own `read`, from an
 * in-memory store holding the events that make it (adr/0014);
 * - **invalid command inputs** (`invalidPesantrenCommandInput`, …): encoded commands with one
 *   field broken, which the command Schemas must reject, each with what is wrong;
 * - **random steps** (`steps`): command sequences from a random starting instant, with the clock
 *   moving forward between commands, as the package's own properties draw them.
 *
 * @since 0.1.0
 */
import { Arbitrary, Array as Arr, FastCheck as fc, Schema, Struct } from "effect"
import { Actor, CalendarDate, Identifier, Region, Rupiah } from "@jatim/kernel"
import * as Certificate from "./Certificate.js"
import * as Curation from "./Curation.js"
import type * as FlagshipCandidate from "./FlagshipCandidate.js"
import { candidateOf, standingOf } from "./internal/readFromEvents.js"
import * as MarketChannel from "./MarketChannel.js"
import * as PesantrenCommand from "./PesantrenCommand.js"
import { PesantrenEvent } from "./PesantrenEvent.js"
import type * as PesantrenStanding from "./PesantrenStanding.js"
import * as ProductCategory from "./ProductCategory.js"
import * as ProductCommand from "./ProductCommand.js"
import { ProductEvent } from "./ProductEvent.js"
import { ProductId } from "./ProductId.js"
import { SantriId } from "./SantriId.js"
import * as SantripreneurCommand from "./SantripreneurCommand.js"
import { SantripreneurEvent, trainingTopics } from "./SantripreneurEvent.js"

/** The ids a random command sequence draws from, so that its commands meet on the same streams. */
export interface Pool {
  readonly nspps: Arr.NonEmptyReadonlyArray<Identifier.Nspp>
  readonly productIds: Arr.NonEmptyReadonlyArray<ProductId>
  readonly santriIds: Arr.NonEmptyReadonlyArray<SantriId>
  readonly niks: Arr.NonEmptyReadonlyArray<Identifier.NikKoperasi>
}

/** Two pesantren, three products, two santri, two cooperatives. */
export const defaultPool: Pool = {
  nspps: Arr.map(Arr.make("510035170001", "510035780002"), (value) => Identifier.Nspp.make(value)),
  productIds: Arr.map(Arr.make("keripik-tempe", "batik-tulis", "kopi-arabika"), (value) => ProductId.make(value)),
  santriIds: Arr.map(Arr.make("santri-001", "santri-002"), (value) => SantriId.make(value)),
  niks: Arr.map(Arr.make("3517010000000001", "3578010000000002"), (value) => Identifier.NikKoperasi.make(value))
}

/** The first and last instants `instant` draws: 2023 through 2030 (UTC). */
export const instantRange = { min: Date.UTC(2023, 0, 1), max: Date.UTC(2030, 11, 31, 23, 59, 59) } as const

/** An instant from 2023 through 2030, for a `Clock` stopped at it. */
export const instant: fc.Arbitrary<Date> = fc.integer(instantRange).map((millis) => new Date(millis))

/** A date from 2022 through 2030, around the instants, so certificates are often valid and sometimes not. */
export const calendarDate: fc.Arbitrary<CalendarDate.CalendarDate> = CalendarDate.arbitraryBetween(
  CalendarDate.unsafeMake("2022-01-01"),
  CalendarDate.unsafeMake("2030-12-31")
)

const pick = <A>(values: ReadonlyArray<A>): fc.Arbitrary<A> => fc.constantFrom(...values)

const candidates = new Map<string, FlagshipCandidate.FlagshipCandidate>()
/** The candidate read from a product stream with these facts (read once per facts: candidates are immutable). */
const candidate = (facts: {
  readonly productId: ProductId
  readonly nspp: Identifier.Nspp
  readonly grade: Curation.Grade | undefined
}): FlagshipCandidate.FlagshipCandidate => {
  const key = `${facts.productId}|${facts.nspp}|${facts.grade ?? ""}`
  const known = candidates.get(key)
  if (known !== undefined) return known
  const read = candidateOf(facts)
  candidates.set(key, read)
  return read
}

const standings = new Map<string, PesantrenStanding.PesantrenStanding>()
/** The standing read from a pesantren stream where `nspp` is registered or not, perhaps suspended. */
const standing = (nspp: Identifier.Nspp, kind: "REGISTERED" | "UNREGISTERED" | "SUSPENDED"): PesantrenStanding.PesantrenStanding => {
  const key = `${nspp}|${kind}`
  const known = standings.get(key)
  if (known !== undefined) return known
  const read = standingOf({
    nspp,
    registered: kind !== "UNREGISTERED",
    suspension: kind === "SUSPENDED" ? "izin operasional dicabut" : undefined
  })
  standings.set(key, read)
  return read
}

/**
 * A pesantren's standing as read from its stream: mostly registered, sometimes not registered,
 * suspended, or another pool pesantren's.
 */
export const pesantrenStanding = (nspp: Identifier.Nspp, pool: Pool = defaultPool): fc.Arbitrary<PesantrenStanding.PesantrenStanding> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(standing(nspp, "REGISTERED")) },
    { weight: 1, arbitrary: fc.constant(standing(nspp, "UNREGISTERED")) },
    { weight: 1, arbitrary: fc.constant(standing(nspp, "SUSPENDED")) },
    { weight: 1, arbitrary: pick(pool.nspps).map((other) => standing(other, "REGISTERED")) }
  )

/** A product's flagship candidate as read from its stream: its pesantren (usually `nspp`) and grade. */
export const flagshipCandidate = (
  productId: fc.Arbitrary<ProductId>,
  nspp: Identifier.Nspp,
  pool: Pool = defaultPool
): fc.Arbitrary<FlagshipCandidate.FlagshipCandidate> =>
  fc
    .record({
      productId,
      nspp: fc.oneof({ weight: 4, arbitrary: fc.constant(nspp) }, { weight: 1, arbitrary: pick(pool.nspps) }),
      grade: fc.oneof(
        { weight: 4, arbitrary: pick(Curation.marketReadyGrades) },
        { weight: 1, arbitrary: fc.constant("PEMULA" as const) },
        { weight: 1, arbitrary: fc.constant(undefined) }
      )
    })
    .map(candidate)

/** A Dinas officer. */
export const dinasOfficer: fc.Arbitrary<Actor.Actor> = pick(["dinas-01", "dinas-02"]).map((officerId) =>
  Actor.DinasOfficer.make({ officerId })
)

/** A curator. */
export const curator: fc.Arbitrary<Actor.Actor> = pick(["kurator-01", "kurator-02"]).map((curatorId) => Actor.Curator.make({ curatorId }))

let anyActorArbitrary: fc.Arbitrary<Actor.Actor> | undefined
/** Any actor the kernel's Schema admits (built once). */
const anyActor = (): fc.Arbitrary<Actor.Actor> => (anyActorArbitrary ??= Arbitrary.make(Actor.Actor))

/** An actor: mostly the pool's pesantren admins, Dinas officers and curators, sometimes anyone. */
export const actor = (pool: Pool = defaultPool): fc.Arbitrary<Actor.Actor> =>
  fc.oneof(
    { weight: 6, arbitrary: pick(pool.nspps).map((nspp) => Actor.PesantrenAdmin.make({ nspp })) },
    { weight: 3, arbitrary: dinasOfficer },
    { weight: 2, arbitrary: curator },
    { weight: 1, arbitrary: anyActor() }
  )

/** Whom `actorFor` favours: the commands' rightful issuers, so that random sequences get past authorization. */
export type Favoured = "OWN_ADMIN" | "DINAS_OFFICER" | "CURATOR"

/**
 * An actor for a command that concerns the pesantren `nspp`: mostly the `favoured` one (its own
 * admin by default), often the other two, sometimes another pesantren's admin or anyone.
 */
export const actorFor = (nspp: Identifier.Nspp, pool: Pool = defaultPool, favoured: Favoured = "OWN_ADMIN"): fc.Arbitrary<Actor.Actor> =>
  fc.oneof(
    { weight: favoured === "OWN_ADMIN" ? 5 : 2, arbitrary: fc.constant(Actor.PesantrenAdmin.make({ nspp })) },
    { weight: favoured === "DINAS_OFFICER" ? 5 : 3, arbitrary: dinasOfficer },
    { weight: favoured === "CURATOR" ? 5 : 2, arbitrary: curator },
    { weight: 1, arbitrary: actor(pool) }
  )

/** The pesantren a pool's product or santri usually belongs to: the NSPP at the same index, round the pool. */
export const ownerOf = (pool: Pool, ids: ReadonlyArray<string>, id: string): Identifier.Nspp =>
  pool.nspps[Math.max(0, ids.indexOf(id)) % pool.nspps.length]!

const names = pick([
  "Pondok Pesantren Tebuireng",
  "Pondok Pesantren Sidogiri",
  "Keripik Tempe Santri",
  "Batik Tulis Al-Hikmah",
  "Kopi Arabika Ijen"
])
const reasons = pick(["laporan keuangan belum diserahkan", "izin operasional dicabut", "diganti produk baru"])
const scores = Arbitrary.make(Curation.Scores)
const productCategory = pick(ProductCategory.categories)

/**
 * A P-IRT number of a product of Jawa Timur issued on `issuedOn` (BPOM's numbering): packaging
 * type 2, food type 06, the kabupaten/kota `region` (`3517` Jombang), product 0100, producer
 * `producer`, and the last two digits of the year it stops being valid.
 */
export const pirtNumber = (issuedOn: CalendarDate.CalendarDate, region = "3517", producer = "01"): Identifier.PirtNumber =>
  Identifier.PirtNumber.make(`206${region}0100${producer}${Certificate.pirtExpiryYearDigits(issuedOn)}`)

/** Certificate numbers of each kind, few, so that revocations and renewals find them (P-IRT numbers follow from their issue date). */
const numbers = {
  HALAL: pick(["ID35110000123450922"].map((value) => Identifier.HalalCertificateNumber.make(value))),
  BPOM: pick(["MD224513001234"].map((value) => Identifier.BpomNumber.make(value))),
  TRADEMARK: pick(["IDM000123456"].map((value) => Certificate.TrademarkNumber.make(value))),
  SNI: pick(["SPPT-SNI-0123/2024"].map((value) => Certificate.SniCertificateNumber.make(value)))
}

/** A certificate as submitted, with dates around the instants (some already expired, some not yet issued). */
export const certificateSubmission: fc.Arbitrary<Certificate.CertificateSubmission> = fc
  .tuple(calendarDate, fc.integer({ min: -30, max: 4 * 365 }))
  .chain(([issuedOn, validDays]) => {
    const validUntil = CalendarDate.addDays(issuedOn, validDays)
    return fc.oneof(
      // Halal certificates have no fixed term (UU 6/2023); some older ones carry a date.
      { weight: 2, arbitrary: numbers.HALAL.map((number) => Certificate.Halal.make({ number, issuedOn, validUntil })) },
      { weight: 1, arbitrary: numbers.HALAL.map((number) => Certificate.Halal.make({ number, issuedOn })) },
      {
        weight: 2,
        arbitrary: pick(["3517", "3578"]).map((region) =>
          Certificate.PirtSubmission.make({ _tag: "PIRT", number: pirtNumber(issuedOn, region), issuedOn })
        )
      },
      { weight: 2, arbitrary: numbers.BPOM.map((number) => Certificate.Bpom.make({ number, issuedOn, validUntil })) },
      { weight: 1, arbitrary: numbers.TRADEMARK.map((number) => Certificate.Trademark.make({ number, issuedOn, validUntil })) },
      { weight: 1, arbitrary: numbers.SNI.map((number) => Certificate.Sni.make({ number, issuedOn, validUntil })) }
    )
  })

/** A well-formed pesantren command on the pool's streams. */
export const pesantrenCommand = (pool: Pool = defaultPool): fc.Arbitrary<PesantrenCommand.PesantrenCommand> =>
  fc.oneof(
    ...pool.nspps.map((nspp) => {
      const by = actorFor(nspp, pool)
      const dinas = actorFor(nspp, pool, "DINAS_OFFICER")
      const productId = pick(pool.productIds)
      return fc.oneof(
        fc
          .record({
            actor: by,
            nspp: fc.constant(nspp),
            name: names,
            regionCode: pick(Region.codes),
            pengasuh: pick(["KH. Abdul Hakim", "Nyai Hj. Siti Aminah"]),
            santriCount: fc.integer({ min: 0, max: 5_000 })
          })
          .map((fields) => new PesantrenCommand.RegisterPesantren(fields)),
        fc.record({ actor: by, nik: pick(pool.niks) }).map((fields) => new PesantrenCommand.LinkKopontren({ ...fields, nspp })),
        fc
          .record({ actor: dinas, nik: pick(pool.niks), reason: reasons })
          .map((fields) => new PesantrenCommand.ReplaceKopontren({ ...fields, nspp })),
        fc.record({ actor: dinas }).map((fields) => new PesantrenCommand.VerifyPesantren({ ...fields, nspp })),
        fc.record({ actor: dinas, reason: reasons }).map((fields) => new PesantrenCommand.SuspendPesantren({ ...fields, nspp })),
        fc.record({ actor: dinas }).map((fields) => new PesantrenCommand.ReinstatePesantren({ ...fields, nspp })),
        {
          weight: 3,
          arbitrary: fc
            .record({
              actor: by,
              candidate: flagshipCandidate(productId, nspp, pool),
              retiring: fc.option(productId, { nil: undefined, freq: 2 })
            })
            .map((fields) => new PesantrenCommand.DesignateFlagship({ ...fields, nspp }))
        },
        fc.record({ actor: by, productId, reason: reasons }).map((fields) => new PesantrenCommand.RetireFlagship({ ...fields, nspp }))
      )
    })
  )

/** A well-formed product command on the pool's streams, mostly by actors of the product's usual pesantren. */
export const productCommand = (pool: Pool = defaultPool): fc.Arbitrary<ProductCommand.ProductCommand> =>
  fc.oneof(
    ...pool.productIds.map((productId) => {
      const owner = ownerOf(pool, pool.productIds, productId)
      const by = actorFor(owner, pool)
      const dinas = actorFor(owner, pool, "DINAS_OFFICER")
      const curating = actorFor(owner, pool, "CURATOR")
      const channel = pick(MarketChannel.channels)
      return fc.oneof(
        fc.oneof({ weight: 4, arbitrary: fc.constant(owner) }, { weight: 1, arbitrary: pick(pool.nspps) }).chain((nspp) =>
          fc
            .record({
              actor: by,
              pesantren: pesantrenStanding(nspp, pool),
              name: names,
              category: productCategory,
              description: pick(["Keripik tempe renyah khas Malang", "Batik tulis motif pesantren"]),
              unitPrice: fc.integer({ min: 1, max: 2_000_000 }).map(Rupiah.unsafeMake),
              monthlyCapacity: fc.integer({ min: 1, max: 100_000 })
            })
            .map((fields) => new ProductCommand.ProposeProduct({ ...fields, nspp, productId }))
        ),
        fc.record({ actor: by }).map((fields) => new ProductCommand.SubmitProductForCuration({ ...fields, productId })),
        {
          weight: 2,
          arbitrary: fc.record({ actor: curating, scores }).map((fields) => new ProductCommand.ScoreProduct({ ...fields, productId }))
        },
        {
          weight: 3,
          arbitrary: fc
            .record({ actor: by, certificate: certificateSubmission })
            .map((fields) => new ProductCommand.AddCertificate({ ...fields, productId }))
        },
        {
          weight: 2,
          arbitrary: fc
            .record({ actor: dinas, certificate: certificateSubmission, reason: reasons })
            .map(
              ({ certificate, ...fields }) =>
                new ProductCommand.RevokeCertificate({ ...fields, productId, kind: certificate._tag, number: certificate.number })
            )
        },
        {
          weight: 2,
          arbitrary: fc.record({ actor: dinas }).map((fields) => new ProductCommand.ExpireCertificates({ ...fields, productId }))
        },
        {
          weight: 2,
          arbitrary: fc.record({ actor: by, channel }).map((fields) => new ProductCommand.MarketProduct({ ...fields, productId }))
        },
        fc
          .record({ actor: by, channel, reason: reasons })
          .map((fields) => new ProductCommand.WithdrawProductFromMarket({ ...fields, productId })),
        fc
          .record({ actor: by, unitPrice: fc.integer({ min: 1, max: 2_000_000 }).map(Rupiah.unsafeMake) })
          .map((fields) => new ProductCommand.RepriceProduct({ ...fields, productId })),
        fc
          .record({ actor: by, monthlyCapacity: fc.integer({ min: 1, max: 100_000 }) })
          .map((fields) => new ProductCommand.ChangeMonthlyCapacity({ ...fields, productId }))
      )
    })
  )

/** A well-formed santripreneur command on the pool's streams, mostly by actors of the santri's usual pesantren. */
export const santripreneurCommand = (pool: Pool = defaultPool): fc.Arbitrary<SantripreneurCommand.SantripreneurCommand> =>
  fc.oneof(
    ...pool.santriIds.map((santriId) => {
      const owner = ownerOf(pool, pool.santriIds, santriId)
      const by = actorFor(owner, pool)
      return fc.oneof(
        fc
          .record({
            actor: by,
            nspp: fc.oneof({ weight: 4, arbitrary: fc.constant(owner) }, { weight: 1, arbitrary: pick(pool.nspps) }),
            name: pick(["Ahmad Fauzi", "Siti Nurhaliza"])
          })
          .map((fields) => new SantripreneurCommand.EnrollSantripreneur({ ...fields, santriId })),
        fc
          .record({ actor: by, topic: pick(trainingTopics) })
          .map((fields) => new SantripreneurCommand.RecordTraining({ ...fields, santriId })),
        fc
          .record({ actor: by, ventureName: pick(["Warung Kopi Santri", "Konveksi Sarung"]), category: productCategory })
          .map((fields) => new SantripreneurCommand.StartVenture({ ...fields, santriId })),
        fc.record({ actor: by }).map((fields) => new SantripreneurCommand.GraduateSantripreneur({ ...fields, santriId }))
      )
    })
  )

/**
 * Valid commands that bring some of the pool's pesantren through registration (by their admin),
 * Kopontren and verification (by the Dinas), in that order, and sometimes designate a first
 * flagship: a prefix that lets random commands after it reach designations and replacements.
 */
export const pesantrenOnboarding = (pool: Pool = defaultPool): fc.Arbitrary<ReadonlyArray<PesantrenCommand.PesantrenCommand>> =>
  fc.subarray([...pool.nspps]).chain((nspps) =>
    fc
      .tuple(
        ...nspps.map((nspp, i) => {
          const admin = Actor.PesantrenAdmin.make({ nspp })
          return fc
            .tuple(names, pick(Region.codes), dinasOfficer, fc.option(pick(pool.productIds), { nil: undefined }))
            .map(([name, regionCode, officer, flagship]) => [
              new PesantrenCommand.RegisterPesantren({
                actor: admin,
                nspp,
                name,
                regionCode,
                pengasuh: "KH. Abdul Hakim",
                santriCount: 1_000
              }),
              new PesantrenCommand.LinkKopontren({ actor: officer, nspp, nik: pool.niks[i % pool.niks.length]! }),
              new PesantrenCommand.VerifyPesantren({ actor: officer, nspp }),
              ...(flagship === undefined
                ? []
                : [
                    new PesantrenCommand.DesignateFlagship({
                      actor: admin,
                      nspp,
                      candidate: candidate({ productId: flagship, nspp, grade: "BERKEMBANG" })
                    })
                  ])
            ])
        })
      )
      .map((perPesantren) => perPesantren.flat())
  )

/**
 * Valid commands, decided on `today`, that bring some of the pool's products through proposal
 * (by their usual pesantren's admin), sometimes a halal certificate and a BPOM registration
 * (issued before `today`, valid for a month to two years after it), submission and a curator's
 * random score: a prefix that lets random commands after it reach marketing, revocations and
 * expiries. (A food product's market-ready score is refused without the certificates, as it must.)
 */
export const productOnboarding = (
  pool: Pool = defaultPool,
  today: CalendarDate.CalendarDate = CalendarDate.unsafeMake("2023-01-01")
): fc.Arbitrary<ReadonlyArray<ProductCommand.ProductCommand>> => {
  const issuedOn = fc.integer({ min: 0, max: 400 }).map((days) => CalendarDate.addDays(today, -days))
  const validUntil = fc.integer({ min: 30, max: 2 * 365 }).map((days) => CalendarDate.addDays(today, days))
  return fc.subarray([...pool.productIds]).chain((productIds) =>
    fc
      .tuple(
        ...productIds.map((productId) => {
          const nspp = ownerOf(pool, pool.productIds, productId)
          const admin = Actor.PesantrenAdmin.make({ nspp })
          const certificates = fc.option(
            fc
              .tuple(numbers.HALAL, issuedOn, validUntil, numbers.BPOM, issuedOn, validUntil)
              .map(([halal, halalIssued, halalValid, bpom, bpomIssued, bpomValid]) => [
                Certificate.Halal.make({ number: halal, issuedOn: halalIssued, validUntil: halalValid }),
                Certificate.Bpom.make({ number: bpom, issuedOn: bpomIssued, validUntil: bpomValid })
              ]),
            { nil: undefined, freq: 3 }
          )
          const category = fc.oneof(
            { weight: 3, arbitrary: pick(["MAKANAN", "MINUMAN"] as const) },
            { weight: 2, arbitrary: productCategory }
          )
          return fc.tuple(names, category, scores, curator, certificates).map(([name, category, scored, by, held]) => [
            new ProductCommand.ProposeProduct({
              actor: admin,
              productId,
              nspp,
              pesantren: standing(nspp, "REGISTERED"),
              name,
              category,
              description: "Produk unggulan pesantren",
              unitPrice: Rupiah.unsafeMake(25_000),
              monthlyCapacity: 500
            }),
            ...(held ?? []).map((certificate) => new ProductCommand.AddCertificate({ actor: admin, productId, certificate })),
            new ProductCommand.SubmitProductForCuration({ actor: admin, productId }),
            new ProductCommand.ScoreProduct({ actor: by, productId, scores: scored })
          ])
        })
      )
      .map((perProduct) => perProduct.flat())
  )
}

/**
 * An arbitrary of each member of `union` as its Schema admits it, but `carryingFacts`: a command
 * carrying a fact read from another stream has no arbitrary (facts are read, never generated).
 */
const membersBut = <Members extends ReadonlyArray<Schema.Schema.AnyNoContext>>(
  union: Schema.Union<Members>,
  carryingFacts: Members[number]
): Array<fc.Arbitrary<Schema.Schema.Type<Members[number]>>> =>
  union.members.filter((member) => member !== carryingFacts).map((member) => Arbitrary.make(member))

/** Any pesantren command the Schemas admit (a designation's candidate read from a stream of any facts). */
export const anyPesantrenCommand = (): fc.Arbitrary<PesantrenCommand.PesantrenCommand> =>
  fc.oneof(
    ...membersBut(PesantrenCommand.PesantrenCommand, PesantrenCommand.DesignateFlagship),
    fc
      .tuple(
        Arbitrary.make(Schema.Struct(Struct.omit(PesantrenCommand.DesignateFlagship.fields, "candidate"))),
        Arbitrary.make(Schema.Struct({ productId: ProductId, nspp: Identifier.Nspp, grade: Schema.UndefinedOr(Curation.Grade) }))
      )
      .map(([fields, facts]) => new PesantrenCommand.DesignateFlagship({ ...fields, candidate: candidate(facts) }))
  )
/** Any product command the Schemas admit (a proposal's standing read from a stream of any facts). */
export const anyProductCommand = (): fc.Arbitrary<ProductCommand.ProductCommand> =>
  fc.oneof(
    fc
      .tuple(
        Arbitrary.make(Schema.Struct(Struct.omit(ProductCommand.ProposeProduct.fields, "pesantren"))),
        fc.boolean(),
        pick(["REGISTERED", "UNREGISTERED", "SUSPENDED"] as const)
      )
      .map(
        ([fields, own, kind]) =>
          new ProductCommand.ProposeProduct({ ...fields, pesantren: standing(own ? fields.nspp : defaultPool.nspps[0], kind) })
      ),
    ...membersBut(ProductCommand.ProductCommand, ProductCommand.ProposeProduct)
  )
/** Any santripreneur command the Schemas admit. */
export const anySantripreneurCommand = (): fc.Arbitrary<SantripreneurCommand.SantripreneurCommand> =>
  Arbitrary.make(SantripreneurCommand.SantripreneurCommand)
/** Any pesantren event the Schemas admit. */
export const anyPesantrenEvent = (): fc.Arbitrary<PesantrenEvent> => Arbitrary.make(PesantrenEvent)
/** Any product event the Schemas admit. */
export const anyProductEvent = (): fc.Arbitrary<ProductEvent> => Arbitrary.make(ProductEvent)
/** Any santripreneur event the Schemas admit. */
export const anySantripreneurEvent = (): fc.Arbitrary<SantripreneurEvent> => Arbitrary.make(SantripreneurEvent)

/** An encoded command with one field broken, and what is wrong with it. */
export interface InvalidCommandInput {
  /** The JSON a client could send. */
  readonly input: { readonly [key: string]: unknown }
  /** The field broken. */
  readonly field: string
  /** What is wrong, for test reports. */
  readonly problem: string
}

interface Corruption {
  readonly field: string
  readonly problem: string
  readonly value: (current: unknown) => unknown
}

const constant = (field: string, value: unknown, problem: string): Corruption => ({ field, problem, value: () => value })

const nested = (field: string, key: string, value: unknown, problem: string): Corruption => ({
  field,
  problem,
  value: (current) => (typeof current === "object" && current !== null ? { ...current, [key]: value } : value)
})

const corruptions: ReadonlyArray<Corruption> = [
  constant("_tag", "DeleteEverything", "an unknown command"),
  constant("actor", { _tag: "SUPERUSER", id: "root" }, "an unknown actor role"),
  constant("actor", { _tag: "PESANTREN_ADMIN", nspp: "3501" }, "an admin whose NSPP is not 12 digits"),
  constant("nspp", "51003517000", "an NSPP of 11 digits"),
  constant("nspp", "5100351700O1", "an NSPP with a letter"),
  constant("regionCode", "35.30", "a kabupaten/kota code outside Jawa Timur's 38"),
  constant("regionCode", "31.71", "a code of DKI Jakarta, not Jawa Timur"),
  constant("santriCount", -1, "a negative santri count"),
  constant("santriCount", 12.5, "a santri count that is not whole"),
  constant("name", "", "an empty name"),
  constant("name", " Pondok Pesantren ", "a name with spaces around it"),
  constant("pengasuh", "", "an empty pengasuh"),
  constant("nik", "35170100000000011", "an NIK Koperasi of 17 digits"),
  constant("reason", "", "an empty reason"),
  constant("productId", "", "an empty product id"),
  constant("productId", "keripik tempe", "a product id with a space"),
  nested("candidate", "grade", "ISTIMEWA", "a grade that does not exist"),
  nested("candidate", "grade", "UNGGULAN", "a candidate given by the caller, not read from the product's stream"),
  nested("pesantren", "registered", true, "a pesantren standing given by the caller, not read from its stream"),
  constant("retiring", "bad id!", 'a product id with a space and a "!"'),
  constant("unitPrice", 0, "a unit price of Rp0"),
  constant("unitPrice", 1500.5, "a unit price with a fraction of a rupiah"),
  constant("monthlyCapacity", 0, "a monthly capacity of 0"),
  constant("category", "ELEKTRONIK", "a category OPOP does not have"),
  constant("description", "", "an empty description"),
  nested("scores", "packaging", 4, "a score above 3"),
  nested("scores", "marketNetwork", 0, "a score below 1"),
  nested("certificate", "number", "XX", "a certificate number of no kind's format"),
  nested("certificate", "issuedOn", "2024-02-30", "a date that does not exist"),
  constant("kind", "ISO9001", "a certificate kind OPOP does not record"),
  constant("channel", "TOKO_SEBELAH", "a marketing channel that does not exist"),
  constant("santriId", "santri 01", "a santri id with a space"),
  constant("topic", "MEMASAK", "a training topic that does not exist"),
  constant("ventureName", "", "an empty venture name")
]

const invalidInputs = <A, I extends { readonly [key: string]: unknown }>(
  schema: Schema.Schema<A, I>,
  valid: fc.Arbitrary<A>
): fc.Arbitrary<InvalidCommandInput> => {
  const encode = Schema.encodeSync(schema)
  return fc.tuple(valid, fc.nat()).map(([command, choice]) => {
    const input: { readonly [key: string]: unknown } = encode(command)
    const applicable = corruptions.filter((corruption) => corruption.field in input)
    const corruption = applicable[choice % applicable.length]!
    return {
      input: { ...input, [corruption.field]: corruption.value(input[corruption.field]) },
      field: corruption.field,
      problem: corruption.problem
    }
  })
}

/** Encoded pesantren commands with one field broken. */
export const invalidPesantrenCommandInput = (pool: Pool = defaultPool): fc.Arbitrary<InvalidCommandInput> =>
  invalidInputs(PesantrenCommand.PesantrenCommand, pesantrenCommand(pool))

/** Encoded product commands with one field broken. */
export const invalidProductCommandInput = (pool: Pool = defaultPool): fc.Arbitrary<InvalidCommandInput> =>
  invalidInputs(ProductCommand.ProductCommand, productCommand(pool))

/** Encoded santripreneur commands with one field broken. */
export const invalidSantripreneurCommandInput = (pool: Pool = defaultPool): fc.Arbitrary<InvalidCommandInput> =>
  invalidInputs(SantripreneurCommand.SantripreneurCommand, santripreneurCommand(pool))

/** A command and how far the clock moves before it is decided (0 to 120 days). */
export interface Step<C> {
  readonly command: C
  readonly advance: number
}

/**
 * Random steps of `command`, after an optional prefix of commands decided at the start
 * (an onboarding, given the start's WIB date), from a random starting instant.
 */
export const steps = <C>(
  command: fc.Arbitrary<C>,
  maxLength = 40,
  prefix: (today: CalendarDate.CalendarDate) => fc.Arbitrary<ReadonlyArray<C>> = () => fc.constant([])
): fc.Arbitrary<{ readonly start: number; readonly steps: ReadonlyArray<Step<C>> }> =>
  instant.chain((date) =>
    fc
      .record({
        prefix: prefix(CalendarDate.fromEpochMillis(date.getTime())),
        random: fc.array(fc.record({ command, advance: fc.integer({ min: 0, max: 120 * 86_400_000 }) }), {
          minLength: 1,
          maxLength,
          size: "max"
        })
      })
      .map(({ prefix: first, random }) => ({
        start: date.getTime(),
        steps: [...first.map((command): Step<C> => ({ command, advance: 0 })), ...random]
      }))
  )
