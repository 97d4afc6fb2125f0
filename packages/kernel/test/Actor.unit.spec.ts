import { describe, expect, it } from "vitest"
import { Arbitrary, Either, Schema } from "effect"
import * as fc from "fast-check"
import { Actor } from "../src/index.js"

describe("Actor", () => {
  it("every actor survives encoding, and its metadata names its role and identity", () => {
    fc.assert(
      fc.property(Arbitrary.make(Actor.Actor), (actor) => {
        const encoded = JSON.parse(JSON.stringify(Schema.encodeSync(Actor.Actor)(actor)))
        expect(Schema.decodeUnknownSync(Actor.Actor)(encoded)).toEqual(actor)
        const ref = Actor.toActorRef(actor)
        expect(ref.role).toBe(actor._tag)
        expect(Object.values(actor)).toContain(ref.id)
      })
    )
  })

  it("scoped roles carry valid identifiers", () => {
    const decode = Schema.decodeUnknownEither(Actor.Actor)
    expect(Either.isRight(decode({ _tag: "PESANTREN_ADMIN", nspp: "510035780001" }))).toBe(true)
    expect(Either.isLeft(decode({ _tag: "PESANTREN_ADMIN", nspp: "5100" }))).toBe(true)
    expect(Either.isLeft(decode({ _tag: "KOPERASI_ADMIN", nik: "1" }))).toBe(true)
    expect(Either.isLeft(decode({ _tag: "UMKM_OWNER", nib: "12345678901234" }))).toBe(true)
    expect(Either.isLeft(decode({ _tag: "SUPERUSER" }))).toBe(true)
  })

  it("a refusal names the actor, the action and the rule", () => {
    const error = new Actor.ActorNotAuthorized({
      actor: { _tag: "CURATOR", curatorId: "kurator-07" },
      action: "verify a pesantren",
      rule: "only Dinas officers verify pesantren"
    })
    expect(error.message).toBe("CURATOR kurator-07 may not verify a pesantren: only Dinas officers verify pesantren.")
  })
})

describe("Actor.refOfCommand", () => {
  it("records a command's actor as toActorRef does: its role and identity", () => {
    fc.assert(
      fc.property(Arbitrary.make(Actor.Actor), (actor) => {
        expect(Actor.refOfCommand({ actor })).toEqual(Actor.toActorRef(actor))
        expect(Actor.refOfCommand({ actor })).toEqual({ role: actor._tag, id: Actor.identityOf(actor) })
      })
    )
  })
})
