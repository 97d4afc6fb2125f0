/**
 * Lists answer a page at a time (`?limit=&after=`), over real HTTP on PostgreSQL: following the
 * `Link` of each page from the first gives the whole list once, in its order, whatever the page
 * size and the filters; a list filtered by who may see it fills its pages with what the viewer may
 * see; 100 items when the request does not say; a bad limit or a made-up cursor is a 400 that says
 * what to pass.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { FastCheck as fc } from "effect"
import { adminOf, curationScores, curator, dinas, hostPerFile, kop, productProposal, type Token } from "./support.js"

const suite = hostPerFile("paging")
const { post } = suite

/** One page: status, items, and the path of the next page (from the `Link` header), if any. */
interface PageReply {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely and assert on them
  readonly body: any
  readonly next: string | undefined
}

const getPage = async (path: string, token?: Token): Promise<PageReply> => {
  const bearer = await token
  const response = await fetch(`${suite.host.base}${path}`, bearer === undefined ? {} : { headers: { authorization: `Bearer ${bearer}` } })
  const link = response.headers.get("link")
  const next = link === null ? undefined : /^<([^>]+)>; rel="next"$/.exec(link)?.[1]
  expect(link === null || next !== undefined, `a Link header of another form: ${link}`).toBe(true)
  return { status: response.status, body: await response.json(), next }
}

/** The key a page's `Link` carries (its `after` cursor: base64url JSON). */
const cursorKey = (next: string | undefined): unknown => {
  const after = new URL(next ?? "", "http://host").searchParams.get("after") ?? ""
  return JSON.parse(Buffer.from(after, "base64url").toString("utf8"))
}

/** Every page of the list at `path`, following `next` from the first. */
const allPages = async (path: string, token?: Token): Promise<Array<PageReply>> => {
  const pages = [await getPage(path, token)]
  for (let page = pages[0]; page?.next !== undefined; ) {
    page = await getPage(page.next, token)
    pages.push(page)
  }
  for (const page of pages) expect(page.status, JSON.stringify(page.body)).toBe(200)
  return pages
}

const ok = async (reply: Promise<{ readonly status: number; readonly body: unknown }>) => {
  const answered = await reply
  expect(answered.status, JSON.stringify(answered.body)).toBe(200)
}

/** 105 pesantren, in two regions, some of them under the same name (told apart by NSPP). */
const pesantren = Array.from({ length: 105 }, (_, i) => ({
  nspp: `510035170${String(i).padStart(3, "0")}`,
  name: `Pondok Pesantren ${["Al-Hikmah", "Darussalam", "Nurul Huda", "Miftahul Ulum", "Al-Falah"][i % 5]} ${Math.floor(i / 10)}`,
  regionCode: i % 3 === 0 ? "35.17" : "35.15"
}))
const owner = pesantren[0]?.nspp ?? ""
/** Of the owner's 12 products, every third is curated (public); the others are drafts only its admin sees. */
const products = Array.from({ length: 12 }, (_, i) => ({ productId: `produk-halaman-${String(i).padStart(2, "0")}`, public: i % 3 === 0 }))
const seller = "3517010000070001"
const listings = Array.from({ length: 9 }, (_, i) => `daftar-halaman-${i}`)

beforeAll(async () => {
  for (const { nspp, name, regionCode } of pesantren) {
    await ok(post("/opop/pesantren/register", dinas, { nspp, name, regionCode, pengasuh: "KH. Halaman", santriCount: 100 }))
  }
  for (const product of products) {
    await ok(post("/opop/products/propose", adminOf(owner), productProposal(owner, product.productId, "KERAJINAN")))
    if (product.public) {
      await ok(post("/opop/products/submit-for-curation", adminOf(owner), { productId: product.productId }))
      await ok(post("/opop/products/score", curator, { productId: product.productId, scores: curationScores }))
    }
  }
  await ok(
    post("/tomiko/koperasi/register-primary", dinas, { nik: seller, name: "Koperasi Halaman", regionCode: "35.78", individualMembers: 30 })
  )
  for (const listingId of listings) {
    await ok(
      post("/tomiko/listings/create", kop(seller), {
        listingId,
        seller,
        name: `Beras ${listingId}`,
        unitPrice: 10_000,
        stock: 5,
        minimumOrderQuantity: 1
      })
    )
  }
}, 120_000)

describe("paged lists", () => {
  it("a list without a limit answers its first 100 items and the Link to the rest", async () => {
    const [first, second, ...rest] = await allPages("/opop/pesantren", dinas)
    expect(first?.body).toHaveLength(100)
    expect(first?.next).toMatch(/^\/opop\/pesantren\?after=[A-Za-z0-9_-]+$/)
    expect(second?.body).toHaveLength(5)
    expect(second?.next).toBeUndefined()
    expect(rest).toEqual([])
  })

  it("following the pages from the first gives the whole list once, in its order, for any page size and filter", async () => {
    const whole = (await getPage("/opop/pesantren?limit=1000", dinas)).body
    expect(whole).toHaveLength(pesantren.length)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.constantFrom(undefined, "35.17", "35.15"), async (limit, region) => {
        const filter = region === undefined ? "" : `&regionCode=${region}`
        const pages = await allPages(`/opop/pesantren?limit=${limit}${filter}`, dinas)
        const expected = whole.filter((entry: { regionCode: string }) => region === undefined || entry.regionCode === region)
        expect(pages.flatMap((page) => page.body)).toEqual(expected)
        for (const page of pages) expect(page.body.length).toBeLessThanOrEqual(limit)
        // Every page but the last is full.
        for (const page of pages.slice(0, -1)) expect(page.body).toHaveLength(limit)
      }),
      { numRuns: 8 }
    )
  })

  it("a list filtered by who may see it pages through what the viewer sees: strangers the public products, the owner all", async () => {
    const publicIds = products.filter((p) => p.public).map((p) => p.productId)
    const anonymous = await allPages("/opop/products?limit=2")
    expect(anonymous.flatMap((page) => page.body.map((entry: { productId: string }) => entry.productId))).toEqual(publicIds)
    for (const page of anonymous) expect(page.body.length).toBeLessThanOrEqual(2)
    // Each cursor names the last product its page gave a stranger, never a draft it left out.
    for (const page of anonymous.slice(0, -1)) expect(cursorKey(page.next)).toEqual([page.body.at(-1).name, page.body.at(-1).productId])
    const own = await allPages("/opop/products?limit=5", adminOf(owner))
    expect(own.flatMap((page) => page.body.map((entry: { productId: string }) => entry.productId))).toEqual(
      products.map((p) => p.productId)
    )
  })

  it("a stranger, who may see no listing, gets one empty page with no cursor naming a listing", async () => {
    expect(await getPage("/tomiko/listings?limit=1")).toEqual({ status: 200, body: [], next: undefined })
  })

  it("TOMIKO's listings page by listing id for a cooperative's admin", async () => {
    const pages = await allPages("/tomiko/listings?limit=4", kop(seller))
    expect(pages.map((page) => page.body.length)).toEqual([4, 4, 1])
    expect(pages.flatMap((page) => page.body.map((stock: { listingId: string }) => stock.listingId))).toEqual([...listings].sort())
  })

  it.each([
    ["a limit of 0", "/opop/pesantren?limit=0", "1000"],
    ["a limit over 1,000", "/opop/pesantren?limit=1001", "1000"],
    ["a limit that is no number", "/opop/products?limit=ten", "limit"],
    ["a made-up cursor", `/opop/pesantren?after=${Buffer.from("made-up").toString("base64url")}`, "not a cursor of this list"],
    [
      "a cursor of another list",
      `/tomiko/listings?after=${Buffer.from(JSON.stringify(["Pondok Pesantren Al-Hikmah 0", owner])).toString("base64url")}`,
      "not a cursor of this list"
    ]
  ])("%s is a 400 that says what to pass", async (_, path, says) => {
    const reply = await getPage(path, dinas)
    expect(reply.status).toBe(400)
    expect(JSON.stringify(reply.body)).toContain(says)
  })
})
