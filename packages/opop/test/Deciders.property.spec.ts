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

/** What the check reads of an aggregate's module (`Pesantren`, …): its decider and the event types of its codec. */
interface AggregateModule<C, E, S, Err> {
  readonly decider: Decider.Decider<C, E, S, Err>
  readonly codec: { readonly eventTypes: ReadonlyArray<string> }
}

/**
 * The properties every OPOP decider has, checked on the aggregate's module with its error module
 * (`PesantrenError`, …): commands from both arbitraries (anything the Schemas admit, and the
 * likely ones), events from `events`, states opened by `openingTag`.
 */
const checkDecider = <C, E extends { readonly _tag: string }, S, Err extends { readonly _tag: string; readonly message: string }>(
  name: string,
  { codec, decider }: AggregateModule<C, E, S, Err>,
  errorModule: object,
  options: {
    readonly commands: readonly [anyCommand: () => fc.Arbitrary<C>, likelyCommand: () => fc.Arbitrary<C>]
    readonly events: () => fc.Arbitrary<E>
    readonly openingTag: E["_tag"]
  }
) =>
  describe(name, () => {
    const errorTags = new Set([...Object.keys(errorModule), "ActorNotAuthorized"])
    const commands = () => fc.oneof(...options.commands.map((command) => command()))

    it("decide never throws: for any command, any state and any time it returns events or a typed domain error with a message", () => {
      fc.assert(
        fc.property(commands(), anyState(decider, options.events(), options.openingTag), Arbitraries.instant, (command, state, at) => {
          const error = expectNoDefect(decideAt(decider, command, state, at.getTime()))
          if (error._tag === "Some") {
            expect(errorTags.has(error.value._tag), `unexpected error ${error.value._tag}`).toBe(true)
            expect(error.value.message.length).toBeGreaterThan(20)
          }
        })
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
      expect([...seen].sort()).toEqual([...codec.eventTypes].sort())
    })
  })

describe("Every decider", () => {
  checkDecider("Pesantren", Pesantren, PesantrenError, {
    commands: [Arbitraries.anyPesantrenCommand, Arbitraries.pesantrenCommand],
    events: Arbitraries.anyPesantrenEvent,
    openingTag: "PesantrenRegistered"
  })
  checkDecider("Product", Product, ProductError, {
    commands: [Arbitraries.anyProductCommand, Arbitraries.productCommand],
    events: Arbitraries.anyProductEvent,
    openingTag: "ProductProposed"
  })
  checkDecider("Santripreneur", Santripreneur, SantripreneurError, {
    commands: [Arbitraries.anySantripreneurCommand, Arbitraries.santripreneurCommand],
    events: Arbitraries.anySantripreneurEvent,
    openingTag: "SantripreneurEnrolled"
  })

  it("the OPOP codec knows every event of the three streams, and only those", () => {
    expect([...OpopEvent.codec.eventTypes].sort()).toEqual(
      [...Pesantren.codec.eventTypes, ...Product.codec.eventTypes, ...Santripreneur.codec.eventTypes].sort()
    )
    expect(new Set(OpopEvent.codec.eventTypes).size).toBe(22)
  })
})
