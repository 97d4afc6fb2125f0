import { describe, expect, it } from "vitest"
import { Arbitrary, Either } from "effect"
import * as fc from "fast-check"
import { Actor, Identifier } from "@jatim/kernel"
import { Authorization, PesantrenCommand, ProductCommand, SantripreneurCommand } from "../src/index.js"
import { documented, documentedAllows } from "./authorizationTable.js"
import { admin, curator, dinas, nspp, otherAdmin } from "./fixtures.js"

const tags = Object.keys(documented) as ReadonlyArray<Authorization.CommandTag>

describe("Authorization", () => {
  it("covers every command of the three streams, and nothing else", () => {
    const commands = [
      ...PesantrenCommand.PesantrenCommand.members,
      ...ProductCommand.ProductCommand.members,
      ...SantripreneurCommand.SantripreneurCommand.members
    ].map((command) => command._tag)
    expect(Object.keys(Authorization.permissions).sort()).toEqual([...commands].sort())
    expect([...tags].sort()).toEqual([...commands].sort())
  })

  it("admits exactly the actors of the documented table, for any actor and pesantren", () => {
    const owner = fc.constantFrom(nspp, Identifier.Nspp.make("510035780002"))
    const actor = fc.oneof(
      Arbitrary.make(Actor.Actor),
      owner.map((n) => Actor.PesantrenAdmin.make({ nspp: n }))
    )
    fc.assert(
      fc.property(fc.constantFrom(...tags), actor, owner, (tag, who, pesantren) => {
        const result = Authorization.authorize(tag, who, pesantren)
        expect(Either.isRight(result)).toBe(documentedAllows(tag, who, pesantren))
      })
    )
  })

  it("a refusal is the kernel's ActorNotAuthorized, naming the actor, the action and the rule", () => {
    const refusal = Authorization.authorize("ScoreProduct", admin, nspp)
    expect(Either.isLeft(refusal) && refusal.left).toBeInstanceOf(Actor.ActorNotAuthorized)
    expect(Either.isLeft(refusal) && refusal.left.message).toBe(
      `PESANTREN_ADMIN ${nspp} may not score a product: only curators score products.`
    )
    const foreign = Authorization.authorize("ProposeProduct", otherAdmin, nspp)
    expect(Either.isLeft(foreign) && foreign.left.message).toBe(
      `PESANTREN_ADMIN 510035780002 may not propose a product: only the pesantren's own admin (PESANTREN_ADMIN ${nspp}) proposes its products.`
    )
    expect(Either.isRight(Authorization.authorize("ScoreProduct", curator, nspp))).toBe(true)
    expect(Either.isRight(Authorization.authorize("VerifyPesantren", dinas))).toBe(true)
    expect(Either.isLeft(Authorization.authorize("ProposeProduct", admin))).toBe(true)
  })
})
