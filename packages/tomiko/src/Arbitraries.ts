/**
 * fast-check arbitraries of TOMIKO commands: valid ones (every rule holds), invalid ones (each
 * breaks one named rule), any command or event of a Schema, and inputs that do not decode.
 * For property tests here and in the teams that embed the package.
 *
 * No arbitrary here makes a fact read from another stream (an OPOP product's maker, a founder's
 * reading, an order's reading), nor a command that carries one: a generator of facts would be an
 * issuer in anyone's hands (its mapping function mints a fact of any content). Such commands are
 * built with facts read by their readers (`OpopMaker.read`, `KoperasiReading.read`,
 * `OrderReading.read`) from a store holding the events that make them true.
 *
 * @since 0.1.0
 */
import { Arbitrary, FastCheck as fc, Schema, Struct } from "effect"
import { Actor, Identifier, Region, Rupiah } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import { ReserveCredit, SetCreditLimit } from "./CreditLineCommand.js"
import { CreditLineEvent } from "./CreditLineEvent.js"
import { CreateListing, Delist, ReserveStock, Reprice, Restock } from "./ListingCommand.js"
import { ListingEvent } from "./ListingEvent.js"
import { ListingId } from "./ListingId.js"
import { JoinNetwork, LeaveNetwork, RegisterPrimaryKoperasi } from "./KoperasiCommand.js"
import { KoperasiEvent } from "./KoperasiEvent.js"
import { OrderCommand, PlaceOrder, type LineRequest } from "./OrderCommand.js"
import { OrderEvent } from "./OrderEvent.js"
import { OrderId } from "./OrderId.js"
import type { PaymentTerms } from "./PaymentTerms.js"

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
export const productId: fc.Arbitrary<ProductId.ProductId> = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)
  .map((s) => ProductId.ProductId.make(s))

/** The admin of a cooperative. */
export const adminOf = (nik: Identifier.NikKoperasi): Actor.Actor => Actor.KoperasiAdmin.make({ nik })

/** A valid `RegisterPrimaryKoperasi`: at least 20 individual members, by its own admin. */
export const registerPrimary: fc.Arbitrary<RegisterPrimaryKoperasi> = fc
  .record({ nik, regionCode, individualMembers: fc.integer({ min: 20, max: 100_000 }) })
  .map(
    ({ individualMembers, nik, regionCode }) =>
      new RegisterPrimaryKoperasi({ actor: adminOf(nik), nik, name: "Koperasi Serba Usaha", regionCode, individualMembers })
  )

/**
 * A valid `CreateListing` by the seller's admin, of a product that is not an OPOP product (an OPOP
 * product's listing carries its maker, read by `OpopMaker.read`).
 */
export const createListing: fc.Arbitrary<CreateListing> = fc
  .record({
    listingId,
    seller: nik,
    unitPrice,
    stock: fc.integer({ min: 0, max: 1_000_000 }),
    minimumOrderQuantity: fc.integer({ min: 1, max: 100 })
  })
  .map(({ seller, ...fields }) => new CreateListing({ actor: adminOf(seller), seller, name: "Beras premium 5 kg", ...fields }))

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
      lines: lines.map(
        (line): LineRequest => ({
          listing: {
            listingId: line.listingId,
            seller,
            unitPrice: line.unitPrice,
            minimumOrderQuantity: line.minimumOrderQuantity,
            active: true
          },
          quantity: line.minimumOrderQuantity + line.extra
        })
      )
    })
  })

/**
 * A valid `PlaceOrder` to the network's own secondary cooperative, by a primary of its network
 * (a secondary sells to the primaries of its own network, with no network fee: adr/0080).
 */
export const placeOrderFromNetwork: fc.Arbitrary<PlaceOrder> = placeOrder.map((command) => {
  const { secondary } = command.network
  return new PlaceOrder({
    ...command,
    seller: { nik: secondary, type: "SEKUNDER", network: secondary },
    lines: command.lines.map((line) => ({ ...line, listing: { ...line.listing, seller: secondary } }))
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
  fc.constantFrom<Invalid<PlaceOrder>>(
    ...[
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
      ...(other === valid.network.secondary
        ? []
        : [{ rule: "NotInSameNetwork", command: new PlaceOrder({ ...valid, seller: { ...valid.seller, network: other } }) }]),
      { rule: "NoOrderLines", command: withLines(valid, () => []) },
      { rule: "DuplicateOrderLine", command: withLines(valid, (lines) => [...lines, first(lines)]) },
      ...(other === valid.seller.nik
        ? []
        : [
            {
              rule: "LineNotFromSeller",
              command: withLines(valid, (lines) => [
                { ...first(lines), listing: { ...first(lines).listing, seller: other } },
                ...lines.slice(1)
              ])
            }
          ]),
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
    ]
  )
)

/** A primary cooperative's registration that breaks one rule. */
export const invalidRegistration: fc.Arbitrary<Invalid<RegisterPrimaryKoperasi>> = fc.oneof(
  fc.tuple(registerPrimary, fc.integer({ min: 0, max: 19 })).map(([valid, members]) => ({
    rule: "TooFewIndividualMembers",
    command: new RegisterPrimaryKoperasi({ ...valid, individualMembers: members })
  })),
  fc
    .tuple(registerPrimary, nik)
    .filter(([valid, other]) => valid.nik !== other)
    .map(([valid, other]) => ({
      rule: "ActorNotAuthorized",
      command: new RegisterPrimaryKoperasi({ ...valid, actor: adminOf(other) })
    }))
)

/** A `CreateListing` (not of an OPOP product) that breaks one rule. */
export const invalidCreateListing: fc.Arbitrary<Invalid<CreateListing>> = fc
  .tuple(createListing, nik)
  .filter(([valid, other]) => valid.seller !== other)
  .chain(([valid, other]) =>
    fc.constantFrom<Invalid<CreateListing>>(
      { rule: "ActorNotAuthorized", command: new CreateListing({ ...valid, actor: adminOf(other) }) },
      { rule: "UnitPriceNotPositive", command: new CreateListing({ ...valid, unitPrice: Rupiah.zero }) }
    )
  )

/** Raw inputs that do not decode as the command they try to be (bad NIK, negative or fractional amounts, zero quantities, unknown regions). */
export const undecodableInput: fc.Arbitrary<{
  readonly schema: "PlaceOrder" | "CreateListing" | "RecordPayment"
  readonly input: unknown
}> = fc.tuple(createListing, placeOrder).chain(([listing, order]) => {
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

/**
 * Any cooperative command the Schema admits (valid or not by the rules) that carries no fact:
 * every command but `RegisterSecondaryKoperasi`, whose founders are read from their streams.
 */
export const anyKoperasiCommand: fc.Arbitrary<RegisterPrimaryKoperasi | JoinNetwork | LeaveNetwork> = fc.oneof(
  Arbitrary.make(RegisterPrimaryKoperasi),
  Arbitrary.make(JoinNetwork),
  Arbitrary.make(LeaveNetwork)
)
/**
 * Any listing command the Schema admits that carries no fact: listings of products that are not
 * OPOP products, restocks, repricings, delistings and reservations (releases and commits carry
 * the order as read from its stream).
 */
export const anyListingCommand: fc.Arbitrary<CreateListing | Restock | Reprice | Delist | ReserveStock> = fc.oneof(
  Arbitrary.make(Schema.Struct(Struct.omit(CreateListing.fields, "_tag", "opop"))).map((fields) => new CreateListing(fields)),
  Arbitrary.make(Restock),
  Arbitrary.make(Reprice),
  Arbitrary.make(Delist),
  Arbitrary.make(ReserveStock)
)
/** Any order command the Schema admits. */
export const anyOrderCommand = Arbitrary.make(OrderCommand)
/** Any cooperative event. */
export const anyKoperasiEvent = Arbitrary.make(KoperasiEvent)
/** Any listing event. */
export const anyListingEvent = Arbitrary.make(ListingEvent)
/** Any order event. */
export const anyOrderEvent = Arbitrary.make(OrderEvent)
/** A valid `SetCreditLimit`: a seller's limit (Rp0 to Rp10,000,000,000, or lifted) for another cooperative, by the seller's admin. */
export const setCreditLimit: fc.Arbitrary<SetCreditLimit> = fc
  .record({ niks: distinctNiks(2), limit: fc.option(fc.integer({ min: 0, max: 10_000_000_000 }), { nil: null }) })
  .map(({ limit, niks }) => {
    const [seller, buyer] = niks as [Identifier.NikKoperasi, Identifier.NikKoperasi]
    return new SetCreditLimit({ actor: adminOf(seller), seller, buyer, limit: limit === null ? null : Rupiah.unsafeMake(limit) })
  })
/**
 * Any credit line command the Schema admits that carries no fact: limits and reservations
 * (releases carry the order as read from its stream).
 */
export const anyCreditLineCommand: fc.Arbitrary<SetCreditLimit | ReserveCredit> = fc.oneof(
  Arbitrary.make(SetCreditLimit),
  Arbitrary.make(ReserveCredit)
)
/** Any credit line event. */
export const anyCreditLineEvent = Arbitrary.make(CreditLineEvent)
