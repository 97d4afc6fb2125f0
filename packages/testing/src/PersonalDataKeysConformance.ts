/**
 * The conformance suite of key stores of crypto-shredding (`PersonalDataKeys`): one key per
 * data subject, created by `obtain` only, kept until `forget`, and agreed on by concurrent
 * creators. Run against any key store's layer; every test gets a store of its own (the layer
 * is built anew for each), and each property case uses subjects no other case uses.
 *
 * Subjects are drawn as `kind:id` with ids of any well-formed text without NUL characters
 * (which no PostgreSQL text, and no event stored there, can hold).
 *
 * @since 0.1.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import { type EventStoreUnavailable, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import * as fc from "fast-check"

/** Options of the key store conformance suite. */
export interface PersonalDataKeysConformanceOptions {
  /** Cases of each property; the global fast-check default (1,000 here) when absent. */
  readonly numRuns?: number | undefined
  /** Per-test timeout in milliseconds; 60 s by default. */
  readonly timeout?: number | undefined
}

type Keys = PersonalDataKeys.PersonalDataKeys

/** A key as plain data, to compare keys by their id and bytes. */
const plain = (key: PersonalDataKeys.SubjectKey | undefined) =>
  key === undefined ? undefined : { subject: key.subject, keyId: key.keyId, key: Buffer.from(key.key).toString("hex") }

/** The keys of a map as plain data, by subject (sorted). */
const plainAll = (keys: ReadonlyMap<string, PersonalDataKeys.SubjectKey>) =>
  [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([subject, key]) => [subject, plain(key)] as const)

/** An id of a subject: any well-formed text without NUL, or a typical identifier. */
const id: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\u0000")),
  fc.stringMatching(/^[A-Z]{1,3}-[0-9]{4}-[0-9]{3,6}$/)
)

/** A subject drawn for one case: its kind and id (made unique to the case by `unique`). */
const drawnSubject = fc.tuple(fc.constantFrom("learner", "santri", "pengasuh", "umkm-owner"), id)

/** Distinct subjects, 1 to 8. */
const distinctSubjects = fc.uniqueArray(drawnSubject, { minLength: 1, maxLength: 8, selector: ([kind, i]) => `${kind}:${i}` })

/** Which of up to 8 subjects a case picks. */
const picked = fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })

let cases = 0

/** The subjects of one case, made unique to it: `kind:c<case>/<id>`. */
const unique = (drawn: ReadonlyArray<readonly [string, string]>): ReadonlyArray<PersonalData.Subject> => {
  const tag = ++cases
  return drawn.map(([kind, i]) => PersonalData.subject(kind, `c${tag}/${i}`))
}

/**
 * Runs the key store contract against `makeLayer`. Call it inside a vitest file:
 * `runPersonalDataKeysConformance("in memory", () => PersonalDataKeys.layerInMemory)`.
 */
export const runPersonalDataKeysConformance = <E>(
  name: string,
  makeLayer: () => Layer.Layer<Keys, E>,
  options: PersonalDataKeysConformanceOptions = {}
): void => {
  const timeout = options.timeout ?? 60_000
  const runs = options.numRuns
  const test = (title: string, program: (keys: Keys) => Effect.Effect<void, EventStoreUnavailable>) =>
    it.live(title, () => Effect.provide(Effect.flatMap(PersonalDataKeys.PersonalDataKeys, program), makeLayer()), timeout)
  /**
   * A test of a property: `f` runs for every case, with the keys of the test, the case's distinct
   * subjects (1 to 8, made unique to the case) and what else `arbitrary` draws for it.
   */
  const testProperty = <A>(
    title: string,
    arbitrary: fc.Arbitrary<A>,
    f: (keys: Keys, subjects: ReadonlyArray<PersonalData.Subject>, drawn: A) => Effect.Effect<void, EventStoreUnavailable>
  ) =>
    test(title, (keys) =>
      Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(distinctSubjects, arbitrary, (subjects, drawn) => Effect.runPromise(f(keys, unique(subjects), drawn))),
          runs === undefined ? {} : { numRuns: runs }
        )
      )
    )

  describe(`PersonalDataKeys conformance: ${name}`, () => {
    testProperty(
      "obtain gives each new subject a key of its own (32 bytes, a key id); later obtain and find give the same key",
      fc.constant(undefined),
      (keys, subjects) =>
        Effect.gen(function* () {
          const first = yield* keys.obtain(subjects)
          expect([...first.keys()].sort()).toEqual([...subjects].sort())
          for (const subject of subjects) {
            const key = first.get(subject)!
            expect(key.subject).toBe(subject)
            expect(key.key).toBeInstanceOf(Uint8Array)
            expect(key.key.length).toBe(32)
            expect(typeof key.keyId).toBe("string")
            expect(key.keyId.length).toBeGreaterThan(0)
          }
          // Keys of different subjects differ, in id and in bytes.
          expect(new Set([...first.values()].map((k) => k.keyId)).size).toBe(subjects.length)
          expect(new Set([...first.values()].map((k) => plain(k)!.key)).size).toBe(subjects.length)
          expect(plainAll(yield* keys.obtain([...subjects].reverse()))).toEqual(plainAll(first))
          expect(plainAll(yield* keys.find(subjects))).toEqual(plainAll(first))
          expect(plainAll(yield* keys.obtain(subjects))).toEqual(plainAll(first))
        })
    )

    testProperty("obtain of subjects of which some have a key keeps those keys and creates the others", picked, (keys, subjects, picks) =>
      Effect.gen(function* () {
        const earlier = subjects.filter((_, i) => picks[i]!)
        const before = yield* keys.obtain(earlier)
        const all = yield* keys.obtain(subjects)
        expect([...all.keys()].sort()).toEqual([...subjects].sort())
        for (const subject of earlier) expect(plain(all.get(subject))).toEqual(plain(before.get(subject)))
        const earlierIds = new Set([...before.values()].map((k) => k.keyId))
        for (const subject of subjects.filter((s) => !earlier.includes(s))) expect(earlierIds.has(all.get(subject)!.keyId)).toBe(false)
      })
    )

    testProperty("find never creates a key: subjects without one are absent from its answer", picked, (keys, subjects, picks) =>
      Effect.gen(function* () {
        expect((yield* keys.find(subjects)).size).toBe(0)
        expect((yield* keys.find(subjects)).size).toBe(0)
        const some = subjects.filter((_, i) => picks[i]!)
        const obtained = yield* keys.obtain(some)
        const found = yield* keys.find(subjects)
        expect(plainAll(found)).toEqual(plainAll(obtained))
        // A subject that find left without a key still gets one from obtain.
        const rest = subjects.filter((s) => !some.includes(s))
        expect([...(yield* keys.obtain(rest)).keys()].sort()).toEqual([...rest].sort())
      })
    )

    testProperty(
      "forget removes a subject's key and no other; obtain afterwards gives a new key id and new bytes",
      picked,
      (keys, subjects, picks) =>
        Effect.gen(function* () {
          const before = yield* keys.obtain(subjects)
          const forgotten = subjects.filter((_, i) => picks[i]!)
          const kept = subjects.filter((s) => !forgotten.includes(s))
          for (const subject of forgotten) yield* keys.forget(subject)
          const found = yield* keys.find(subjects)
          expect([...found.keys()].sort()).toEqual([...kept].sort())
          for (const subject of kept) expect(plain(found.get(subject))).toEqual(plain(before.get(subject)))
          const again = yield* keys.obtain(subjects)
          expect([...again.keys()].sort()).toEqual([...subjects].sort())
          for (const subject of forgotten) {
            expect(again.get(subject)!.keyId).not.toBe(before.get(subject)!.keyId)
            expect(plain(again.get(subject))!.key).not.toBe(plain(before.get(subject))!.key)
            expect(again.get(subject)!.key.length).toBe(32)
          }
          for (const subject of kept) expect(plain(again.get(subject))).toEqual(plain(before.get(subject)))
          expect(plainAll(yield* keys.find(subjects))).toEqual(plainAll(again))
        })
    )

    test("forgetting a subject that has no key succeeds, and so does forgetting one twice", (keys) =>
      Effect.gen(function* () {
        const [never, twice] = unique([
          ["learner", "never-had-a-key"],
          ["learner", "forgotten-twice"]
        ]) as [string, string]
        yield* keys.forget(never)
        expect((yield* keys.find([never])).size).toBe(0)
        const first = yield* keys.obtain([never])
        expect(first.get(never)?.key.length).toBe(32)
        yield* keys.obtain([twice])
        yield* keys.forget(twice)
        yield* keys.forget(twice)
        expect((yield* keys.find([twice, never])).has(twice)).toBe(false)
        expect(plain((yield* keys.find([never])).get(never))).toEqual(plain(first.get(never)))
      }))

    test("obtain and find of no subjects give no keys", (keys) =>
      Effect.gen(function* () {
        expect((yield* keys.obtain([])).size).toBe(0)
        expect((yield* keys.find([])).size).toBe(0)
      }))

    testProperty(
      "subjects given more than once get one key each",
      fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
      (keys, distinct, picks) =>
        Effect.gen(function* () {
          const subjects = picks.map((i) => distinct[i % distinct.length]!)
          const given = new Set(subjects)
          const obtained = yield* keys.obtain(subjects)
          expect(new Set(obtained.keys())).toEqual(given)
          expect(new Set([...obtained.values()].map((k) => k.keyId)).size).toBe(given.size)
          expect(plainAll(yield* keys.find(subjects))).toEqual(plainAll(obtained))
          expect(plainAll(yield* keys.obtain([...subjects, ...subjects]))).toEqual(plainAll(obtained))
        })
    )

    test("10 fibers obtaining the same new subject at once all get the same key", (keys) =>
      Effect.gen(function* () {
        for (let round = 0; round < 5; round++) {
          const [subject] = unique([["santri", `raced-${round}`]]) as [string]
          const answers = yield* Effect.forEach(
            Array.from({ length: 10 }, () => subject),
            (s) => keys.obtain([s]),
            { concurrency: "unbounded" }
          )
          const seen = answers.map((answer) => plain(answer.get(subject)))
          expect(seen[0]).toBeDefined()
          for (const answer of seen) expect(answer).toEqual(seen[0])
          expect(plain((yield* keys.find([subject])).get(subject))).toEqual(seen[0])
        }
      }))

    test("fibers obtaining overlapping sets of new subjects at once, in different orders, agree on every key", (keys) =>
      Effect.gen(function* () {
        for (let round = 0; round < 5; round++) {
          const subjects = unique(Array.from({ length: 6 }, (_, i) => ["umkm-owner", `raced-${round}-${i}`] as const))
          // Fiber f asks for every subject but one, starting at a different place each time.
          const sets = Array.from({ length: 10 }, (_, f) =>
            Array.from({ length: 5 }, (_, i) => subjects[(f + i) % subjects.length]!).reverse()
          )
          const answers = yield* Effect.forEach(sets, (set) => keys.obtain(set), { concurrency: "unbounded" })
          const agreed = new Map<string, ReturnType<typeof plain>>()
          for (const [f, answer] of answers.entries()) {
            expect(new Set(answer.keys())).toEqual(new Set(sets[f]))
            for (const [subject, key] of answer) {
              const earlier = agreed.get(subject)
              if (earlier === undefined) agreed.set(subject, plain(key))
              else expect(plain(key)).toEqual(earlier)
            }
          }
          expect(plainAll(yield* keys.find(subjects))).toEqual([...agreed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        }
      }))
  })
}
