/**
 * What the host's integration tests share: a database of their own on the run's PostgreSQL,
 * hosts started and stopped on it, signed tokens and small HTTP helpers.
 */
import { Clock, Context, Effect, Exit, Logger, LogLevel, type Redacted, Schema, Scope, Stream } from "effect"
import { afterAll, beforeAll } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { Actor, Identifier } from "@jatim/kernel"
import { Listing } from "@jatim/jatim-iso"
import { Commands as OpopCommands, type SantriId, SantripreneurCommand } from "@jatim/opop"
import { suiteDatabase } from "@jatim/testing/postgres"
import { fromSecret, signToken } from "../src/auth.js"
import { type HostOptions, start } from "../src/server.js"

/** The secret every test host signs tokens with. */
export const secret = "test-secret-of-the-http-host"

/** The token keys of every test host. */
export const tokenKeys = fromSecret(secret)

/** A token for `actor` (decoded with the kernel's `Actor` Schema first), signed with `key`. */
export const tokenSignedWith = (key: string, actor: { readonly _tag: string; readonly [field: string]: unknown }): Promise<string> =>
  Effect.runPromise(signToken(fromSecret(key), Schema.decodeUnknownSync(Actor.Actor)(actor)))

/** A token for `actor`, signed with the test hosts' secret. */
export const token = (actor: { readonly _tag: string; readonly [field: string]: unknown }): Promise<string> =>
  tokenSignedWith(secret, actor)

/** A clock that always reads `millis`: to sign a token at another time than now. */
export const clockAt = (millis: number): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  sleep: () => Effect.void,
  unsafeCurrentTimeMillis: () => millis,
  unsafeCurrentTimeNanos: () => BigInt(millis) * 1_000_000n,
  currentTimeMillis: Effect.succeed(millis),
  currentTimeNanos: Effect.succeed(BigInt(millis) * 1_000_000n)
})

export const dinas = await token({ _tag: "DINAS_OFFICER", officerId: "dinas-test" })
export const curator = await token({ _tag: "CURATOR", curatorId: "kurator-test" })
export const adminOf = (nspp: string) => token({ _tag: "PESANTREN_ADMIN", nspp })
export const learnerToken = (learnerId: string) => token({ _tag: "LEARNER", learnerId })
export const kop = (nik: string) => token({ _tag: "KOPERASI_ADMIN", nik })
export const owner = (nib: string) => token({ _tag: "UMKM_OWNER", nib })

/** A new, empty database on the run's PostgreSQL server. */
export { suiteDatabase as freshDatabase } from "@jatim/testing/postgres"

/** A running host: its URL, its context (store, read models) and how to stop it. */
export interface Host {
  readonly base: string
  readonly store: EventStore.EventStore
  readonly context: Effect.Effect.Success<ReturnType<typeof start>>["context"]
  readonly stop: () => Promise<void>
}

/**
 * The logger of test hosts unless a test gives one: the host's JSON lines from level Warning up
 * (a 5xx, a warning), not one line per request.
 */
export const quietLogger = Logger.withConsoleLog(Logger.jsonLogger).pipe(Logger.filterLogLevel(LogLevel.greaterThanEqual(LogLevel.Warning)))

/** What a test may set of a host's options (the store, port and token keys are the tests'). */
export type TestHostOptions = Omit<Partial<HostOptions>, "store" | "port" | "tokenKeys">

/** Starts a host on `url` (PostgreSQL) on a free port. */
export const startHost = async (url: Redacted.Redacted<string>, options: TestHostOptions = {}): Promise<Host> => {
  const scope = Effect.runSync(Scope.make())
  const host = await Effect.runPromise(
    Scope.extend(start({ logger: quietLogger, ...options, store: { _tag: "postgres", url }, port: 0, tokenKeys }), scope)
  )
  return {
    base: host.url,
    store: Context.get(host.context, EventStore.EventStore),
    context: host.context,
    stop: () => Effect.runPromise(Scope.close(scope, Exit.void))
  }
}

/** An HTTP reply: its status and its JSON body (`undefined` when empty). */
export interface Reply {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely and assert on them
  readonly body: any
}

/** A quiz question as a course's content carries it: the answer is the index of the right choice. */
export interface Question {
  readonly prompt: string
  readonly choices: ReadonlyArray<string>
  readonly answer: number
}

/**
 * The content of a one-module course (module `m1`, lesson `m1.l1` unless `lessons` says
 * otherwise), whose quiz's one question has choice 1 as its answer unless `questions` says
 * otherwise: what a Dinas officer drafts in the stories.
 */
export const oneModuleCourse = (
  options: {
    readonly title?: string
    readonly lessons?: ReadonlyArray<{ readonly lessonId: string; readonly title: string }>
    readonly passMark?: number
    readonly questions?: ReadonlyArray<Question>
  } = {}
) => ({
  title: options.title ?? "Kemasan pangan",
  modules: [
    {
      moduleId: "m1",
      title: "Dasar",
      lessons: options.lessons ?? [{ lessonId: "m1.l1", title: "Pengantar" }],
      quiz: {
        passMark: options.passMark ?? 100,
        questions: options.questions ?? [{ prompt: "Label pangan wajib memuat?", choices: ["Warna", "Komposisi"], answer: 1 }]
      }
    }
  ]
})

/** The body of `/opop/pesantren/register` for pesantren `nspp` named `name`, in `regionCode` (Kota Surabaya unless given). */
export const pesantrenRegistration = (nspp: string, name: string, regionCode = "35.78") => ({
  nspp,
  name,
  regionCode,
  pengasuh: "KH. Pengasuh",
  santriCount: 150
})

/** The body of `/opop/products/propose` for product `productId` of pesantren `nspp`, in `category`. */
export const productProposal = (nspp: string, productId: string, category = "MAKANAN") => ({
  productId,
  nspp,
  name: `Produk ${productId}`,
  category,
  description: "Produk unggulan santri",
  unitPrice: 20_000,
  monthlyCapacity: 500
})

/**
 * The body of `/jatim-iso/umkm/register` for the UMKM `nib`: a micro business of food,
 * `Usaha <nib>` of `Pemilik Uji` in Sidoarjo (35.15) unless `options` says otherwise.
 */
export const umkmRegistration = (
  nib: string,
  options: { readonly businessName?: string; readonly ownerName?: string; readonly region?: string } = {}
) => ({
  nib,
  businessName: options.businessName ?? `Usaha ${nib}`,
  ownerName: options.ownerName ?? "Pemilik Uji",
  region: options.region ?? "35.15",
  sector: "KULINER",
  scale: "MIKRO"
})

/**
 * The details of a listing that passes review (`/jatim-iso/umkm/submit-listing`): `product`'s
 * name, price and weight, three photos under `https://example.org/<slug>/` and every item of the
 * packaging checklist.
 */
export const listingDetails = (
  slug: string,
  product: { readonly productName: string; readonly price: number; readonly weightGrams: number }
) => ({
  ...product,
  photos: [1, 2, 3].map((photo) => `https://example.org/${slug}/${photo}.jpg`),
  checklist: Listing.completeChecklist
})

/** A curator's scores for a product: 14 points of 18. */
export const curationScores = {
  businessLegality: 3,
  productLegality: 3,
  qualityAndCapacity: 2,
  packaging: 2,
  marketNetwork: 2,
  competitiveness: 2
}

/** A bearer token, or one being signed. */
export type Token = string | Promise<string>

/** HTTP helpers against the host `base()` returns now (it changes when a test restarts it). */
export const client = (base: () => string) => {
  const call = async (
    method: "GET" | "POST",
    path: string,
    options: { readonly token?: Token; readonly body?: unknown; readonly headers?: Record<string, string> } = {}
  ): Promise<Reply> => {
    const token = await options.token
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
    })
    const text = await response.text()
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
  }
  const post = (path: string, token: Token, body: unknown, headers?: Record<string, string>) =>
    call("POST", path, { token, body, ...(headers === undefined ? {} : { headers }) })
  const get = (path: string, token?: Token) => call("GET", path, token === undefined ? {} : { token })
  return { call, post, get }
}

/** The host the tests of one file share (`hostPerFile`), with `client`'s helpers against it. */
export interface FileHost extends ReturnType<typeof client> {
  /** The running host (set it to one restarted on `databaseUrl`: the helpers follow). */
  host: Host
  /** The file's database. */
  readonly databaseUrl: Redacted.Redacted<string>
}

/**
 * The host of one test file: before its tests, a database of its own (`freshDatabase(database)`)
 * and a host on it (`startHost` with `options`); after them, the host stopped. Both hooks get
 * `hookTimeout` when given. A `beforeAll` the file registers after this call runs once the host
 * is up (the file's shared data).
 */
export const hostPerFile = (database: string, options: TestHostOptions = {}, hookTimeout?: number): FileHost => {
  let databaseUrl: Redacted.Redacted<string> | undefined
  let host: Host | undefined
  beforeAll(async () => {
    databaseUrl = await suiteDatabase(database)
    host = await startHost(databaseUrl, options)
  }, hookTimeout)
  afterAll(async () => {
    await host?.stop()
  }, hookTimeout)
  const started = <A>(value: A | undefined): A => {
    if (value === undefined) throw new Error(`The host on database ${database} is not started: use it in a test or a beforeAll.`)
    return value
  }
  return {
    get host() {
      return started(host)
    },
    set host(restarted) {
      host = restarted
    },
    get databaseUrl() {
      return started(databaseUrl)
    },
    ...client(() => started(host).base)
  }
}

/**
 * Enrolls santri `santriId` (named `name`) at pesantren `nspp`, as its admin, through OPOP's
 * `Commands` on `store` (no endpoint enrolls one).
 */
export const enrollSantri = (store: EventStore.EventStore, nspp: string, santriId: SantriId.SantriId, name: string) =>
  Effect.runPromise(
    OpopCommands.santripreneur(
      new SantripreneurCommand.EnrollSantripreneur({
        actor: Actor.PesantrenAdmin.make({ nspp: Identifier.Nspp.make(nspp) }),
        santriId,
        nspp: Identifier.Nspp.make(nspp),
        name
      })
    ).pipe(Effect.provideService(EventStore.EventStore, store))
  )

/** How many events the stream `name` holds. */
export const streamLength = (store: EventStore.EventStore, name: string): Promise<number> =>
  Effect.runPromise(store.readStream(name)).then((result) => result.events.length)

/** How many events the whole store holds. */
export const eventCount = (store: EventStore.EventStore): Promise<number> => Effect.runPromise(Stream.runCount(store.readAll()))

/**
 * Asks `read` again (every 100 ms, at most `attempts` times) until `done` holds of its answer,
 * and returns the last answer: for what process managers do after a request has returned.
 */
export const eventually = async <A>(read: () => Promise<A>, done: (value: A) => boolean, attempts = 100): Promise<A> => {
  let value = await read()
  for (let i = 1; i < attempts && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    value = await read()
  }
  return value
}

/** Whether any object in `json` has a property named `answer` or `answerKey`: a quiz's answers. */
export { hasAnswers } from "@jatim/sijawara/testing"
