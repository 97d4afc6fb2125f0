/**
 * Facts from other streams cannot be forged by calling the library directly: the listing and
 * cooperative deciders refuse, at run time, a maker, an order's or a cooperative's reading that
 * its reader did not make — built by hand, spread or copied from a real one, round-tripped
 * through JSON, or carried by a command built with its validation skipped — with
 * `FactUnverified`, naming the reader to use. And no arbitrary of the package makes a fact.
 */
import { describe, expect, it } from "vitest"
import { Arbitrary, Either } from "effect"
import * as fc from "fast-check"
import { Rupiah } from "@jatim/kernel"
import { Koperasi, KoperasiCommand, KoperasiReading, Listing, ListingCommand, ListingEvent, OpopMaker, OrderReading } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { makerOf, orderAs, reading } from "./facts.js"
import { keripikListing } from "./opop.js"
import { decideOn } from "./support.js"
import { beras, buyer, buyerAdmin, dinas, founders, listed, order1, secondary, seller, sellerAdmin } from "./fixtures.js"

/** The forgeries of `fact`: a look-alike, spread and assigned copies, a JSON round-trip, an object made from its prototype. */
const forgeriesOf = (fact: object, lookAlike: object): ReadonlyArray<readonly [string, unknown]> => [
  ["a plain object", lookAlike],
  ["a spread copy", { ...fact }],
  ["an assigned copy", Object.assign({}, fact)],
  ["a JSON round-trip", JSON.parse(JSON.stringify(fact))],
  ["an object from its prototype", Object.assign(Object.create(Object.getPrototypeOf(fact) as object) as object, fact)],
  ["a frozen look-alike", Object.freeze({ ...lookAlike })]
]

/**
 * What a caller in JavaScript, or with a cast, hands the decider: any value where a fact is typed.
 * The one cast of these tests, standing for the attacker's.
 */
const smuggled = <A>(u: unknown): A => u as A

const refusedAs = (result: Either.Either<unknown, { readonly _tag: string; readonly message: string }>, reader: string) => {
  expect(Either.isLeft(result) && result.left._tag).toBe("FactUnverified")
  expect(Either.isLeft(result) && result.left.message).toContain(reader)
}

describe("the listing decider refuses an order's reading its reader did not make", () => {
  const reservedToBuyer = new ListingEvent.StockReserved({ listingId: beras, orderId: order1, buyer, quantity: 10 })
  const history = [listed(beras), reservedToBuyer]
  const cancelled = orderAs(order1, "CANCELLED")
  const shipped = orderAs(order1, "SHIPPED")

  it("a real reading releases or commits; none of its forgeries does, whatever the command's path", () => {
    expect(OrderReading.is(cancelled)).toBe(true)
    expect(
      Either.isRight(
        decideOn(Listing.decider, history, new ListingCommand.ReleaseStock({ actor: buyerAdmin, listingId: beras, order: cancelled }))
      )
    ).toBe(true)
    expect(
      Either.isRight(
        decideOn(Listing.decider, history, new ListingCommand.CommitStock({ actor: sellerAdmin, listingId: beras, order: shipped }))
      )
    ).toBe(true)
    for (const [fact, actor, tag] of [
      [cancelled, buyerAdmin, "ReleaseStock"],
      [shipped, sellerAdmin, "CommitStock"]
    ] as const) {
      for (const [what, forged] of forgeriesOf(fact, { orderId: order1, status: fact.status })) {
        expect(OrderReading.is(forged), what).toBe(false)
        const order = smuggled<OrderReading.OrderReading>(forged)
        // The command's Schema refuses it ...
        expect(
          () =>
            tag === "ReleaseStock"
              ? new ListingCommand.ReleaseStock({ actor, listingId: beras, order })
              : new ListingCommand.CommitStock({ actor, listingId: beras, order }),
          what
        ).toThrow("OrderReading.read")
        // ... and the decider refuses it when the validation is skipped, or with a plain command.
        const skipped =
          tag === "ReleaseStock"
            ? new ListingCommand.ReleaseStock({ actor, listingId: beras, order }, true)
            : new ListingCommand.CommitStock({ actor, listingId: beras, order }, true)
        refusedAs(decideOn(Listing.decider, history, skipped), "OrderReading.read")
        const plain = smuggled<ListingCommand.ListingCommand>({ _tag: tag, actor, listingId: beras, order: forged })
        refusedAs(decideOn(Listing.decider, history, plain), "OrderReading.read")
      }
    }
  })

  it("the buyer cannot release an accepted order's stock by claiming it was cancelled", () => {
    const claim = smuggled<ListingCommand.ListingCommand>({
      _tag: "ReleaseStock",
      actor: buyerAdmin,
      listingId: beras,
      order: { orderId: order1, status: "CANCELLED" }
    })
    refusedAs(decideOn(Listing.decider, history, claim), "OrderReading.read")
    const result = decideOn(Listing.decider, history, claim)
    expect(Either.isLeft(result) && result.left.message).toMatch(/order's reading .* OrderReading\.read/)
  })
})

describe("the listing decider refuses an OPOP product's maker its reader did not make", () => {
  const create = (opop: OpopMaker.OpopMaker, validate = true) =>
    new ListingCommand.CreateListing({ actor: sellerAdmin, ...keripikListing(), opop }, !validate)

  it("a real maker naming the seller lists; none of its forgeries does, whatever the command's path", () => {
    // The product's Kopontren is another cooperative: a forger claims it is the seller.
    const real = makerOf("keripik-tempe", buyer)
    expect(OpopMaker.is(real)).toBe(true)
    expect(Either.isRight(decideOn(Listing.decider, [], create(makerOf("keripik-tempe", seller))))).toBe(true)
    expect(decideOn(Listing.decider, [], create(real))).toMatchObject({ left: { _tag: "OpopProductNotOwnKopontren" } })
    for (const [what, forged] of forgeriesOf(real, { productId: real.productId, nspp: real.nspp, kopontren: seller })) {
      expect(OpopMaker.is(forged), what).toBe(false)
      const opop = smuggled<OpopMaker.OpopMaker>(forged)
      expect(() => create(opop), what).toThrow("OpopMaker.read")
      refusedAs(decideOn(Listing.decider, [], create(opop, false)), "OpopMaker.read")
      const plain = smuggled<ListingCommand.ListingCommand>({ ...create(makerOf("keripik-tempe", seller)), opop: forged })
      refusedAs(decideOn(Listing.decider, [], plain), "OpopMaker.read")
    }
  })
})

describe("the cooperative decider refuses a founder's reading its reader did not make", () => {
  const registration = (foundersRead: ReadonlyArray<KoperasiReading.KoperasiReading>, validate = true) =>
    new KoperasiCommand.RegisterSecondaryKoperasi(
      {
        actor: dinas,
        nik: secondary,
        name: "Pusat Koperasi Jawa Timur",
        regionCode: "35.78",
        founders: foundersRead,
        feeBasisPoints: Rupiah.BasisPoints.make(150)
      },
      !validate
    )

  it("real readings register; a forged founder among them does not, whatever the command's path", () => {
    const real = founders.map((nik) => reading(nik, "PRIMER"))
    expect(real.every(KoperasiReading.is)).toBe(true)
    expect(Either.isRight(decideOn(Koperasi.decider, [], registration(real)))).toBe(true)
    // An unregistered cooperative claims to be a primary.
    const unregistered = reading(founders[2], null)
    for (const [what, forged] of forgeriesOf(unregistered, { nik: founders[2], type: "PRIMER" })) {
      expect(KoperasiReading.is(forged), what).toBe(false)
      const withForged = [real[0]!, real[1]!, smuggled<KoperasiReading.KoperasiReading>(forged)]
      expect(() => registration(withForged), what).toThrow("KoperasiReading.read")
      refusedAs(decideOn(Koperasi.decider, [], registration(withForged, false)), "KoperasiReading.read")
      const plain = smuggled<KoperasiCommand.KoperasiCommand>({ ...registration(real), founders: withForged })
      refusedAs(decideOn(Koperasi.decider, [], plain), "KoperasiReading.read")
    }
  })
})

describe("no arbitrary makes a fact", () => {
  it("the facts' Schemas have no arbitrary", () => {
    expect(() => Arbitrary.make(OpopMaker.OpopMaker)).toThrow()
    expect(() => Arbitrary.make(OrderReading.OrderReading)).toThrow()
    expect(() => Arbitrary.make(KoperasiReading.KoperasiReading)).toThrow()
    expect(() => Arbitrary.make(ListingCommand.ListingCommand)).toThrow()
    expect(() => Arbitrary.make(KoperasiCommand.KoperasiCommand)).toThrow()
  })

  it("the public arbitraries' commands carry no fact", () => {
    fc.assert(
      fc.property(Arbitraries.anyListingCommand, Arbitraries.createListing, (command, valid) => {
        expect(command._tag === "CreateListing" ? command.opop : undefined).toBeUndefined()
        expect(valid.opop).toBeUndefined()
      })
    )
    fc.assert(
      fc.property(Arbitraries.anyKoperasiCommand, (command) => {
        expect(command._tag).not.toBe("RegisterSecondaryKoperasi")
      })
    )
  })
})
