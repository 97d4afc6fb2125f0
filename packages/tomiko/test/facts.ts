/**
 * Facts for decider tests, as the package's readers would issue them from a store holding such
 * events (tests only: in the package, only the readers issue facts).
 */
import { Arbitrary, FastCheck as fc, Schema, Struct } from "effect"
import { Identifier, Rupiah } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import {
  CreditLineCommand,
  KoperasiCommand,
  type KoperasiReading,
  ListingCommand,
  type OpopMaker,
  type OrderId,
  type OrderReading,
  OrderStatus
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { koperasiReading, opopMaker, orderReading } from "../src/internal/issuers.js"

/** Cooperative `nik` as its stream says: `PRIMER`, `SEKUNDER` or not registered (`null`). */
export const reading = (nik: Identifier.NikKoperasi, type: "PRIMER" | "SEKUNDER" | null = "PRIMER"): KoperasiReading.KoperasiReading =>
  koperasiReading.issue({ nik, type })

/** Order `orderId` as its stream says: in `status`, or never placed (`null`). */
export const orderAs = (orderId: OrderId.OrderId, status: OrderStatus.OrderStatus | null): OrderReading.OrderReading =>
  orderReading.issue({ orderId, status })

/** The maker of OPOP product `productId`, as OPOP's events say (a public product unless `isPublic` says not). */
export const makerOf = (
  productId: string,
  kopontren: Identifier.NikKoperasi | null,
  nspp = "510035170001",
  isPublic = true
): OpopMaker.OpopMaker =>
  opopMaker.issue({
    productId: ProductId.ProductId.make(productId),
    nspp: Identifier.Nspp.make(nspp),
    kopontren,
    isPublic
  })

/**
 * Generators of commands that carry facts, for the package's properties: their facts are issued
 * with generated content, standing for facts read from a store holding such events (the public
 * `Arbitraries` make no fact).
 */
export const generated = (() => {
  const { adminOf, distinctNiks, nik, nspp, orderId, productId } = Arbitraries
  const readingArbitrary = fc
    .record({ nik, type: fc.constantFrom("PRIMER" as const, "SEKUNDER" as const, null) })
    .map(({ nik, type }) => reading(nik, type))
  const orderReadingArbitrary = fc
    .record({ orderId, status: fc.option(Arbitrary.make(OrderStatus.OrderStatus), { nil: null }) })
    .map(({ orderId, status }) => orderAs(orderId, status))

  /** The maker of an OPOP product (generated) whose Kopontren is `kopontren`. */
  const maker = (kopontren: Identifier.NikKoperasi | null): fc.Arbitrary<OpopMaker.OpopMaker> =>
    fc.record({ productId, nspp }).map((fields) => makerOf(fields.productId, kopontren, fields.nspp))

  /** A valid `RegisterSecondaryKoperasi`: at least 3 distinct primary founders other than itself. */
  const registerSecondary: fc.Arbitrary<KoperasiCommand.RegisterSecondaryKoperasi> = fc
    .record({
      niks: fc.integer({ min: 4, max: 8 }).chain(distinctNiks),
      regionCode: Arbitraries.regionCode,
      feeBasisPoints: fc.integer({ min: 0, max: 10_000 })
    })
    .map(({ feeBasisPoints, niks, regionCode }) => {
      const [own, ...founders] = niks
      const self = own ?? Identifier.NikKoperasi.make("3578010000000001")
      return new KoperasiCommand.RegisterSecondaryKoperasi({
        actor: adminOf(self),
        nik: self,
        name: "Koperasi Sekunder Jawa Timur",
        regionCode,
        founders: founders.map((founder) => reading(founder, "PRIMER")),
        feeBasisPoints: Rupiah.BasisPoints.make(feeBasisPoints)
      })
    })

  /** A valid `CreateListing` by the seller's admin: an OPOP product by its own Kopontren, sometimes. */
  const createListing: fc.Arbitrary<ListingCommand.CreateListing> = fc
    .tuple(Arbitraries.createListing, fc.boolean())
    .chain(([valid, opop]) =>
      opop ? maker(valid.seller).map((made) => new ListingCommand.CreateListing({ ...valid, opop: made })) : fc.constant(valid)
    )

  /** A cooperative registration that breaks one rule (a secondary's too). */
  const invalidRegistration: fc.Arbitrary<
    Arbitraries.Invalid<KoperasiCommand.RegisterPrimaryKoperasi | KoperasiCommand.RegisterSecondaryKoperasi>
  > = fc.oneof(
    Arbitraries.invalidRegistration,
    fc.tuple(registerSecondary, fc.integer({ min: 0, max: 2 })).map(([valid, founders]) => ({
      rule: "TooFewFoundingCooperatives",
      // Repeats and the cooperative itself do not count as founders.
      command: new KoperasiCommand.RegisterSecondaryKoperasi({
        ...valid,
        founders: [...valid.founders.slice(0, founders), ...valid.founders.slice(0, founders), reading(valid.nik, "PRIMER")]
      })
    })),
    fc.tuple(registerSecondary, fc.constantFrom("SEKUNDER" as const, null)).map(([valid, type]) => ({
      rule: "FounderNotPrimary",
      // A founder whose stream says it is a secondary, or not registered at all.
      command: new KoperasiCommand.RegisterSecondaryKoperasi({
        ...valid,
        founders: [...valid.founders.slice(1), ...valid.founders.slice(0, 1).map((founder) => reading(founder.nik, type))]
      })
    }))
  )

  /** A `CreateListing` that breaks one rule (an OPOP product's too). */
  const invalidCreateListing: fc.Arbitrary<Arbitraries.Invalid<ListingCommand.CreateListing>> = fc.oneof(
    Arbitraries.invalidCreateListing,
    fc
      .tuple(Arbitraries.createListing, nik)
      .filter(([valid, other]) => valid.seller !== other)
      .chain(([valid, other]) => fc.tuple(fc.constant(valid), maker(other), maker(null)))
      .chain(([valid, othersProduct, orphanProduct]) =>
        fc.constantFrom<Arbitraries.Invalid<ListingCommand.CreateListing>>(
          { rule: "OpopProductNotOwnKopontren", command: new ListingCommand.CreateListing({ ...valid, opop: othersProduct }) },
          { rule: "OpopProductWithoutKopontren", command: new ListingCommand.CreateListing({ ...valid, opop: orphanProduct }) }
        )
      )
  )

  /** Any cooperative command the Schema admits, founders' readings of any content included. */
  const anyKoperasiCommand: fc.Arbitrary<KoperasiCommand.KoperasiCommand> = fc.oneof(
    Arbitraries.anyKoperasiCommand,
    fc
      .tuple(
        Arbitrary.make(Schema.Struct(Struct.omit(KoperasiCommand.RegisterSecondaryKoperasi.fields, "_tag", "founders"))),
        fc.array(readingArbitrary, { maxLength: 6 })
      )
      .map(([fields, founders]) => new KoperasiCommand.RegisterSecondaryKoperasi({ ...fields, founders }))
  )

  /** Any listing command the Schema admits, makers and orders' readings of any content included. */
  const anyListingCommand: fc.Arbitrary<ListingCommand.ListingCommand> = fc.oneof(
    Arbitraries.anyListingCommand,
    fc
      .tuple(Arbitrary.make(Schema.Struct(Struct.omit(ListingCommand.CreateListing.fields, "_tag", "opop"))), fc.option(nik, { nil: null }))
      .chain(([fields, kopontren]) => maker(kopontren).map((made) => new ListingCommand.CreateListing({ ...fields, opop: made }))),
    fc
      .tuple(Arbitrary.make(Schema.Struct(Struct.omit(ListingCommand.ReleaseStock.fields, "_tag", "order"))), orderReadingArbitrary)
      .map(([fields, order]) => new ListingCommand.ReleaseStock({ ...fields, order })),
    fc
      .tuple(Arbitrary.make(Schema.Struct(Struct.omit(ListingCommand.CommitStock.fields, "_tag", "order"))), orderReadingArbitrary)
      .map(([fields, order]) => new ListingCommand.CommitStock({ ...fields, order }))
  )

  /** Any credit line command the Schema admits, orders' readings of any content included. */
  const anyCreditLineCommand: fc.Arbitrary<CreditLineCommand.CreditLineCommand> = fc.oneof(
    Arbitraries.anyCreditLineCommand,
    fc
      .tuple(Arbitrary.make(Schema.Struct(Struct.omit(CreditLineCommand.ReleaseCredit.fields, "_tag", "order"))), orderReadingArbitrary)
      .map(([fields, order]) => new CreditLineCommand.ReleaseCredit({ ...fields, order }))
  )

  return {
    maker,
    registerSecondary,
    createListing,
    invalidRegistration,
    invalidCreateListing,
    anyKoperasiCommand,
    anyListingCommand,
    anyCreditLineCommand
  }
})()
