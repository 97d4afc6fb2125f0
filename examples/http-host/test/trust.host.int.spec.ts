/**
 * Trust at the host's edge, over real HTTP on PostgreSQL: tokens that have expired or were made
 * for someone else are refused with their reason, and the live feed sends each actor only what
 * it may see.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect, Schema } from "effect"
import { Actor } from "@jatim/kernel"
import { signToken } from "../src/auth.js"
import { clockAt, client, dinas, freshDatabase, type Host, startHost, tokenKeys } from "./support.js"

let host: Host
const { get, post } = client(() => host.base)

beforeAll(async () => {
  host = await startHost(await freshDatabase("trust_host"))
})

afterAll(async () => {
  await host?.stop()
})

const dinasActor = Schema.decodeUnknownSync(Actor.Actor)({ _tag: "DINAS_OFFICER", officerId: "dinas-test" })

/** A Dinas token signed `ago` milliseconds ago, valid for an hour. */
const signedAgo = (ago: number, keys = tokenKeys) =>
  Effect.runPromise(signToken(keys, dinasActor, { ttl: "1 hour" }).pipe(Effect.withClock(clockAt(Date.now() - ago))))

describe("bearer tokens over HTTP", () => {
  it("refuses a token one second past exp with 401 and the reason, and accepts a fresh one", async () => {
    const expired = await signedAgo(3_601_000)
    const refused = await get("/opop/pesantren", expired)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ _tag: "Unauthorized", message: "The bearer token has expired: ask for a new one." })
    expect((await get("/opop/pesantren", await signedAgo(1_000))).status).toBe(200)
    expect((await get("/opop/pesantren", dinas)).status).toBe(200)
  })

  it("refuses a token for another audience, a token from the future and a re-encoded one, each with its reason", async () => {
    const audience = await signedAgo(0, { ...tokenKeys, audience: "another-api" })
    expect((await get("/opop/pesantren", audience)).body.message).toBe("The bearer token is meant for another service (aud).")
    const future = await signedAgo(-120_000)
    expect((await get("/opop/pesantren", future)).body.message).toBe("The bearer token is not valid yet (nbf is in the future).")
    const [header, body, signature] = dinas.split(".")
    const reencoded = `${header}.${Buffer.from(Buffer.from(body!, "base64url").toString("utf8") + " ").toString("base64url")}.${signature}`
    const refused = await post("/opop/pesantren/verify", reencoded, { nspp: "510035170001" })
    expect(refused.status).toBe(401)
    expect(refused.body.message).toBe("The bearer token's signature is invalid.")
  })
})
