/**
 * The demo data (`src/demo/`) on a host of its own (a database of its own): loaded through
 * the commands, it shows TOMIKO orders in every state through the HTTP read models, and loading
 * it again writes nothing. A host in memory, loaded with the same data, answers every query as
 * the host on PostgreSQL does (the pure read models against the SQL ones).
 */
import { Effect, Exit, Scope } from "effect"
import { describe, expect, it } from "vitest"
import { seedIfEmpty } from "../src/demo/loader.js"
import { start } from "../src/server.js"
import { client, dinas, eventCount, eventually, hostPerFile, kop, owner, quietLogger, tokenKeys } from "./support.js"

const suite = hostPerFile("http_host_seed")
const { get } = suite

const seed = (force: boolean) => Effect.runPromise(seedIfEmpty({ force }).pipe(Effect.provide(suite.host.context)))

/** The four primary cooperatives of the demo network. */
const primaries = ["3517010000000001", "3578010000000011", "3507010000000012", "3509010000000013"]

interface BookEntry {
  readonly orderId: string
  readonly role: "BUYER" | "SELLER"
  readonly status: string
  readonly total: number
  readonly paid: number
  readonly disputed: boolean
}

/** Every demo order, by id, as the buyers' order books show it. */
const orders = async (): Promise<ReadonlyMap<string, BookEntry>> => {
  const entries = new Map<string, BookEntry>()
  for (const nik of primaries) {
    const book = await get(`/tomiko/koperasi/${nik}/orders`, kop(nik))
    expect(book.status).toBe(200)
    for (const entry of book.body as ReadonlyArray<BookEntry>) {
      if (entry.role === "BUYER") entries.set(entry.orderId, entry)
    }
  }
  return entries
}

describe("the demo data", () => {
  it("has TOMIKO orders in every state, and loading it again writes nothing", async () => {
    expect(await seed(false)).toMatch(/^loaded through \d+ commands$/)

    const byId = await orders()
    const statuses = new Set([...byId.values()].map((entry) => entry.status))
    // (ACCEPTING lasts only while the acceptance saga runs.)
    for (const status of [
      "PLACED",
      "ACCEPTED",
      "ACCEPTANCE_FAILED",
      "SHIPPED",
      "DELIVERED",
      "INVOICED",
      "PAID",
      "SETTLED",
      "CANCELLED",
      "REJECTED"
    ]) {
      expect(statuses, `an order in ${status}`).toContain(status)
    }
    // Partly paid: invoiced, something paid, less than the total.
    const partlyPaid = [...byId.values()].filter((e) => e.status === "INVOICED" && e.paid > 0 && e.paid < e.total)
    expect(partlyPaid.map((e) => e.orderId)).toEqual(["TMK-0009"])
    expect(byId.get("TMK-0009")).toMatchObject({ total: 864000, paid: 400000 })
    // Paid in full, not settled yet.
    expect(byId.get("TMK-0010")).toMatchObject({ status: "PAID", total: 750000, paid: 750000 })
    // Disputed after delivery (a dispute is a flag next to the status).
    const disputed = [...byId.values()].filter((e) => e.disputed)
    expect(disputed).toEqual([expect.objectContaining({ orderId: "TMK-0011", status: "DELIVERED" })])
    expect(byId.get("TMK-0007")).toMatchObject({ status: "DELIVERED", disputed: false })
    expect(byId.get("TMK-0008")).toMatchObject({ status: "INVOICED", paid: 0 })
    expect(byId.get("TMK-0012")).toMatchObject({ status: "ACCEPTANCE_FAILED" })

    // The stock process manager commits what was shipped: 20 + 50 + 15 + 10 + 20 bags of rice
    // and 12 + 24 cartons of oil; TMK-0003's 24 cartons stay reserved.
    const stock = await eventually(
      async () =>
        (await get("/tomiko/listings", kop(primaries[0]!))).body as ReadonlyArray<{ listingId: string; onHand: number; reserved: number }>,
      (list) =>
        list.find((s) => s.listingId === "beras-premium-5kg")?.onHand === 385 &&
        list.find((s) => s.listingId === "minyak-goreng-2l")?.onHand === 264
    )
    expect(stock).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ listingId: "beras-premium-5kg", onHand: 385, reserved: 0 }),
        expect.objectContaining({ listingId: "minyak-goreng-2l", onHand: 264, reserved: 24 }),
        // An OPOP product, listed by the Kopontren its pesantren linked in OPOP.
        expect.objectContaining({ listingId: "keripik-tempe-santri", seller: "3517010000000001", active: true })
      ])
    )

    // Sijawara: Siti's link to her UMKM went through propose + confirm, so her certificate becomes
    // a KEMASAN training on that UMKM in JATIM ISO.
    const sitiUmkm = await eventually(
      async () => (await get("/jatim-iso/umkm/9120001234567", owner("9120001234567"))).body,
      (summary) => Array.isArray(summary?.trainings) && summary.trainings.includes("KEMASAN")
    )
    expect(sitiUmkm.trainings).toContain("KEMASAN")

    // Loading it again: every step is refused by its rule or changes nothing.
    const before = await eventCount(suite.host.store)
    expect(await seed(false)).toMatch(/^already present/)
    await seed(true)
    expect(await eventCount(suite.host.store)).toBe(before)
    expect(await orders()).toEqual(byId)
  })

  it("answers every query in memory as on PostgreSQL", async () => {
    // The first test loaded the data on PostgreSQL (this test alone loads it there too).
    await seed(false)
    const scope = Effect.runSync(Scope.make())
    try {
      const memory = await Effect.runPromise(
        Scope.extend(start({ store: { _tag: "memory" }, port: 0, tokenKeys, logger: quietLogger }), scope)
      )
      await Effect.runPromise(seedIfEmpty({ force: false }).pipe(Effect.provide(memory.context)))
      const inMemory = client(() => memory.url)
      const queries: ReadonlyArray<readonly [string, string | Promise<string> | undefined]> = [
        ["/opop/pesantren", dinas],
        ["/opop/pesantren", undefined],
        ["/opop/products", dinas],
        ["/opop/products", undefined],
        ["/opop/dashboard", undefined],
        ["/sijawara/leaderboard", undefined],
        ["/sijawara/learners/L-2025-000123/progress", dinas],
        ["/jatim-iso/funnel", undefined],
        ["/jatim-iso/funnel?region=35.17", undefined],
        ["/tomiko/listings", dinas],
        ...primaries.map((nik) => [`/tomiko/koperasi/${nik}/orders`, kop(nik)] as const)
      ]
      for (const [path, token] of queries) {
        const expected = await get(path, token)
        expect(expected.status, path).toBe(200)
        // The memory host's process managers may still be at work: its answers settle.
        const answer = await eventually(
          async () => inMemory.get(path, token),
          (reply) => JSON.stringify(reply) === JSON.stringify(expected)
        )
        expect(answer, path).toEqual(expected)
      }
    } finally {
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  })
})
