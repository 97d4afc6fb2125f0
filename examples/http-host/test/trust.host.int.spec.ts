/**
 * Trust at the host's edge, over real HTTP on PostgreSQL: tokens that have expired or were made
 * for someone else are refused with their reason, and the live feed sends each actor only what
 * it may see.
 */
import { describe, expect, it } from "vitest"
import { Effect, Schema } from "effect"
import { Actor } from "@jatim/kernel"
import { signToken } from "../src/auth.js"
import { clockAt, dinas, hostPerFile, kop, learnerToken, oneModuleCourse, type Token, tokenKeys } from "./support.js"
import { numberedNetwork, registerPrimaries, registerSecondary } from "./tomikoNetwork.js"

const suite = hostPerFile("trust_host")
const { get, post } = suite

/** The cooperatives of the feed's stories: a network of its own, numbered from 5000. */
const { seller, buyer, other: third, secondary } = numberedNetwork(5000)

/** The buyer orders `quantity` of the seller's gula (`gula-5001`), cash. */
const placeGula = async (orderId: string, quantity: number) => {
  const placed = await post("/tomiko/orders/place", kop(buyer), {
    orderId,
    buyer,
    seller,
    terms: "CASH",
    lines: [{ listingId: "gula-5001", quantity }]
  })
  expect(placed.status).toBe(200)
}

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
    const reencoded = `${header}.${Buffer.from(`${Buffer.from(body!, "base64url").toString("utf8")} `).toString("base64url")}.${signature}`
    const refused = await post("/opop/pesantren/verify", reencoded, { nspp: "510035170001" })
    expect(refused.status).toBe(401)
    expect(refused.body.message).toBe("The bearer token's signature is invalid.")
  })
})

/** The live feed as the holder of `token` gets it, until `done` holds of what arrived (10 s at most). */
const openFeed = async (token: Token) => {
  const controller = new AbortController()
  const response = await fetch(`${suite.host.base}/events/live`, {
    headers: { authorization: `Bearer ${await token}` },
    signal: controller.signal
  })
  expect(response.status).toBe(200)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let received = decoder.decode((await reader.read()).value)
  expect(received).toContain(": connected")
  return {
    until: async (done: (text: string) => boolean): Promise<string> => {
      const deadline = Date.now() + 10_000
      while (!done(received) && Date.now() < deadline) {
        const chunk = await reader.read()
        if (chunk.done) break
        received += decoder.decode(chunk.value)
      }
      controller.abort()
      return received
    }
  }
}

/** The `data` of each SSE message received. */
const messages = (
  text: string
): ReadonlyArray<{ readonly streamName: string; readonly type: string; readonly data: unknown; readonly metadata: unknown }> =>
  text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice("data: ".length)))

describe("the live feed, per actor", () => {
  it("sends a learner its own events and published courses, with no draft, no order, no answer and no other party's metadata", async () => {
    const learnerId = "L-2026-050001"
    const learner = learnerToken(learnerId)
    const learnerFeed = await openFeed(learner)
    const dinasFeed = await openFeed(dinas)

    // A course whose quiz answers are choices 2 and 0.
    const courseId = "feed-kemasan"
    expect(
      (
        await post("/sijawara/courses/draft", dinas, {
          courseId,
          topic: "KEMASAN",
          content: oneModuleCourse({
            title: "Kemasan untuk pasar daring",
            passMark: 50,
            questions: [
              { prompt: "Bahan kemasan tahan minyak?", choices: ["Kertas", "Kain", "Aluminium foil"], answer: 2 },
              { prompt: "Label wajib memuat?", choices: ["Komposisi", "Warna favorit"], answer: 0 }
            ]
          })
        })
      ).status
    ).toBe(200)
    expect((await post("/sijawara/courses/publish", dinas, { courseId })).status).toBe(200)

    // An order between cooperatives, in a network of their own.
    await registerPrimaries(post, [seller, buyer, third])
    await registerSecondary(post, secondary, "Puskop Umpan", 100, [seller, buyer, third])
    // The third is no member yet: it joins in the next test.
    for (const nik of [seller, buyer]) expect((await post("/tomiko/koperasi/join-network", kop(nik), { nik, secondary })).status).toBe(200)
    expect(
      (
        await post("/tomiko/listings/create", kop(seller), {
          listingId: "gula-5001",
          seller,
          name: "Gula Pasir 1 kg",
          unitPrice: 16000,
          stock: 500,
          minimumOrderQuantity: 10
        })
      ).status
    ).toBe(200)
    await placeGula("FEED-5001", 50)

    // Last, the learner's own events: once they arrive, everything before them has been judged.
    expect(
      (await post("/sijawara/learners/register", learner, { learnerId, name: "Dewi Lestari", region: "35.17", role: { _tag: "PUBLIC" } }))
        .status
    ).toBe(200)
    expect((await post("/sijawara/enrollments/enroll", learner, { learnerId, courseId })).status).toBe(200)

    const seen = messages(await learnerFeed.until((text) => text.includes("event: Enrolled")))
    const all = messages(await dinasFeed.until((text) => text.includes("event: Enrolled")))
    // The Dinas got the order and the answers: the learner's feed was not empty by accident.
    expect(all.some((m) => m.streamName === "order-FEED-5001")).toBe(true)
    expect(JSON.stringify(all)).toContain('"answer":2')

    expect(seen.map((m) => m.type)).toEqual(expect.arrayContaining(["CoursePublished", "LearnerRegistered", "Enrolled"]))
    // A draft is its authors' work in progress: the learner sees the published version only.
    expect(seen.map((m) => m.type)).not.toContain("CourseDrafted")
    expect(all.map((m) => m.type)).toContain("CourseDrafted")
    expect(seen.filter((m) => m.streamName.startsWith("order-"))).toEqual([])
    const text = JSON.stringify(seen)
    expect(text).not.toMatch(/"answer(Key)?"/)
    // Who issued each command, and its correlation id, are not in a learner's feed.
    for (const m of seen) expect(Object.keys(m.metadata as object).sort()).toEqual(["occurredAt", "schemaVersion"])
  })

  it("sends a cooperative its own order and not another network's", async () => {
    const feed = await openFeed(kop(third))
    const buyerFeed = await openFeed(kop(buyer))
    await placeGula("FEED-5002", 10)
    const buyerSaw = messages(await buyerFeed.until((text) => text.includes("order-FEED-5002")))
    expect(buyerSaw.some((m) => m.streamName === "order-FEED-5002" && m.type === "OrderPlaced")).toBe(true)
    // The third cooperative is no party: a later public event of its own shows the feed moved past the order.
    expect((await post("/tomiko/koperasi/join-network", kop(third), { nik: third, secondary })).status).toBe(200)
    const thirdSaw = messages(await feed.until((text) => text.includes("event: NetworkJoined")))
    expect(thirdSaw.some((m) => m.streamName === `koperasi-${third}`)).toBe(true)
    expect(thirdSaw.filter((m) => m.streamName.startsWith("order-"))).toEqual([])
  })
})

describe("the live feed refuses what it cannot read", () => {
  it("answers 400 for an unreadable Last-Event-ID, an empty or invalid category and an unreadable ?after=, instead of restarting from now", async () => {
    const open = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${suite.host.base}/events/live${query}`, { headers: { authorization: `Bearer ${dinas}`, ...headers } })
    for (const response of [
      await open("", { "last-event-id": "not-a-position" }),
      await open("?category="),
      await open("?category=order&category=no-dash-allowed"),
      await open("?after=yesterday")
    ]) {
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ _tag: "HttpApiDecodeError" })
    }
    // A readable one still streams.
    const controller = new AbortController()
    const ok = await fetch(`${suite.host.base}/events/live?category=order`, {
      headers: { authorization: `Bearer ${dinas}` },
      signal: controller.signal
    })
    expect(ok.status).toBe(200)
    controller.abort()
  })
})
