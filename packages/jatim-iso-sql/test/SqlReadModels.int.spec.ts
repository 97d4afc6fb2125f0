import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Effect, Option } from "effect"
import { EventStore } from "@jatim/eventstore"
import { type Actor, Identifier, type Page, Region, Rupiah } from "@jatim/kernel"
import {
  Commands,
  Listing,
  OnboardingFunnel,
  OnboardingProgress,
  StalledOnboardings,
  TimeToOnboard,
  Umkm,
  UmkmCommand,
  type UmkmEvent
} from "@jatim/jatim-iso"
import { Arbitraries } from "@jatim/jatim-iso/testing"
import * as Integration from "@jatim/sijawara/integration"
import { suiteDatabaseBeforeAll } from "@jatim/testing/postgres"
import {
  agreeOn,
  asking,
  askingPages,
  type Comparison,
  folded,
  interleave,
  type Refusals,
  type Run,
  sendingAt,
  storedEvents
} from "@jatim/testing/sqlReadModels"
import { SqlReadModels } from "../src/index.js"

const database = suiteDatabaseBeforeAll("jatim_iso_sql_read_models")

const day = 86_400_000
const officer: Actor.Actor = { _tag: "DINAS_OFFICER", officerId: "dinas-017" }

// ---------------------------------------------------------------------------------------------
// Histories: commands through JATIM ISO's command handlers, trainings from Sijawara certificates

/** A training from a Sijawara certificate: the completion Sijawara records, then the request to record it. */
interface SijawaraTraining {
  readonly nib: Identifier.Nib
  readonly training: "KEMASAN" | "PEMASARAN_DIGITAL"
  /** The completed course's topic (a topic other than the training is refused). */
  readonly topic: Integration.CourseCompleted["topic"]
  /** Whether the learner was linked to the UMKM at completion (if not, refused). */
  readonly linked: boolean
  /** Who presents the certificate: the learner it names, or a Dinas officer. */
  readonly byLearner: boolean
}

/** One thing sent to the store. */
type Sent =
  | { readonly _tag: "command"; readonly command: UmkmCommand.UmkmCommand }
  | { readonly _tag: "sijawara"; readonly training: SijawaraTraining }

/** What is sent, and the instant it is decided at. */
interface Timed {
  readonly sent: Sent
  readonly at: number
}

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** The n-th certificate number (1 ≤ n < 32 · 32): code n, with its check characters (code mod 997). */
const certificateNumber = (n: number): Integration.CourseCompleted["certificateNumber"] => {
  const check = n % 997
  const body = `${alphabet[Math.floor(n / 32)]}${alphabet[n % 32]}`
  const tail = `${alphabet[Math.floor(check / 32)]}${alphabet[check % 32]}`
  return Integration.CourseCompleted.fields.certificateNumber.make(`SJW-0000-0000-00${body}-${tail}`)
}

/**
 * Records a training from a Sijawara certificate as JATIM ISO's own tests do: Sijawara's stored
 * `EnrollmentCompleted` for a learner and course of their own (the `n`-th), then
 * `Commands.recordTraining` with its certificate, which reads the completion back from the store.
 */
const recordSijawaraTraining = (n: number, t: SijawaraTraining, at: number) =>
  Effect.gen(function* () {
    const learnerId = Integration.CourseCompleted.fields.learnerId.make(`L-2025-${String(n).padStart(6, "0")}`)
    const courseId = Integration.CourseCompleted.fields.courseId.make(`kursus-${n}`)
    const number = certificateNumber(n)
    yield* EventStore.appendToStream(`${Integration.sourceCategory}-${learnerId}_${courseId}`, [
      {
        eventId: `completion-${number}`,
        type: Integration.sourceEventType,
        data: {
          learnerId,
          courseId,
          courseVersion: 1,
          topic: t.topic,
          region: "35.07",
          linkedNib: t.linked ? t.nib : null,
          certificateNumber: number,
          at: new Date(at).toISOString()
        }
      }
    ])
    const actor: Actor.Actor = t.byLearner ? { _tag: "LEARNER", learnerId } : officer
    return yield* Commands.recordTraining({
      actor,
      nib: t.nib,
      training: t.training,
      source: { _tag: "SIJAWARA_CERTIFICATE", certificateNumber: number, learnerId, courseId }
    })
  })

/**
 * Sends a history in order through the command handlers on the store, each with the clock at its
 * instant. With `refusals: "skip"` a refusal by the rules is left out of the history (random
 * commands are often refused, as they should be); with `"fail"` every command must be accepted.
 * Sijawara's completions are counted across a run's two parts, so that each has a learner, course
 * and certificate number of its own.
 */
const sending = (refusals: Refusals) => {
  let completions = 0
  return sendingAt(
    ({ sent, at }: Timed): Effect.Effect<unknown, { readonly _tag: string }, EventStore.EventStore> =>
      sent._tag === "command" ? Commands.umkm(sent.command) : recordSijawaraTraining(++completions, sent.training, at)
  )(refusals)
}

// ---------------------------------------------------------------------------------------------
// Questions, put to the pure read models and to the SQL ones

/** What to ask: NIBs, kabupaten/kota, instants. */
interface Questions {
  readonly nibs: ReadonlyArray<Identifier.Nib>
  readonly regions: ReadonlyArray<Region.RegionCode>
  readonly instants: ReadonlyArray<number>
}

/** One question, put to the pure read model (over `events`) and to the SQL one. */
type Probe = Comparison<ReadonlyArray<UmkmEvent.UmkmEvent>>

/** The SQL read models, by name. */
type ModelName = Exclude<keyof SqlReadModels.SqlReadModels, "projections">

/** How far back `StalledOnboardings.stalled` looks, edge cases included. */
const windows = [Number.NEGATIVE_INFINITY, -1, 0, 0.5, 1, 7, 14, 30, 365, Number.POSITIVE_INFINITY, Number.NaN]

const ask = asking<ReadonlyArray<UmkmEvent.UmkmEvent>>()

const askPages = askingPages<ReadonlyArray<UmkmEvent.UmkmEvent>>()

/** Every query of a read model, with every argument asked. */
const probesOf: { readonly [M in ModelName]: (models: SqlReadModels.SqlReadModels, q: Questions) => ReadonlyArray<Probe> } = {
  onboardingProgress: ({ onboardingProgress: sql }, q) => {
    const fold = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events.reduce(OnboardingProgress.apply, OnboardingProgress.initial)
    return [
      ...ask(
        "progress get",
        q.nibs,
        (events, nib) => Option.getOrUndefined(OnboardingProgress.get(fold(events), nib)),
        (nib) => Effect.map(sql.get(nib), Option.getOrUndefined)
      ),
      { label: "progress registered", pure: (events) => OnboardingProgress.registered(fold(events)), sql: sql.registered() },
      ...ask("progress registered in", q.regions, (events, region) => OnboardingProgress.registered(fold(events), region), sql.registered)
    ]
  },
  onboardingFunnel: ({ onboardingFunnel: sql }, q) => {
    const fold = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events.reduce(OnboardingFunnel.apply, OnboardingFunnel.initial)
    return [
      { label: "funnel", pure: (events) => OnboardingFunnel.funnel(fold(events)), sql: sql.funnel() },
      ...ask("funnel in", q.regions, (events, region) => OnboardingFunnel.funnel(fold(events), region), sql.funnel),
      // A map's entries, in order: the regions in code order.
      {
        label: "funnel by region",
        pure: (events) => [...OnboardingFunnel.byRegion(fold(events))],
        sql: Effect.map(sql.byRegion, (m) => [...m])
      }
    ]
  },
  stalledOnboardings: ({ stalledOnboardings: sql }, q) => {
    const fold = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events.reduce(StalledOnboardings.apply, StalledOnboardings.initial)
    return q.instants.flatMap((instant) => {
      const now = new Date(instant)
      return [
        ...ask(
          `stalled before ${now.toISOString()}, days`,
          windows,
          (events, days) => StalledOnboardings.stalled(fold(events), { now, days }),
          (days) => sql.stalled({ now, days })
        ),
        ...askPages(
          `stalled before ${now.toISOString()} in pages of 1, days`,
          [0, 14],
          () => 1,
          (events, days, request: Page.Request<StalledOnboardings.Key>) =>
            StalledOnboardings.stalledPage(fold(events), { now, days }, request),
          (days, request) => sql.stalledPage({ now, days }, request)
        ),
        ...q.regions.flatMap((region) =>
          ask(
            `stalled before ${now.toISOString()} in ${region}, days`,
            [0, 14],
            (events, days) => StalledOnboardings.stalled(fold(events), { now, days, region }),
            (days) => sql.stalled({ now, days, region })
          )
        )
      ]
    })
  },
  timeToOnboard: ({ timeToOnboard: sql }, q) => {
    const fold = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events.reduce(TimeToOnboard.apply, TimeToOnboard.initial)
    const regions = [undefined, ...q.regions]
    return [
      ...ask("onboardings", regions, (events, region) => TimeToOnboard.onboardings(fold(events), region), sql.onboardings),
      ...ask("summary", regions, (events, region) => TimeToOnboard.summary(fold(events), region), sql.summary)
    ]
  }
}

/**
 * Runs `history` through the command handlers on a fresh PostgreSQL store: its first `before`
 * commands before the runner starts (the projections of the read models `names` catch up on
 * them), the rest while it runs (they follow live). Then every query of those read models must
 * answer exactly what the pure read model answers for the events the store holds; with
 * `rebuild`, again after a reset (as for no events) and after a rebuild from scratch.
 */
const agree = (names: ReadonlyArray<ModelName>, history: ReadonlyArray<Timed>, run: Run<ReadonlyArray<UmkmEvent.UmkmEvent>, Questions>) =>
  Effect.map(
    agreeOn({
      database,
      schema: "jatim_iso_sql",
      models: (options) => {
        const models = SqlReadModels.make(options)
        return { ...models, projections: names.map((name) => models[name].projection) }
      },
      send: sending,
      events: storedEvents(Umkm.codec, [Umkm.category]),
      pure: folded((events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events),
      comparisons: (models, q: Questions) => names.flatMap((name) => probesOf[name](models, q))
    })(history, run),
    ({ events }) => events
  )

/** Every read model, by name. */
const allModels: ReadonlyArray<ModelName> = ["onboardingProgress", "onboardingFunnel", "stalledOnboardings", "timeToOnboard"]

/**
 * Runs a written-out `history` (every command accepted) through every read model, its first
 * `before` commands before the runner starts, and asks `questions`, also after a reset and a
 * rebuild (see `agree`). Returns the events the store holds.
 */
const agreeOnWritten = (history: ReadonlyArray<Timed>, before: number, questions: Questions) =>
  Effect.runPromise(agree(allModels, history, { before, refusals: "fail", rebuild: true, questions: () => questions }))

/** The kabupaten/kota of the registered UMKM, and one with none. */
const regionsOf = (events: ReadonlyArray<UmkmEvent.UmkmEvent>): ReadonlyArray<Region.RegionCode> => {
  const used = new Set(events.flatMap((e) => (e._tag === "UmkmRegistered" ? [e.region] : [])))
  return [...used, Region.codes.find((code) => !used.has(code))!]
}

/** A NIB no history uses. */
const unknownNib = Identifier.Nib.make("9999999999999")

// ---------------------------------------------------------------------------------------------
// Random histories

/**
 * A training from a Sijawara certificate for `nib`: mostly one that is accepted, sometimes one of
 * another topic or of a learner not linked to the UMKM (refused).
 */
const sijawaraTraining = (nib: Identifier.Nib): fc.Arbitrary<Sent> =>
  fc
    .record({
      training: fc.constantFrom("KEMASAN" as const, "PEMASARAN_DIGITAL" as const),
      mismatch: fc.nat({ max: 5 }),
      linked: fc.nat({ max: 5 }).map((n) => n > 0),
      byLearner: fc.boolean()
    })
    .map(({ byLearner, linked, mismatch, training }) => ({
      _tag: "sijawara",
      training: { nib, training, topic: mismatch === 0 ? "PERKOPERASIAN" : training, linked, byLearner }
    }))

/** Any command on `nib` (JATIM ISO's own arbitrary), or a training from a Sijawara certificate. */
const step = (nib: Identifier.Nib): fc.Arbitrary<Sent> =>
  fc.oneof(
    { weight: 4, arbitrary: Arbitraries.command(nib).map((command): Sent => ({ _tag: "command", command })) },
    { weight: 1, arbitrary: sijawaraTraining(nib) }
  )

/**
 * One UMKM's commands: a few random ones (a Sijawara training may come before registration), an
 * onboarding path, often whole, else cut short (so that every stage is reached), its core
 * trainings from workshops or from Sijawara certificates, then more random ones; each a
 * random time after the one before, from a random start.
 */
const world = (nib: Identifier.Nib) =>
  fc
    .record({
      start: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 0, 1) }),
      early: fc.array(step(nib), { maxLength: 3 }),
      path: fc
        .tuple(
          Arbitraries.onboardingPath(nib),
          fc.oneof({ weight: 2, arbitrary: fc.constant(8) }, { weight: 1, arbitrary: fc.nat({ max: 7 }) }),
          fc.boolean(),
          fc.boolean()
        )
        .map(([path, length, viaSijawara, byLearner]) =>
          path.slice(0, length).map((command): Sent => {
            // The path's core trainings, from Sijawara certificates rather than workshops.
            if (!viaSijawara || command._tag !== "RecordTraining" || command.training === "FOTO_PRODUK") return { _tag: "command", command }
            const training = command.training
            return { _tag: "sijawara", training: { nib, training, topic: training, linked: true, byLearner } }
          })
        ),
      late: fc.array(step(nib), { maxLength: 8 }),
      advances: fc.array(fc.integer({ min: 0, max: 20 * day }), { minLength: 20, maxLength: 20 })
    })
    .map(({ advances, early, late, path, start }): ReadonlyArray<Timed> => {
      const sent: ReadonlyArray<Sent> = [...early, ...path, ...late]
      let at = start
      return sent.map((s, i) => {
        at += advances[i % advances.length]!
        return { sent: s, at }
      })
    })

/** Two to four UMKM's worlds, one global order of their commands (each world's kept), and the share sent before the runner starts. */
const histories = fc.uniqueArray(Arbitraries.nib, { minLength: 2, maxLength: 4 }).chain((nibs) =>
  fc.record({
    nibs: fc.constant(nibs),
    worlds: fc.tuple(...nibs.map(world)),
    interleaving: fc.array(fc.nat(), { maxLength: 120 }),
    before: fc.double({ min: 0, max: 1, noNaN: true })
  })
)

/** What the events of a history reached, over all runs of a property: so that agreement is about something. */
interface Seen {
  registered: number
  onboarded: number
  sijawaraTrainings: number
}

const count = (seen: Seen, events: ReadonlyArray<UmkmEvent.UmkmEvent>) => {
  for (const e of events) {
    if (e._tag === "UmkmRegistered") seen.registered += 1
    if (e._tag === "OnboardingCompleted") seen.onboarded += 1
    if (e._tag === "TrainingRecorded" && e.source._tag === "SIJAWARA_CERTIFICATE") seen.sijawaraTrainings += 1
  }
}

describe("SQL read models on PostgreSQL, for random histories through the command handlers", () => {
  for (const name of allModels) {
    it(`${name} answers exactly what the pure read model answers`, async () => {
      const seen: Seen = { registered: 0, onboarded: 0, sijawaraTrainings: 0 }
      await fc.assert(
        fc.asyncProperty(histories, async (h) => {
          const history = interleave(h.worlds, h.interleaving)
          const ats = history.map((t) => t.at)
          const first = Math.min(...ats)
          const last = Math.max(...ats)
          const events = await Effect.runPromise(
            agree([name], history, {
              before: Math.floor(h.before * history.length),
              refusals: "skip",
              rebuild: false,
              questions: (stored) => ({
                nibs: [...h.nibs, unknownNib],
                regions: regionsOf(stored),
                instants: [first, Math.round((first + last) / 2), last, last + 30 * day + 1]
              })
            })
          )
          count(seen, events)
        }),
        // Each run creates a store and one read model on the real server, sends up to ~80 commands
        // through the command handlers and puts its queries to PostgreSQL: well under a second a
        // run. 6 runs per read model keep the file well under a minute; the pure read models' own
        // tests cover their folds in memory.
        { numRuns: 6 }
      )
      // The histories reached what the read models are about (not only refusals).
      expect(seen.registered).toBeGreaterThan(0)
      expect(seen.onboarded).toBeGreaterThan(0)
      expect(seen.sijawaraTrainings).toBeGreaterThan(0)
    }, 60_000)
  }
})

// ---------------------------------------------------------------------------------------------
// A history written out, with answers known in advance

/** 09:00 WIB, `days` days after 1 March 2025. */
const on = (days: number) => Date.UTC(2025, 2, 1, 2) + days * day
const nibOf = (n: number) => Identifier.Nib.make(`351000000000${n}`)
const [sari, wiryo, jaya, tempe, batik, kopi, sambal] = [1, 2, 3, 4, 5, 6, 7].map(nibOf) as [
  Identifier.Nib,
  Identifier.Nib,
  Identifier.Nib,
  Identifier.Nib,
  Identifier.Nib,
  Identifier.Nib,
  Identifier.Nib
]
const owner = (nib: Identifier.Nib): Actor.Actor => ({ _tag: "UMKM_OWNER", nib })

const command = (at: number, c: UmkmCommand.UmkmCommand): Timed => ({ sent: { _tag: "command", command: c }, at })
const register = (at: number, nib: Identifier.Nib, region: Region.RegionCode) =>
  command(
    at,
    new UmkmCommand.RegisterUmkm({
      actor: owner(nib),
      nib,
      businessName: `UMKM ${nib.slice(-1)}`,
      ownerName: "Sri Wahyuni",
      region,
      sector: "KULINER",
      scale: "MIKRO"
    })
  )
const verify = (at: number, nib: Identifier.Nib) => command(at, new UmkmCommand.VerifyLegality({ actor: officer, nib }))
const workshop = (at: number, nib: Identifier.Nib, training: "KEMASAN" | "PEMASARAN_DIGITAL") =>
  command(
    at,
    new UmkmCommand.RecordTraining({
      actor: officer,
      nib,
      training,
      source: { _tag: "WORKSHOP", workshopName: "Pelatihan UPT Surabaya", heldOn: new Date(at) }
    })
  )
const sijawara = (at: number, nib: Identifier.Nib, training: "KEMASAN" | "PEMASARAN_DIGITAL", byLearner: boolean): Timed => ({
  sent: { _tag: "sijawara", training: { nib, training, topic: training, linked: true, byLearner } },
  at
})
const listingId = Listing.ListingId.make("keripik-tempe")
const details: Listing.ListingDetails = {
  productName: "Keripik tempe 200 g",
  price: Rupiah.unsafeMake(15_000),
  weightGrams: 200,
  photos: ["https://cdn.example.id/1.jpg", "https://cdn.example.id/2.jpg", "https://cdn.example.id/3.jpg"],
  checklist: Listing.completeChecklist
}
const submit = (at: number, nib: Identifier.Nib) =>
  command(at, new UmkmCommand.SubmitListing({ actor: owner(nib), nib, listingId, details }))
const approve = (at: number, nib: Identifier.Nib) => command(at, new UmkmCommand.ApproveListing({ actor: officer, nib, listingId }))
const storefront = (at: number, nib: Identifier.Nib) =>
  command(
    at,
    new UmkmCommand.OpenStorefront({
      actor: owner(nib),
      nib,
      marketplace: Arbitraries.foundingMarketplace("SHOPEE"),
      url: `https://shopee.co.id/umkm-${nib.slice(-1)}`
    })
  )
const complete = (at: number, nib: Identifier.Nib) => command(at, new UmkmCommand.CompleteOnboarding({ actor: officer, nib }))

/** An onboarding from registration on `start` to completion on `end`, a core training from a Sijawara certificate. */
const onboarding = (nib: Identifier.Nib, region: Region.RegionCode, start: number, end: number): ReadonlyArray<Timed> => [
  register(on(start), nib, region),
  verify(on(start + 1), nib),
  sijawara(on(start + 2), nib, "KEMASAN", true),
  workshop(on(start + 3), nib, "PEMASARAN_DIGITAL"),
  submit(on(start + 4), nib),
  approve(on(start + 5), nib),
  storefront(on(start + 6), nib),
  complete(on(end), nib)
]

const example: ReadonlyArray<Timed> = [
  // Onboarded in 10 days, and in 31.
  ...onboarding(sari, "35.07", 0, 10),
  ...onboarding(tempe, "35.07", 0, 31),
  // Verified, then nothing.
  register(on(0), wiryo, "35.78"),
  verify(on(2), wiryo),
  // A Sijawara training before registering; then nothing.
  sijawara(on(1), jaya, "KEMASAN", false),
  register(on(5), jaya, "35.78"),
  // Withdrawn.
  register(on(0), batik, "35.07"),
  command(on(3), new UmkmCommand.WithdrawUmkm({ actor: owner(batik), nib: batik, reason: "Tutup usaha" })),
  // Only a Sijawara training: never registered, counted nowhere.
  sijawara(on(4), kopi, "PEMASARAN_DIGITAL", true),
  // Trained, a listing submitted, not approved yet.
  register(on(8), sambal, "35.07"),
  verify(on(9), sambal),
  workshop(on(10), sambal, "KEMASAN"),
  sijawara(on(11), sambal, "PEMASARAN_DIGITAL", false),
  submit(on(12), sambal)
].sort((a, b) => a.at - b.at)

describe("SQL read models on PostgreSQL, a written-out history", () => {
  it("answer what the pure read models answer, which is what the history says, also after a reset and a rebuild", async () => {
    const events = await agreeOnWritten(example, 15, {
      nibs: [sari, wiryo, jaya, tempe, batik, kopi, sambal, unknownNib],
      regions: ["35.07", "35.78", "35.01"],
      instants: [on(0), on(12), on(31), on(40)]
    })
    // The SQL models agreed with these; pin a few answers so the agreement is about something.
    const state = events.reduce(OnboardingProgress.apply, OnboardingProgress.initial)
    expect(OnboardingFunnel.funnel(state)).toEqual({
      REGISTERED: 1,
      LEGALITY_VERIFIED: 1,
      TRAINED: 1,
      LISTING_APPROVED: 0,
      READY: 0,
      ONBOARDED: 2,
      WITHDRAWN: 1
    })
    expect([...OnboardingFunnel.byRegion(state).keys()]).toEqual(["35.07", "35.78"])
    expect(TimeToOnboard.summary(state)).toEqual({ count: 2, averageDays: 20.5, medianDays: 20.5, fastestDays: 10, slowestDays: 31 })
    expect(StalledOnboardings.stalled(state, { now: new Date(on(40)), days: 14 }).map((s) => [s.nib, s.stage, s.idleDays])).toEqual([
      [wiryo, "LEGALITY_VERIFIED", 38],
      [jaya, "REGISTERED", 35],
      [sambal, "TRAINED", 28]
    ])
    expect(OnboardingProgress.registered(state).map((p) => p.nib)).toEqual([sari, wiryo, jaya, tempe, batik, sambal])
    expect(Option.map(OnboardingProgress.get(state, kopi), (p) => [p.region, [...p.trainings]])).toEqual(
      Option.some([null, ["PEMASARAN_DIGITAL"]])
    )
  }, 30_000)
})

describe("SQL read models on PostgreSQL, storefronts closed and listings revised", () => {
  const closer = Identifier.Nib.make("9120003507401")
  const reviser = Identifier.Nib.make("9120003507402")
  const close = (at: number, nib: Identifier.Nib) =>
    command(at, new UmkmCommand.CloseStorefront({ actor: owner(nib), nib, marketplace: "SHOPEE", reason: "Pindah toko" }))
  const history: ReadonlyArray<Timed> = [
    // Ready, its storefront closed (back to LISTING_APPROVED), opened again, onboarded, closed again (stays ONBOARDED).
    ...onboarding(closer, "35.07", 0, 20).filter((t) => t.at !== on(20)),
    close(on(8), closer),
    storefront(on(12), closer),
    complete(on(20), closer),
    close(on(25), closer),
    // A listing sent back and revised: under review again, then approved.
    register(on(0), reviser, "35.78"),
    verify(on(1), reviser),
    workshop(on(2), reviser, "KEMASAN"),
    workshop(on(3), reviser, "PEMASARAN_DIGITAL"),
    submit(on(4), reviser),
    command(on(5), new UmkmCommand.SendBackListing({ actor: officer, nib: reviser, listingId, notes: "Foto buram" })),
    command(on(6), new UmkmCommand.ReviseListing({ actor: owner(reviser), nib: reviser, listingId, details })),
    approve(on(7), reviser),
    storefront(on(8), reviser),
    close(on(9), reviser)
  ].sort((a, b) => a.at - b.at)

  it("answer what the pure read models answer, also after a reset and a rebuild", async () => {
    const events = await agreeOnWritten(history, 9, {
      nibs: [closer, reviser, unknownNib],
      regions: ["35.07", "35.78"],
      instants: [on(0), on(10), on(30), on(60)]
    })
    expect(events.map((e) => e._tag)).toEqual(expect.arrayContaining(["StorefrontClosed", "ListingRevised"]))
    const state = events.reduce(OnboardingProgress.apply, OnboardingProgress.initial)
    expect(OnboardingFunnel.funnel(state)).toMatchObject({ ONBOARDED: 1, LISTING_APPROVED: 1 })
    expect(TimeToOnboard.summary(state)).toMatchObject({ count: 1, fastestDays: 20 })
  }, 30_000)
})
