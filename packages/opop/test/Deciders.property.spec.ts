import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Decider } from "@jatim/eventstore"
import { OpopEvent, Pesantren, PesantrenError, Product, ProductError, Santripreneur, SantripreneurError } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { decideAt, expectNoDefect } from "./world.js"

/**
 * States from anything the event Schemas admit: maybe an opening event of the aggregate (so the
 * state is not trivially empty), then any events, in any order, whatever they say.
 */
const anyState = <C, E extends { readonly _tag: string }, S, Err>(
  decider: Decider.Decider<C, E, S, Err>,
  anyEvent: fc.Arbitrary<E>,
  openingTag: E["_tag"]
): fc.Arbitrary<S> =>
  fc
    .tuple(
      fc.option(
        anyEvent.filter((e) => e._tag === openingTag),
        { nil: undefined }
      ),
      fc.array(anyEvent, { maxLength: 12 })
    )
    .map(([first, rest]) => Decider.fold(decider, first === undefined ? rest : [first, ...rest]))

const checkDecider = <C, E extends { readonly _tag: string }, S, Err extends { readonly _tag: string; readonly message: string }>(
  name: string,
  decider: Decider.Decider<C, E, S, Err>,
  options: {
    readonly commands: () => fc.Arbitrary<C>
    readonly events: () => fc.Arbitrary<E>
    readonly openingTag: E["_tag"]
    readonly eventTypes: ReadonlyArray<string>
    readonly errorModule: object
  }
) =>
  describe(name, () => {
    const errorTags = new Set([...Object.keys(options.errorModule), "ActorNotAuthorized"])

    it("decide never throws: for any command, any state and any time it returns events or a typed domain error with a message", () => {
      fc.assert(
        fc.property(
          options.commands(),
          anyState(decider, options.events(), options.openingTag),
          Arbitraries.instant,
          (command, state, at) => {
            const error = expectNoDefect(decideAt(decider, command, state, at.getTime()))
            if (error._tag === "Some") {
              expect(errorTags.has(error.value._tag), `unexpected error ${error.value._tag}`).toBe(true)
              expect(error.value.message.length).toBeGreaterThan(20)
            }
          }
        )
      )
    })

    it("evolve handles every event in any state, and every event type is generated", () => {
      const seen = new Set<string>()
      fc.assert(
        fc.property(anyState(decider, options.events(), options.openingTag), options.events(), (state, event) => {
          seen.add(event._tag)
          expect(decider.evolve(state, event)).toBeTypeOf("object")
          expect(decider.evolve(decider.initialState, event)).toBeTypeOf("object")
        })
      )
      expect([...seen].sort()).toEqual([...options.eventTypes].sort())
    })
  })

describe("Every decider", () => {
  checkDecider("Pesantren", Pesantren.decider, {
    commands: () => fc.oneof(Arbitraries.anyPesantrenCommand(), Arbitraries.pesantrenCommand()),
    events: Arbitraries.anyPesantrenEvent,
    openingTag: "PesantrenRegistered",
    eventTypes: Pesantren.codec.eventTypes,
    errorModule: PesantrenError
  })
  checkDecider("Product", Product.decider, {
    commands: () => fc.oneof(Arbitraries.anyProductCommand(), Arbitraries.productCommand()),
    events: Arbitraries.anyProductEvent,
    openingTag: "ProductProposed",
    eventTypes: Product.codec.eventTypes,
    errorModule: ProductError
  })
  checkDecider("Santripreneur", Santripreneur.decider, {
    commands: () => fc.oneof(Arbitraries.anySantripreneurCommand(), Arbitraries.santripreneurCommand()),
    events: Arbitraries.anySantripreneurEvent,
    openingTag: "SantripreneurEnrolled",
    eventTypes: Santripreneur.codec.eventTypes,
    errorModule: SantripreneurError
  })

  it("the OPOP codec knows every event of the three streams, and only those", () => {
    expect([...OpopEvent.codec.eventTypes].sort()).toEqual(
      [...Pesantren.codec.eventTypes, ...Product.codec.eventTypes, ...Santripreneur.codec.eventTypes].sort()
    )
    expect(new Set(OpopEvent.codec.eventTypes).size).toBe(22)
  })
})
