/**
 * fast-check arbitraries of TOMIKO commands: valid ones (every rule holds), invalid ones (each
 * breaks one named rule), any command or event of a Schema, and inputs that do not decode.
 * For property tests here and in the teams that embed the package. Commands that carry facts
 * read from other streams (an OPOP product's maker, a founder, an order) get generated facts,
 * as if read from a store holding such events: the content is the generator's, never a caller's.
 *
 * @since 0.1.0
 */
import { Arbitrary, FastCheck as fc } from "effect"
import { Actor, Identifier, Region, Rupiah } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import { koperasiReading, opopMaker as opopMakers } from "./internal/issuers.js"
import type { KoperasiReading } from "./KoperasiReading.js"
import { CreateListing, ListingCommand } from "./ListingCommand.js"
import { ListingEvent } from "./ListingEvent.js"
import { ListingId } from "./ListingId.js"
import { KoperasiCommand, RegisterPrimaryKoperasi, RegisterSecondaryKoperasi } from "./KoperasiCommand.js"
import { KoperasiEvent } from "./KoperasiEvent.js"
import { OrderCommand, PlaceOrder, type LineRequest } from "./OrderCommand.js"
import type { OpopMaker } from "./OpopMaker.js"
import { OrderEvent } from "./OrderEvent.js"
import { OrderId } from "./OrderId.js"
import { PaymentTerms } from "./PaymentTerms.js"

/** An NIK Koperasi. */
export const nik: fc.Arbitrary<Identifier.NikKoperasi> = fc.stringMatching(/^\d{16}$/).map((s) => Identifier.NikKoperasi.make(s))

/** `count` distinct NIKs Koperasi. */
export const distinctNiks = (count: number): fc.Arbitrary<ReadonlyArray<Identifier.NikKoperasi>> =>
  fc.uniqueArray(nik, { minLength: count, maxLength: count })

/** A listing id. */
export const listingId: fc.Arbitrary<ListingId> = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/).map((s) => ListingId.make(s))

/** An order id. */
export const orderId: fc.Arbitrary<OrderId> = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,20}$/).map((s) => OrderId.make(s))

/** A unit price from Rp1 to Rp1,000,000,000. */
export const unitPrice: fc.Arbitrary<Rupiah.Rupiah> = fc.integer({ min: 1, max: 1_000_000_000 }).map(Rupiah.unsafeMake)

/** A region code of Jawa Timur. */
export const regionCode: fc.Arbitrary<Region.RegionCode> = fc.constantFrom(...Region.codes)

/** Payment terms. */
export const terms: fc.Arbitrary<PaymentTerms> = fc.constantFrom("CASH", "TEMPO_14", "TEMPO_30")

/** An NSPP of Jawa Timur. */
export const nspp: fc.Arbitrary<Identifier.Nspp> = fc.stringMatching(/^5100\d{8}$/).map((s) => Identifier.Nspp.make(s))

/** An OPOP product id. */
export const productId: fc.Arbitrary<ProductId.ProductId> = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/).map((s) =>
  ProductId.ProductId.make(s)
)

/** A generated reading of cooperative `nik` (not exported: a caller never chooses a fact's content). */
const readingOf = (nik: Identifier.NikKoperasi, type: "PRIMER" | "SEKUNDER" | null): KoperasiReading =>
  koperasiReading.issue({ nik, type })

const primaryReading = (nik: Identifier.NikKoperasi): KoperasiReading => readingOf(nik, "PRIMER")

/** A generated maker of an OPOP product whose Kopontren is `kopontren` (not exported, as above). */
const opopMaker = (kopontren: Identifier.NikKoperasi | null): fc.Arbitrary<OpopMaker> =>
  fc.record({ productId, nspp }).map(({ nspp, productId }) => opopMakers.issue({ productId, nspp, kopontren }))

/** The admin of a cooperative. */
export const adminOf = (nik: Identifier.NikKoperasi): Actor.Actor => Actor.KoperasiAdmin.make({ nik })

/** A valid `RegisterPrimaryKoperasi`: at least 20 individual members, by its own admin. */
export const registerPrimary: fc.Arbitrary<RegisterPrimaryKoperasi> = fc
  .record({ nik, regionCode, individualMembers: fc.integer({ min: 20, max: 100_000 }) })
  .map(({ individualMembers, nik, regionCode }) =>
    new RegisterPrimaryKoperasi({ actor: adminOf(nik), nik, name: "Koperasi Serba Usaha", regionCode, individualMembers })
  )

/** A valid `RegisterSecondaryKoperasi`: at least 3 distinct founders other than itself. */
export const registerSecondary: fc.Arbitrary<RegisterSecondaryKoperasi> = fc
  .record({
    niks: fc.integer({ min: 4, max: 8 }).chain(distinctNiks),
    regionCode,
    feeBasisPoints: fc.integer({ min: 0, max: 10_000 })
  })
  .map(({ feeBasisPoints, niks, regionCode }) => {
    const [nik, ...founders] = niks as [Identifier.NikKoperasi, ...Array<Identifier.NikKoperasi>]
    return new RegisterSecondaryKoperasi({
      actor: adminOf(nik),
      nik,
      name: "Koperasi Sekunder Jawa Timur",
      regionCode,
      founders: founders.map(primaryReading),
      feeBasisPoints: Rupiah.BasisPoints.make(feeBasisPoints)
    })
  })

/** A valid `CreateListing` by the seller's admin (an OPOP product by its own Kopontren, sometimes). */
export const createListing: fc.Arbitrary<CreateListing> = fc
  .record({
    listingId,
    seller: nik,
    unitPrice,
    stock: fc.integer({ min: 0, max: 1_000_000 }),
    minimumOrderQuantity: fc.integer({ min: 1, max: 100 }),
    opop: fc.boolean()
  })
  .chain(({ opop, seller, ...fields }) =>
    (opop ? opopMaker(seller) : fc.constant(undefined)).map((maker) =>
      new CreateListing({
        actor: adminOf(seller),
        seller,
        name: "Beras premium 5 kg",
        ...fields,
        ...(maker === undefined ? {} : { opop: maker })
      })
    )
  )

/** A valid `PlaceOrder`: buyer and seller primaries of one network, 1 to 5 lines of the seller's active listings. */
export const placeOrder: fc.Arbitrary<PlaceOrder> = fc
  .record({
    niks: distinctNiks(3),
    orderId,
    terms,
    feeBasisPoints: fc.integer({ min: 0, max: 10_000 }),
    lines: fc.uniqueArray(
      fc.record({
        listingId,
        unitPrice,
        minimumOrderQuantity: fc.integer({ min: 1, max: 50 }),
        extra: fc.integer({ min: 0, max: 10_000 })
      }),
      { minLength: 1, maxLength: 5, selector: (line) => line.listingId }
    )
  })
  .map(({ feeBasisPoints, lines, niks, orderId, terms }) => {
    const [secondary, buyer, seller] = niks as [Identifier.NikKoperasi, Identifier.NikKoperasi, Identifier.NikKoperasi]
    return new PlaceOrder({
      actor: adminOf(buyer),
      orderId,
      buyer: { nik: buyer, type: "PRIMER", network: secondary },
      seller: { nik: seller, type: "PRIMER", network: secondary },
      network: { secondary, feeBasisPoints: Rupiah.BasisPoints.make(feeBasisPoints) },
      terms,
      lines: lines.map((line): LineRequest => ({
        listing: {
          listingId: line.listingId,
          seller,
          unitPrice: line.unitPrice,
          minimumOrderQuantity: line.minimumOrderQuantity,
          active: true
        },
        quantity: line.minimumOrderQuantity + line.extra
      }))
    })
  })

/** A command that breaks one rule, with the `_tag` of the error that names the rule. */
export interface Invalid<C> {
  readonly command: C
  readonly rule: string
}

const withLines = (command: PlaceOrder, change: (lines: ReadonlyArray<LineRequest>) => ReadonlyArray<LineRequest>) =>
  new PlaceOrder({ ...command, lines: change(command.lines) })

const first = (lines: ReadonlyArray<LineRequest>): LineRequest => lines[0]!

/** A `PlaceOrder` that breaks exactly one rule. */
export const invalidPlaceOrder: fc.Arbitrary<Invalid<PlaceOrder>> = fc.tuple(placeOrder, nik).chain(([valid, other]) =>
  fc.constantFrom<Invalid<PlaceOrder>>(...[
    { rule: "ActorNotAuthorized", command: new PlaceOrder({ ...valid, actor: adminOf(valid.seller.nik) }) },
    {
      rule: "OrderToItself",
      command: new PlaceOrder({
        ...valid,
        seller: valid.buyer,
        lines: valid.lines.map((l) => ({ ...l, listing: { ...l.listing, seller: valid.buyer.nik } }))
      })
    },
    { rule: "PartyNotPrimary", command: new PlaceOrder({ ...valid, buyer: { ...valid.buyer, type: "SEKUNDER" } }) },
    { rule: "PartyNotPrimary", command: new PlaceOrder({ ...valid, seller: { ...valid.seller, type: undefined } }) },
    { rule: "NotInSameNetwork", command: new PlaceOrder({ ...valid, buyer: { ...valid.buyer, network: undefined } }) },
    ...(other === valid.network.secondary ? [] : [
      { rule: "NotInSameNetwork", command: new PlaceOrder({ ...valid, seller: { ...valid.seller, network: other } }) }
    ]),
    { rule: "NoOrderLines", command: withLines(valid, () => []) },
    { rule: "DuplicateOrderLine", command: withLines(valid, (lines) => [...lines, first(lines)]) },
    ...(other === valid.seller.nik ? [] : [{
      rule: "LineNotFromSeller",
      command: withLines(valid, (lines) => [{ ...first(lines), listing: { ...first(lines).listing, seller: other } }, ...lines.slice(1)])
    }]),
    {
      rule: "ListingNotAvailable",
      command: withLines(valid, (lines) => [{ ...first(lines), listing: { ...first(lines).listing, active: false } }, ...lines.slice(1)])
    },
    {
      rule: "BelowMinimumOrderQuantity",
      command: withLines(valid, (lines) => [
        { ...first(lines), listing: { ...first(lines).listing, minimumOrderQuantity: first(lines).quantity + 1 } },
        ...lines.slice(1)
      ])
    }
  ])
)

/** A cooperative registration that breaks one rule. */
export const invalidRegistration: fc.Arbitrary<Invalid<RegisterPrimaryKoperasi | RegisterSecondaryKoperasi>> = fc.oneof(
  fc.tuple(registerPrimary, fc.integer({ min: 0, max: 19 })).map(([valid, members]) => ({
    rule: "TooFewIndividualMembers",
    command: new RegisterPrimaryKoperasi({ ...valid, individualMembers: members })
  })),
  fc.tuple(registerSecondary, fc.integer({ min: 0, max: 2 })).map(([valid, founders]) => ({
    rule: "TooFewFoundingCooperatives",
    // Repeats and the cooperative itself do not count as founders.
    command: new RegisterSecondaryKoperasi({
      ...valid,
      founders: [...valid.founders.slice(0, founders), ...valid.founders.slice(0, founders), primaryReading(valid.nik)]
    })
  })),
  fc.tuple(registerSecondary, fc.constantFrom("SEKUNDER" as const, null)).map(([valid, type]) => ({
    rule: "FounderNotPrimary",
    // A founder whose stream says it is a secondary, or not registered at all.
    command: new RegisterSecondaryKoperasi({
      ...valid,
      founders: [...valid.founders.slice(1), readingOf(valid.founders[0]!.nik, type)]
    })
  })),
  fc.tuple(registerPrimary, nik).filter(([valid, other]) => valid.nik !== other).map(([valid, other]) => ({
    rule: "ActorNotAuthorized",
    command: new RegisterPrimaryKoperasi({ ...valid, actor: adminOf(other) })
  }))
)

/** A `CreateListing` that breaks one rule. */
export const invalidCreateListing: fc.Arbitrary<Invalid<CreateListing>> = fc
  .tuple(createListing, nik)
  .filter(([valid, other]) => valid.seller !== other)
  .chain(([valid, other]) => fc.tuple(fc.constant(valid), fc.constant(other), opopMaker(other), opopMaker(null)))
  .chain(([valid, other, othersProduct, orphanProduct]) =>
    fc.constantFrom<Invalid<CreateListing>>(...[
      { rule: "ActorNotAuthorized", command: new CreateListing({ ...valid, actor: adminOf(other) }) },
      { rule: "OpopProductNotOwnKopontren", command: new CreateListing({ ...valid, opop: othersProduct }) },
      { rule: "OpopProductWithoutKopontren", command: new CreateListing({ ...valid, opop: orphanProduct }) },
      { rule: "UnitPriceNotPositive", command: new CreateListing({ ...valid, unitPrice: Rupiah.zero }) }
    ])
  )

/** Raw inputs that do not decode as the command they try to be (bad NIK, negative or fractional amounts, zero quantities, unknown regions). */
export const undecodableInput: fc.Arbitrary<{ readonly schema: "PlaceOrder" | "CreateListing" | "RecordPayment"; readonly input: unknown }> =
  fc.tuple(createListing, placeOrder).chain(([listing, order]) => {
    const listingInput = { ...listing, actor: listing.actor, _tag: "CreateListing" }
    const orderInput = { ...order, _tag: "PlaceOrder" }
    return fc.oneof(
      fc.stringMatching(/^\d{0,15}$|^\d{17,20}$|^[a-z]{16}$/).map((bad) => ({
        schema: "CreateListing" as const,
        input: { ...listingInput, seller: bad }
      })),
      fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.01, max: 1e6, noInteger: true })).map((price) => ({
        schema: "CreateListing" as const,
        input: { ...listingInput, unitPrice: price }
      })),
      fc.integer({ max: 0 }).map((moq) => ({ schema: "CreateListing" as const, input: { ...listingInput, minimumOrderQuantity: moq } })),
      fc.constantFrom("TEMPO_7", "KREDIT", "").map((bad) => ({ schema: "PlaceOrder" as const, input: { ...orderInput, terms: bad } })),
      fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.01, max: 1e9, noInteger: true })).map((amount) => ({
        schema: "RecordPayment" as const,
        input: { _tag: "RecordPayment", actor: order.actor, orderId: order.orderId, paymentId: "TRF-1", amount }
      }))
    )
  })

/** Any cooperative command the Schema admits (valid or not by the rules). */
export const anyKoperasiCommand = Arbitrary.make(KoperasiCommand)
/** Any listing command the Schema admits. */
export const anyListingCommand = Arbitrary.make(ListingCommand)
/** Any order command the Schema admits. */
export const anyOrderCommand = Arbitrary.make(OrderCommand)
/** Any cooperative event. */
export const anyKoperasiEvent = Arbitrary.make(KoperasiEvent)
/** Any listing event. */
export const anyListingEvent = Arbitrary.make(ListingEvent)
/** Any order event. */
export const anyOrderEvent = Arbitrary.make(OrderEvent)
