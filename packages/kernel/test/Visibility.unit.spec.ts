import { describe, expect, it } from "vitest"
import { Arbitrary, Either, Option, Schema } from "effect"
import * as fc from "fast-check"
import { Actor, Visibility } from "../src/index.js"

const anyViewer = fc.oneof(Arbitrary.make(Actor.Actor), fc.constant<Visibility.Viewer>(Visibility.anonymous))

describe("Visibility: the anonymous viewer", () => {
  it("is tagged ANONYMOUS, survives encoding, and is no actor", () => {
    const encoded = JSON.parse(JSON.stringify(Schema.encodeSync(Visibility.Viewer)(Visibility.anonymous)))
    expect(encoded).toEqual({ _tag: "ANONYMOUS" })
    expect(Schema.decodeUnknownSync(Visibility.Viewer)(encoded)).toEqual(Visibility.anonymous)
    expect(Visibility.isAnonymous(Visibility.anonymous)).toBe(true)
    // Commands always have an actor: the anonymous viewer never decodes as one.
    expect(Either.isLeft(Schema.decodeUnknownEither(Actor.Actor)(encoded))).toBe(true)
  })

  it("every actor is a viewer, and none is anonymous", () => {
    fc.assert(
      fc.property(Arbitrary.make(Actor.Actor), (actor) => {
        const viewer: Visibility.Viewer = actor
        expect(Schema.decodeUnknownSync(Visibility.Viewer)(Schema.encodeSync(Actor.Actor)(actor))).toEqual(actor)
        expect(Visibility.isAnonymous(viewer)).toBe(false)
      })
    )
  })

  it("sees what `everyone` shows, never what `dinasOnly` keeps, and is no Dinas officer", () => {
    expect(Visibility.isDinas(Visibility.anonymous)).toBe(false)
    expect(Visibility.everyone(Visibility.anonymous, "view")).toEqual(Option.some("view"))
    expect(Visibility.dinasOnly(Visibility.anonymous, "view")).toEqual(Option.none())
  })

  it("for every viewer: `everyone` shows the view, `dinasOnly` exactly to Dinas officers", () => {
    fc.assert(
      fc.property(anyViewer, fc.integer(), (viewer, view) => {
        expect(Visibility.everyone(viewer, view)).toEqual(Option.some(view))
        expect(Visibility.isDinas(viewer)).toBe(viewer._tag === "DINAS_OFFICER")
        expect(Option.isSome(Visibility.dinasOnly(viewer, view))).toBe(viewer._tag === "DINAS_OFFICER")
      })
    )
  })
})

describe("Visibility: policies by viewer alone", () => {
  it("byViewer admits every view to the viewers it admits and none to others; seesNothing says which", () => {
    const traders = Visibility.byViewer<number>((viewer) => viewer._tag === "KOPERASI_ADMIN" || Visibility.isDinas(viewer))
    fc.assert(
      fc.property(anyViewer, fc.integer(), (viewer, view) => {
        const admitted = viewer._tag === "KOPERASI_ADMIN" || viewer._tag === "DINAS_OFFICER"
        expect(traders(viewer, view)).toEqual(admitted ? Option.some(view) : Option.none())
        expect(Visibility.seesNothing(traders, viewer)).toBe(!admitted)
        // `dinasOnly` is such a policy; a policy per view never claims that a viewer sees nothing.
        expect(Visibility.seesNothing(Visibility.dinasOnly, viewer)).toBe(viewer._tag !== "DINAS_OFFICER")
        expect(Visibility.seesNothing(Visibility.everyone, viewer)).toBe(false)
        expect(Visibility.seesNothing((_: Visibility.Viewer, v: number) => (v > 0 ? Option.some(v) : Option.none()), viewer)).toBe(false)
      })
    )
  })
})
