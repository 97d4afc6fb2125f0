/**
 * The dashboard page (`/`, src/dashboard/) in a real browser: Debian's `chromium`, headless,
 * driven by playwright-core, against a host on a database of its own loaded with the demo data.
 * The numbers the page shows (kept in `data-value` attributes next to the text) equal the API's
 * answers, as an anonymous reader and as the Dinas; a network's trade is hidden from a reader
 * its read policy hides it from; the live feed shows a command's event within a second; and the
 * page loads nothing from elsewhere (its Content-Security-Policy allows only the host). Saves
 * the screenshot the READMEs show (`docs/dashboard.png`).
 */
import { Effect } from "effect"
import { mkdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { contentSecurityPolicy } from "../src/dashboard/Dashboard.js"
import { seedIfEmpty } from "../src/demo/loader.js"
import { adminOf, dinas, eventually, hostPerFile, tokenSignedWith } from "./support.js"

const suite = hostPerFile("http_host_dashboard", {}, 120_000)
const { get, post } = suite

/** The demo data's secondary network (TOMIKO). */
const network = "3578020000000100"

const screenshot = fileURLToPath(new URL("../../../docs/dashboard.png", import.meta.url))
const numbers = new Intl.NumberFormat("id-ID")

let browser: Browser

beforeAll(async () => {
  await Effect.runPromise(seedIfEmpty({ force: false }).pipe(Effect.provide(suite.host.context)))
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] })
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

/**
 * A new page at 1280×900 on the host, with what went wrong in it collected: script errors,
 * console errors (a Content-Security-Policy violation is one), requests to other origins, and
 * (apart) the answers of 400 and up (the browser also logs each of those as a console error).
 */
const openPage = async (path = "/") => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const problems: Array<string> = []
  const refused: Array<string> = []
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`))
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource: the server responded with a status of")) {
      problems.push(`console error: ${message.text()}`)
    }
  })
  page.on("request", (request) => {
    if (!request.url().startsWith(suite.host.base)) problems.push(`request elsewhere: ${request.url()}`)
  })
  page.on("response", (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${response.url().slice(suite.host.base.length)}`)
  })
  await page.goto(`${suite.host.base}${path}`)
  await page.waitForSelector("#dashboard[data-loaded='true']", { timeout: 30_000 })
  return { page, problems, refused }
}

/** The numbers of the rows of `tbody` (by its id): per row key (`data-<key>`), each field's `data-value`. */
const rows = (page: Page, tbody: string, key: string) =>
  page.$$eval(
    `#${tbody} tr`,
    (trs, key) =>
      trs.map((tr) => ({
        key: tr.getAttribute(`data-${key}`) ?? "",
        fields: Object.fromEntries(
          [...tr.querySelectorAll("[data-field]")].map((cell) => [cell.getAttribute("data-field"), Number(cell.getAttribute("data-value"))])
        ),
        text: tr.textContent ?? ""
      })),
    key
  )

/** A figure's number (`data-value`) and its text. */
const figure = (page: Page, id: string) =>
  page.$eval(`#${id}`, (element) => ({ value: Number(element.getAttribute("data-value")), text: element.textContent }))

/** What a chart on the page draws: its datasets' labels and numbers. */
interface ChartData {
  readonly datasets: ReadonlyArray<{ readonly label: string; readonly data: ReadonlyArray<number> }>
}

/** The data the Chart.js chart on canvas `id` draws (read through Chart.js's global in the page). */
const chartData = (page: Page, id: string): Promise<ChartData> =>
  page.evaluate((id) => {
    const chart = (globalThis as unknown as { Chart: { getChart: (id: string) => { data: ChartData } | undefined } }).Chart.getChart(id)
    return { datasets: (chart?.data.datasets ?? []).map(({ label, data }) => ({ label, data })) }
  }, id)

interface RegionDashboard {
  readonly regionCode: string
  readonly regionName: string
  readonly pesantren: { readonly registered: number }
  readonly products: { readonly total: number; readonly marketed: number }
  readonly activeFlagships: number
}

/** Checks that the OPOP, Sijawara, JATIM ISO and projection figures on `page` are the API's (as `token` reads). */
const expectApiFigures = async (page: Page, token?: string) => {
  const opop = await get("/opop/dashboard", token)
  expect(opop.status).toBe(200)
  const province = opop.body.province
  for (const [id, value] of [
    ["opop-flagships", province.activeFlagships],
    ["opop-products", province.products.total],
    ["opop-marketed", province.products.marketed],
    ["opop-pesantren", province.pesantren.registered]
  ] as const) {
    expect(await figure(page, id), id).toEqual({ value, text: numbers.format(value) })
  }
  // The targets: 1,000 by 2023 and about 1,210 by 2024, each with the flagships against it.
  const targets = await page.$$eval("#opop-target-bars [data-target]", (bars) =>
    bars.map((bar) => [bar.getAttribute("data-target"), bar.textContent])
  )
  expect(targets.map(([target]) => target)).toEqual(["1000", "1210"])
  expect(targets[0]?.[1]).toContain(`${numbers.format(province.activeFlagships)} dari 1.000`)

  const categories = await rows(page, "opop-category-rows", "category")
  expect(Object.fromEntries(categories.map((row) => [row.key, row.fields["count"]]))).toEqual(province.products.byCategory)

  const regions = (opop.body.regions as ReadonlyArray<RegionDashboard>).map((region) => ({
    key: region.regionCode,
    fields: { pesantren: region.pesantren.registered, products: region.products.total, activeFlagships: region.activeFlagships }
  }))
  const shownRegions = await rows(page, "opop-region-rows", "region")
  expect(shownRegions).toHaveLength(38)
  expect(new Map(shownRegions.map((row) => [row.key, row.fields]))).toEqual(new Map(regions.map((row) => [row.key, row.fields])))
  const flagships = shownRegions.map((row) => row.fields["activeFlagships"] ?? 0)
  expect(flagships, "most flagships first").toEqual([...flagships].sort((a, b) => b - a))
  const top = (opop.body.regions as ReadonlyArray<RegionDashboard>).find((region) => region.regionCode === shownRegions[0]?.key)
  expect(shownRegions[0]?.text).toContain(top?.regionName)

  const leaderboard = await get("/sijawara/leaderboard", token)
  expect(leaderboard.status).toBe(200)
  expect(await rows(page, "sijawara-rows", "region")).toEqual(
    (leaderboard.body as ReadonlyArray<{ region: string; name: string; rank: number; learners: number; completions: number }>).map(
      (standing) => ({
        key: standing.region,
        fields: { rank: standing.rank, learners: standing.learners, completions: standing.completions },
        text: expect.stringContaining(standing.name)
      })
    )
  )

  const funnel = await get("/jatim-iso/funnel", token)
  expect(funnel.status).toBe(200)
  const stages = await rows(page, "iso-rows", "stage")
  expect(Object.fromEntries(stages.map((row) => [row.key, row.fields["count"]]))).toEqual(funnel.body)
  const chart = await chartData(page, "iso-chart")
  expect(chart.datasets[0]?.data).toEqual(stages.map((row) => row.fields["count"]))

  const projections = await get("/projections")
  expect(projections.status).toBe(200)
  const shownProjections = await page.$$eval("#projections-rows tr", (trs) =>
    trs.map((tr) => ({
      name: tr.getAttribute("data-projection"),
      state: tr.querySelector("[data-field='state']")?.textContent,
      lag: Number(tr.querySelector("[data-field='lag']")?.getAttribute("data-value"))
    }))
  )
  expect(shownProjections).toEqual(
    (projections.body as ReadonlyArray<{ name: string; state: string; lag: number }>).map(({ name, state, lag }) => ({ name, state, lag }))
  )
}

describe("the dashboard page", () => {
  it("is served with its content type, no-cache with an ETag, and a Content-Security-Policy of its own origin only", async () => {
    const page = await fetch(`${suite.host.base}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(page.headers.get("cache-control")).toBe("no-cache")
    expect(page.headers.get("content-security-policy")).toBe(contentSecurityPolicy)
    expect(contentSecurityPolicy).toContain("default-src 'self'")
    expect(contentSecurityPolicy).not.toMatch(/unsafe|https?:|\*/)
    expect(page.headers.get("x-content-type-options")).toBe("nosniff")
    expect(await page.text()).toContain("Dasbor Program Koperasi")
    const etag = page.headers.get("etag")
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${suite.host.base}/`, { headers: { "if-none-match": etag ?? "" } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe("")

    for (const [path, contentType] of [
      ["/dashboard/dashboard.mjs", "text/javascript; charset=utf-8"],
      ["/dashboard/dashboard.css", "text/css; charset=utf-8"],
      ["/dashboard/vendor/chart.umd.min.js", "text/javascript; charset=utf-8"]
    ] as const) {
      const asset = await fetch(`${suite.host.base}${path}`)
      expect(asset.status, path).toBe(200)
      expect(asset.headers.get("content-type"), path).toBe(contentType)
      expect(asset.headers.get("content-security-policy"), path).toBe(contentSecurityPolicy)
      expect((await asset.arrayBuffer()).byteLength, path).toBeGreaterThan(100)
    }
    // Chart.js is the installed package's own build.
    expect(await (await fetch(`${suite.host.base}/dashboard/vendor/chart.umd.min.js`)).text()).toContain("Chart.js v4.6.1")
    // Only the listed files: anything else under /dashboard/ is the host's JSON 404.
    for (const path of ["/dashboard/", "/dashboard/index.html", "/dashboard/Dashboard.ts", "/dashboard/..%2fDashboard.ts"]) {
      const missing = await get(path)
      expect(missing.status, path).toBe(404)
      expect(missing.body._tag, path).toBe("NotFound")
    }
  })

  it("shows an anonymous reader the public figures, equal to the API's, and no network's trade", async () => {
    const { page, problems, refused } = await openPage(`/?jaringan=${network}`)
    try {
      expect(await page.getAttribute("#viewer", "data-role")).toBe("ANONYMOUS")
      await expectApiFigures(page)
      // The network's trade is the secondary's admin's and the Dinas's: the page says so and shows none.
      expect((await get(`/tomiko/networks/${network}/trade/2026-01`)).status).toBe(404)
      expect(await page.textContent("#tomiko-status")).toContain("Tidak terlihat dengan token ini")
      expect(await page.$$("#tomiko-rows [data-network]")).toHaveLength(0)
      expect((await chartData(page, "tomiko-chart")).datasets).toEqual([])
      // The feed needs a token: the page says so instead of trying.
      expect(await page.getAttribute("#feed", "data-state")).toBe("needs-token")
      expect(problems).toEqual([])
      // The only refusal: this month's trade of the network (the page asks no further months then).
      expect(refused.length).toBeGreaterThan(0)
      expect(new Set(refused).size).toBe(1)
      expect(refused[0]).toMatch(new RegExp(`^404 /tomiko/networks/${network}/trade/\\d{4}-\\d{2}$`))
    } finally {
      await page.close()
    }
  })

  it("says so on each card and on the feed when the pasted token is refused", async () => {
    const { page, problems, refused } = await openPage()
    try {
      // A Dinas token, but signed with another key than the host's.
      await page.fill("#token-input", await tokenSignedWith("another-secret", { _tag: "DINAS_OFFICER", officerId: "dinas-test" }))
      await page.click("#token-save")
      await page.waitForSelector("#feed[data-state='token-rejected']", { timeout: 30_000 })
      await page.waitForSelector("#opop-targets .error", { timeout: 30_000 })
      expect(await page.textContent("#feed-status")).toContain("The bearer token's signature is invalid.")
      await page.locator("#token-status", { hasText: "Token ditolak" }).waitFor({ timeout: 30_000 })
      for (const card of ["opop-targets", "sijawara", "iso-funnel"]) {
        expect(await page.textContent(`#${card} .error`), card).toContain("The bearer token's signature is invalid.")
      }
      expect(refused.length).toBeGreaterThan(0)
      expect(refused.every((line) => line.startsWith("401 "))).toBe(true)
      expect(problems).toEqual([])
      // Cleared, the page reads as an anonymous reader again.
      await page.click("#token-clear")
      await page.waitForSelector("#viewer[data-role='ANONYMOUS']")
      await page.waitForSelector("#opop-targets .error", { state: "detached", timeout: 30_000 })
      expect(await page.getAttribute("#feed", "data-state")).toBe("needs-token")
    } finally {
      await page.close()
    }
  })

  it("with the officer's token shows each month's trade of a network and a command's event within a second", async () => {
    const { page, problems, refused } = await openPage()
    try {
      await page.fill("#token-input", dinas)
      await page.click("#token-save")
      await page.waitForSelector("#viewer[data-role='DINAS_OFFICER']")
      // No network typed: the page shows those the officer may see (GET /tomiko/networks), the demo's one.
      const listed = await get("/tomiko/networks", dinas)
      expect((listed.body as ReadonlyArray<{ secondary: string }>).map((n) => n.secondary)).toEqual([network])
      // The token is kept in the tab's sessionStorage, not in the field, the URL or a cookie.
      expect(await page.inputValue("#token-input")).toBe("")
      const kept = await page.evaluate(() =>
        (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem(
          "jatim.dashboard.token"
        )
      )
      expect(kept).toBe(dinas)
      expect(page.url()).not.toContain(dinas)
      expect(await page.context().cookies()).toEqual([])

      // TOMIKO: one cell per month of the network, each the API's answer for that month.
      await page.waitForSelector(`#tomiko-rows [data-network='${network}']`, { state: "attached", timeout: 30_000 })
      const cells = await page.$$eval(`#tomiko-rows tr`, (trs) =>
        trs.map((tr) => {
          const cell = tr.querySelector("[data-network]")
          return {
            month: tr.getAttribute("data-month") ?? "",
            value: Number(cell?.getAttribute("data-value")),
            orders: Number(cell?.getAttribute("data-orders"))
          }
        })
      )
      expect(cells).toHaveLength(12)
      for (const cell of cells) {
        const trade = await get(`/tomiko/networks/${network}/trade/${cell.month}`, dinas)
        expect(trade.status).toBe(200)
        expect({ month: cell.month, value: cell.value, orders: cell.orders }).toEqual({
          month: cell.month,
          value: trade.body.value,
          orders: trade.body.orders
        })
      }
      // The demo data settles one order this month: the chart is not all zeros, and draws the cells' values.
      expect(cells.some((cell) => cell.value > 0)).toBe(true)
      expect((await chartData(page, "tomiko-chart")).datasets).toEqual([
        { label: `Jaringan ${network}`, data: cells.map((cell) => cell.value) }
      ])
      await expectApiFigures(page, dinas)

      // The live feed: connected (a generous wait), then a command's event shows within a second.
      await page.waitForSelector("#feed[data-state='connected']", { timeout: 30_000 })
      const nspp = "510035010077"
      const registered = await post("/opop/pesantren/register", dinas, {
        nspp,
        name: "Pondok Pesantren Dasbor",
        regionCode: "35.01",
        pengasuh: "KH. Dasbor",
        santriCount: 120
      })
      expect(registered.status).toBe(200)
      const sent = Date.now()
      await page.waitForSelector(`#feed-events li[data-stream='pesantren-${nspp}']`, { timeout: 1_000 })
      expect(Date.now() - sent).toBeLessThan(1_000)
      const shown = await page.$eval(`#feed-events li[data-stream='pesantren-${nspp}']`, (item) => ({
        type: item.getAttribute("data-type"),
        position: item.getAttribute("data-position")
      }))
      expect(shown).toEqual({ type: registered.body.events[0]._tag, position: registered.body.position })

      // More of the pesantren's story, in order, newest first.
      expect((await post("/opop/pesantren/link-kopontren", adminOf(nspp), { nspp, nik: "3501010000090077" })).status).toBe(200)
      expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
      await page.waitForSelector(`#feed-events li[data-stream='pesantren-${nspp}'] >> nth=2`, { timeout: 10_000 })
      const story = await page.$$eval(`#feed-events li[data-stream='pesantren-${nspp}']`, (items) =>
        items.map((item) => item.getAttribute("data-type"))
      )
      expect(story).toEqual(["PesantrenVerified", "KopontrenLinked", "PesantrenRegistered"])

      // The figures follow the feed: Pacitan (35.01) now has the new pesantren.
      const pacitan = await eventually(
        async () => (await rows(page, "opop-region-rows", "region")).find((row) => row.key === "35.01")?.fields["pesantren"],
        (count) => count === 1,
        50
      )
      expect(pacitan).toBe(1)
      await page.waitForSelector("#dashboard[data-loaded='true']")
      expect(problems).toEqual([])
      expect(refused).toEqual([])

      mkdirSync(fileURLToPath(new URL("../../../docs/", import.meta.url)), { recursive: true })
      await page.screenshot({ path: screenshot, fullPage: true })
    } finally {
      await page.close()
    }
  })
})
