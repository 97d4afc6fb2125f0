// @ts-check
/**
 * The dashboard page's script (plain browser JavaScript, no build step). It asks the host's own
 * API, as any client does, so the same read models and read policies apply: without a token the
 * public views, with the officer's bearer token (kept in this tab's sessionStorage, sent only in
 * the Authorization header, never logged or put in a URL) what that actor may see.
 *
 * The live feed is read with `fetch` (a streamed body parsed as Server-Sent Events), since an
 * `EventSource` cannot send the Authorization header the feed needs. Each new event refreshes
 * the figures (after a short pause, so a burst of events costs one refresh); they are also
 * refreshed every 30 seconds.
 *
 * Every figure shown carries its number in a `data-value` attribute (rows: `data-region`,
 * `data-stage`, `data-network` and `data-month`, `data-projection`), for the browser test.
 */

/** @typedef {{ readonly registered: number, readonly verified: number, readonly suspended: number, readonly santri: number }} PesantrenCounts */
/** @typedef {{ readonly regionCode?: string, readonly regionName: string, readonly pesantren: PesantrenCounts, readonly products: { readonly total: number, readonly marketed: number, readonly byCategory: Readonly<Record<string, number>> }, readonly activeFlagships: number }} RegionDashboard */
/** @typedef {{ readonly province: RegionDashboard, readonly regions: ReadonlyArray<RegionDashboard> }} OpopDashboard */
/** @typedef {{ readonly rank: number, readonly region: string, readonly name: string, readonly learners: number, readonly completions: number }} Standing */
/** @typedef {{ readonly orders: number, readonly value: number, readonly fees: number, readonly payouts: number }} MonthTrade */
/** @typedef {{ readonly name: string, readonly state: string, readonly position: string | null, readonly lag: number, readonly lastError: string | null }} ProjectionStatus */
/** @typedef {{ readonly streamName: string, readonly position: string, readonly type: string, readonly metadata: { readonly occurredAt?: string } }} FeedEntry */
/** @typedef {{ readonly ok: true, readonly body: unknown } | { readonly ok: false, readonly status: number, readonly message: string }} Answer */

/** The OPOP program's targets (DOMAIN.md, sourced): flagship products by year. */
const targets = [
  { year: 2023, products: 1000, label: "Target 2023: 1.000 produk" },
  { year: 2024, products: 1210, label: "Target 2024: ±1.210 produk" }
]

/** OPOP's product categories in order, with their names on the page. */
const categories = [
  ["MAKANAN", "Makanan"],
  ["MINUMAN", "Minuman"],
  ["KERAJINAN", "Kerajinan"],
  ["FASHION", "Fashion"],
  ["TEKNOLOGI", "Teknologi"]
]

/** The onboarding stages in order, with their names on the page. */
const stages = [
  ["REGISTERED", "Terdaftar"],
  ["LEGALITY_VERIFIED", "Legalitas terverifikasi"],
  ["TRAINED", "Pelatihan selesai"],
  ["LISTING_APPROVED", "Listing disetujui"],
  ["READY", "Siap onboarding"],
  ["ONBOARDED", "Onboarding selesai"],
  ["WITHDRAWN", "Mengundurkan diri"]
]

/** How many months of TOMIKO trade the chart shows (this month and the ones before). */
const monthsShown = 12

const tokenKey = "jatim.dashboard.token"
const networksKey = "jatim.dashboard.networks"
const numbers = new Intl.NumberFormat("id-ID")
const rupiah = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 })
const monthName = new Intl.DateTimeFormat("id-ID", { month: "short", year: "numeric", timeZone: "UTC" })
const timeOfDay = new Intl.DateTimeFormat("id-ID", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Asia/Jakarta" })
const palette = ["#1f7a4d", "#b7791f", "#2b6cb0", "#9b2c2c", "#6b46c1", "#2c7a7b"]

/**
 * The element with `id`, or an error naming it (the page and the script disagree).
 * @param {string} id
 */
const byId = (id) => {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`The page has no element #${id}.`)
  return element
}

/**
 * A new element with its text (never HTML: what the API answers is shown as text).
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [className]
 */
const make = (tag, text, className) => {
  const element = document.createElement(tag)
  if (text !== undefined) element.textContent = text
  if (className !== undefined) element.className = className
  return element
}

/**
 * A table cell showing `value` (a number, kept in `data-value`).
 * @param {string} field
 * @param {number} value
 * @param {string} [shown]
 */
const numberCell = (field, value, shown) => {
  const cell = make("td", shown ?? numbers.format(value), "num")
  cell.dataset["field"] = field
  cell.dataset["value"] = String(value)
  return cell
}

/**
 * A cell with a bar as long as `value` against `max`, and the number.
 * @param {string} field
 * @param {number} value
 * @param {number} max
 */
const barCell = (field, value, max) => {
  const cell = make("td")
  cell.dataset["field"] = field
  cell.dataset["value"] = String(value)
  const wrap = make("div", undefined, "bar-cell")
  wrap.append(bar(value, max), make("span", numbers.format(value), "count"))
  cell.append(wrap)
  return cell
}

/**
 * A bar filled to `value / max`.
 * @param {number} value
 * @param {number} max
 */
const bar = (value, max) => {
  const outer = make("div", undefined, "bar")
  const inner = make("span")
  // CSSOM, not a style attribute: allowed by the page's Content-Security-Policy.
  inner.style.width = `${max > 0 ? Math.min(100, (value / max) * 100) : 0}%`
  outer.append(inner)
  return outer
}

/** @param {HTMLElement} element @param {number} value */
const showNumber = (element, value) => {
  element.dataset["value"] = String(value)
  element.textContent = numbers.format(value)
}

// ---------------------------------------------------------------------------------------------
// Token and API

/** The bearer token pasted by the officer, if any. */
const currentToken = () => sessionStorage.getItem(tokenKey) ?? ""

/**
 * The actor a token names (its `actor` claim, read without verifying: the host verifies it on
 * every request; this is only for the label).
 * @param {string} token
 * @returns {{ readonly _tag: string, readonly [field: string]: unknown } | undefined}
 */
const actorOf = (token) => {
  try {
    const payload = token.split(".")[1] ?? ""
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")))
    return typeof json?.actor?._tag === "string" ? json.actor : undefined
  } catch {
    return undefined
  }
}

/**
 * GET `path` of the host's API with the token (if any).
 * @param {string} path
 * @returns {Promise<Answer>}
 */
const api = async (path) => {
  const token = currentToken()
  const response = await fetch(path, { headers: token === "" ? {} : { authorization: `Bearer ${token}` } })
  const body = await response.json().catch(() => undefined)
  if (response.ok) return { ok: true, body }
  const message = typeof body?.message === "string" ? body.message : `HTTP ${response.status}`
  return { ok: false, status: response.status, message }
}

/** Shows who the page reads as. */
const showViewer = () => {
  const viewer = byId("viewer")
  const actor = actorOf(currentToken())
  if (actor === undefined) {
    viewer.dataset["role"] = "ANONYMOUS"
    viewer.textContent = currentToken() === "" ? "Publik (tanpa token)" : "Token tidak terbaca"
    return
  }
  viewer.dataset["role"] = actor._tag
  const identity = Object.entries(actor).find(([key]) => key !== "_tag")
  viewer.textContent = `${actor._tag}${identity === undefined ? "" : ` ${String(identity[1])}`}`
}

// ---------------------------------------------------------------------------------------------
// OPOP

/** @param {OpopDashboard} dashboard */
const showOpop = (dashboard) => {
  const province = dashboard.province
  showNumber(byId("opop-flagships"), province.activeFlagships)
  showNumber(byId("opop-products"), province.products.total)
  showNumber(byId("opop-marketed"), province.products.marketed)
  showNumber(byId("opop-pesantren"), province.pesantren.registered)
  const bars = byId("opop-target-bars")
  bars.replaceChildren(
    ...targets.map((target) => {
      const percent = (province.activeFlagships / target.products) * 100
      const row = make("div", undefined, "target")
      row.dataset["target"] = String(target.products)
      const caption = make("div", undefined, "caption")
      caption.append(
        make("span", target.label),
        make("span", `${numbers.format(province.activeFlagships)} dari ${numbers.format(target.products)} (${percent.toFixed(1)}%)`)
      )
      row.append(caption, bar(province.activeFlagships, target.products))
      return row
    })
  )
  const byCategory = categories.map(([category]) => province.products.byCategory[category ?? ""] ?? 0)
  const most = Math.max(1, ...byCategory)
  byId("opop-category-rows").replaceChildren(
    ...categories.map(([category, name], index) => {
      const row = make("tr")
      row.dataset["category"] = category ?? ""
      row.append(make("td", name ?? ""), barCell("count", byCategory[index] ?? 0, most))
      return row
    })
  )
  const regions = [...dashboard.regions].sort(
    (a, b) =>
      b.activeFlagships - a.activeFlagships ||
      b.products.total - a.products.total ||
      b.pesantren.registered - a.pesantren.registered ||
      a.regionName.localeCompare(b.regionName, "id")
  )
  const max = Math.max(1, ...regions.map((region) => region.activeFlagships))
  byId("opop-region-rows").replaceChildren(
    ...regions.map((region) => {
      const row = make("tr")
      row.dataset["region"] = region.regionCode ?? ""
      if (region.pesantren.registered === 0 && region.products.total === 0) row.className = "empty"
      row.append(
        make("td", region.regionName),
        numberCell("pesantren", region.pesantren.registered),
        numberCell("products", region.products.total),
        barCell("activeFlagships", region.activeFlagships, max)
      )
      return row
    })
  )
}

// ---------------------------------------------------------------------------------------------
// Sijawara

/** @param {ReadonlyArray<Standing>} standings */
const showLeaderboard = (standings) => {
  const max = Math.max(1, ...standings.map((standing) => standing.completions))
  byId("sijawara-rows").replaceChildren(
    ...standings.map((standing) => {
      const row = make("tr")
      row.dataset["region"] = standing.region
      if (standing.learners === 0) row.className = "empty"
      row.append(
        numberCell("rank", standing.rank),
        make("td", standing.name),
        numberCell("learners", standing.learners),
        barCell("completions", standing.completions, max)
      )
      return row
    })
  )
}

// ---------------------------------------------------------------------------------------------
// Charts (Chart.js, served by the host from its node_modules)

/** @type {Map<string, import("chart.js").Chart>} */
const charts = new Map()

/**
 * Draws (or redraws) the chart on canvas `id`.
 * @param {string} id
 * @param {import("chart.js").ChartConfiguration} config
 */
const draw = (id, config) => {
  const existing = charts.get(id)
  if (existing !== undefined) {
    existing.data = config.data
    existing.update()
    return
  }
  const canvas = byId(id)
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`#${id} is not a canvas.`)
  /** @type {typeof import("chart.js").Chart} */
  // @ts-expect-error Chart.js's UMD build defines the global `Chart` (loaded before this module).
  const Chart = window.Chart
  charts.set(id, new Chart(canvas, config))
}

// ---------------------------------------------------------------------------------------------
// JATIM ISO

/** @param {Readonly<Record<string, number>>} funnel */
const showFunnel = (funnel) => {
  const counts = stages.map(([stage]) => funnel[stage ?? ""] ?? 0)
  draw("iso-chart", {
    type: "bar",
    data: {
      labels: stages.map(([, name]) => name ?? ""),
      datasets: [{ label: "UMKM", data: counts, backgroundColor: "#1f7a4d" }]
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  })
  byId("iso-rows").replaceChildren(
    ...stages.map(([stage, name], index) => {
      const row = make("tr")
      row.dataset["stage"] = stage ?? ""
      row.append(make("td", name ?? ""), numberCell("count", counts[index] ?? 0))
      return row
    })
  )
}

// ---------------------------------------------------------------------------------------------
// TOMIKO

/**
 * This month and the `count - 1` before it, oldest first, as `YYYY-MM` (in WIB, as the read
 * model counts them).
 * @param {number} count
 */
const recentMonths = (count) => {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone: "Asia/Jakarta" })
    .format(new Date())
    .split("-")
    .map(Number)
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1 - (count - 1 - index), 1))
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`
  })
}

/**
 * The networks to show: typed by the viewer, or else those the viewer may see (`GET
 * /tomiko/networks`: every network for the Dinas, a cooperative admin's own), or else a
 * cooperative admin's own NIK.
 */
const networksToShow = async () => {
  const typed = (sessionStorage.getItem(networksKey) ?? "")
    .split(",")
    .map((nik) => nik.trim())
    .filter((nik) => /^\d{16}$/.test(nik))
  if (typed.length > 0) return typed
  const listed = await api("/tomiko/networks")
  if (listed.ok && Array.isArray(listed.body) && listed.body.length > 0) {
    return listed.body.flatMap((network) => (typeof network?.secondary === "string" ? [network.secondary] : []))
  }
  const actor = actorOf(currentToken())
  return actor?._tag === "KOPERASI_ADMIN" && typeof actor["nik"] === "string" ? [actor["nik"]] : []
}

const showTrade = async () => {
  const status = byId("tomiko-status")
  const networks = await networksToShow()
  const months = recentMonths(monthsShown)
  /** @type {Array<{ nik: string, trades: Array<MonthTrade | undefined> }>} */
  const series = []
  /** @type {Array<string>} */
  const refusals = []
  for (const nik of networks) {
    // This month first: when it is refused (the viewer may not see the network), so are the others.
    const latest = await api(`/tomiko/networks/${nik}/trade/${months[months.length - 1]}`)
    const answers = latest.ok
      ? [...(await Promise.all(months.slice(0, -1).map((month) => api(`/tomiko/networks/${nik}/trade/${month}`)))), latest]
      : [latest]
    const refused = answers.find((answer) => !answer.ok)
    if (refused !== undefined && !refused.ok) refusals.push(`${nik}: ${refused.message}`)
    else series.push({ nik, trades: answers.map((answer) => (answer.ok ? /** @type {MonthTrade} */ (answer.body) : undefined)) })
  }
  status.textContent =
    networks.length === 0
      ? "Perdagangan jaringan hanya terlihat oleh admin koperasi sekunder dan Dinas: masukkan token dan NIK jaringan."
      : refusals.length > 0
        ? `Tidak terlihat dengan token ini: ${refusals.join("; ")}`
        : `Nilai pesanan yang diselesaikan (settled), ${monthsShown} bulan terakhir.`
  draw("tomiko-chart", {
    type: "bar",
    data: {
      labels: months.map((month) => monthName.format(new Date(`${month}-01T00:00:00Z`))),
      datasets: series.map((entry, index) => ({
        label: `Jaringan ${entry.nik}`,
        data: entry.trades.map((trade) => trade?.value ?? 0),
        backgroundColor: palette[index % palette.length] ?? "#1f7a4d"
      }))
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => rupiah.format(Number(value)) } } },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${rupiah.format(Number(item.raw))}` } } }
    }
  })
  const head = make("tr")
  head.append(make("th", "Bulan"), ...series.map((entry) => make("th", `Jaringan ${entry.nik} (pesanan · nilai)`, "num")))
  byId("tomiko-head").replaceChildren(head)
  byId("tomiko-rows").replaceChildren(
    ...months.map((month, index) => {
      const row = make("tr")
      row.dataset["month"] = month
      row.append(make("td", month))
      for (const entry of series) {
        const trade = entry.trades[index]
        const cell = numberCell("value", trade?.value ?? 0, `${numbers.format(trade?.orders ?? 0)} · ${rupiah.format(trade?.value ?? 0)}`)
        cell.dataset["network"] = entry.nik
        cell.dataset["orders"] = String(trade?.orders ?? 0)
        row.append(cell)
      }
      return row
    })
  )
}

// ---------------------------------------------------------------------------------------------
// Projections

/** @param {ReadonlyArray<ProjectionStatus>} projections */
const showProjections = (projections) => {
  byId("projections-rows").replaceChildren(
    ...projections.map((projection) => {
      const row = make("tr")
      row.dataset["projection"] = projection.name
      const state = make("td")
      const badge = make(
        "span",
        projection.state,
        projection.state === "live" ? "badge" : projection.lastError === null ? "badge warn" : "badge bad"
      )
      badge.dataset["field"] = "state"
      state.append(badge)
      row.append(
        make("td", projection.name),
        state,
        make("td", projection.position ?? "–", "num"),
        numberCell("lag", projection.lag),
        make("td", projection.lastError ?? "")
      )
      return row
    })
  )
}

// ---------------------------------------------------------------------------------------------
// Loading everything

/**
 * Says in the card `id` why its figures could not be loaded (or nothing, once they are).
 * @param {string} id
 * @param {string | undefined} message
 */
const showError = (id, message) => {
  const card = byId(id)
  const existing = card.querySelector(".error")
  if (message === undefined) {
    existing?.remove()
    return
  }
  const note = existing ?? make("p", undefined, "status error")
  note.textContent = `Gagal memuat: ${message}`
  if (existing === null) card.querySelector(".subtitle")?.after(note)
}

/**
 * Runs `show` on the answer of `path`, or says in the card `id` why there is none.
 * @template A
 * @param {string} path
 * @param {(body: A) => void} show
 * @param {string} id the card's id
 */
const load = async (path, show, id) => {
  const answer = await api(path)
  if (answer.ok) show(/** @type {A} */ (answer.body))
  showError(id, answer.ok ? undefined : answer.message)
  return answer
}

let refreshing = Promise.resolve()

/** Loads every figure again (one refresh at a time; a failed one is said, and the next one tries again). */
const refresh = () => {
  refreshing = refreshing
    .then(async () => {
      const answers = await Promise.all([
        load("/opop/dashboard", showOpop, "opop-targets"),
        load("/sijawara/leaderboard", showLeaderboard, "sijawara"),
        load("/jatim-iso/funnel", showFunnel, "iso-funnel"),
        load("/projections", showProjections, "projections"),
        showTrade()
      ])
      const rejected = answers.find((answer) => answer !== undefined && !answer.ok && answer.status === 401)
      if (rejected !== undefined && !rejected.ok) byId("token-status").textContent = `Token ditolak: ${rejected.message}`
      byId("updated").textContent = `Diperbarui ${timeOfDay.format(new Date())} WIB`
      byId("dashboard").dataset["loaded"] = "true"
    })
    .catch((error) => {
      byId("updated").textContent = `Gagal memperbarui (${error instanceof Error ? error.message : String(error)}): dicoba lagi nanti.`
    })
  return refreshing
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending
/** Refreshes shortly after an event (a burst of events costs one refresh). */
const refreshSoon = () => {
  if (pending !== undefined) return
  pending = setTimeout(() => {
    pending = undefined
    refresh()
  }, 300)
}

// ---------------------------------------------------------------------------------------------
// The live feed: Server-Sent Events read through fetch (an EventSource cannot send the token)

/** @type {AbortController | undefined} */
let feedConnection
/** The last position the feed delivered, to resume after a reconnection. */
let lastPosition = ""
const feedLimit = 50

/**
 * Shows the feed's state.
 * @param {string} state
 * @param {string} text
 */
const feedState = (state, text) => {
  byId("feed").dataset["state"] = state
  byId("feed-status").textContent = text
}

/** @param {FeedEntry} entry */
const showEvent = (entry) => {
  const item = make("li")
  item.dataset["position"] = entry.position
  item.dataset["type"] = entry.type
  item.dataset["stream"] = entry.streamName
  const at = entry.metadata.occurredAt === undefined ? "" : timeOfDay.format(new Date(entry.metadata.occurredAt))
  item.append(make("span", at), make("span", entry.type, "type"), make("span", entry.streamName, "stream"))
  const list = byId("feed-events")
  list.prepend(item)
  while (list.childElementCount > feedLimit) list.lastElementChild?.remove()
}

/**
 * Reads one SSE message's fields and acts on it.
 * @param {string} message
 */
const onMessage = (message) => {
  /** @type {Record<string, string>} */
  const fields = {}
  for (const line of message.split("\n")) {
    if (line.startsWith(":")) {
      if (line.startsWith(": connected")) feedState("connected", "Tersambung: peristiwa baru muncul di sini.")
      continue
    }
    const colon = line.indexOf(":")
    const name = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "")
    fields[name] = name === "data" && fields["data"] !== undefined ? `${fields["data"]}\n${value}` : value
  }
  if (fields["data"] === undefined) return
  if (fields["event"] === "error") {
    feedState("error", `Umpan berhenti: ${fields["data"]}`)
    return
  }
  if (fields["id"] !== undefined) lastPosition = fields["id"]
  showEvent(JSON.parse(fields["data"]))
  refreshSoon()
}

/** Follows the feed with the current token until it is replaced; reconnects after a failure. */
const follow = async () => {
  feedConnection?.abort()
  const token = currentToken()
  if (token === "") {
    feedState("needs-token", "Umpan langsung memerlukan token (siapa melihat apa diputuskan oleh kebijakan umpan tiap program).")
    return
  }
  const connection = new AbortController()
  feedConnection = connection
  feedState("connecting", "Menyambungkan…")
  try {
    const response = await fetch(`/events/live${lastPosition === "" ? "" : `?after=${encodeURIComponent(lastPosition)}`}`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: connection.signal,
      cache: "no-store"
    })
    if (response.status === 401) {
      const body = await response.json().catch(() => undefined)
      feedState("token-rejected", `Token ditolak: ${typeof body?.message === "string" ? body.message : "401"}`)
      return
    }
    if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`)
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ""
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      buffer += value
      let end = buffer.indexOf("\n\n")
      while (end !== -1) {
        onMessage(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf("\n\n")
      }
    }
    throw new Error("the host closed the feed")
  } catch (error) {
    if (connection.signal.aborted) return
    feedState("error", `Terputus (${error instanceof Error ? error.message : String(error)}); menyambung lagi…`)
    setTimeout(() => {
      if (feedConnection === connection) follow()
    }, 2000)
  }
}

// ---------------------------------------------------------------------------------------------
// Start

const start = () => {
  const tokenInput = /** @type {HTMLInputElement} */ (byId("token-input"))
  const networksInput = /** @type {HTMLInputElement} */ (byId("networks-input"))
  const fromUrl = new URLSearchParams(location.search).get("jaringan")
  if (fromUrl !== null) sessionStorage.setItem(networksKey, fromUrl)
  networksInput.value = sessionStorage.getItem(networksKey) ?? ""
  byId("token-form").addEventListener("submit", (event) => {
    event.preventDefault()
    const token = tokenInput.value.trim()
    tokenInput.value = ""
    if (token === "") return
    sessionStorage.setItem(tokenKey, token)
    byId("token-status").textContent = "Token dipakai untuk tab ini."
    changed()
  })
  byId("token-clear").addEventListener("click", () => {
    sessionStorage.removeItem(tokenKey)
    byId("token-status").textContent = "Token dihapus: tampilan publik."
    changed()
  })
  byId("networks-form").addEventListener("submit", (event) => {
    event.preventDefault()
    sessionStorage.setItem(networksKey, networksInput.value)
    refresh()
  })
  const changed = () => {
    lastPosition = ""
    byId("feed-events").replaceChildren()
    showViewer()
    refresh()
    follow()
  }
  changed()
  setInterval(refresh, 30_000)
}

start()
