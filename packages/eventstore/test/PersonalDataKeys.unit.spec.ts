/**
 * The in-memory key store of crypto-shredding passes the key store conformance suite, alone and
 * behind `PersonalDataKeys.cached`; the cache forgets at once, re-reads after its ttl, never lets
 * a remembered absence stop `obtain`, and keeps at most `maxEntries` subjects.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { runPersonalDataKeysConformance } from "@jatim/testing"
import * as fc from "fast-check"
import { PersonalDataKeys } from "../src/index.js"

runPersonalDataKeysConformance("in memory", () => PersonalDataKeys.layerInMemory)

runPersonalDataKeysConformance("in memory, cached", () =>
  Layer.effect(
    PersonalDataKeys.PersonalDataKeys,
    Effect.map(PersonalDataKeys.makeInMemory, (keys) => PersonalDataKeys.cached(keys))
  )
)

runPersonalDataKeysConformance("in memory, cached with a ttl of 0", () =>
  Layer.effect(
    PersonalDataKeys.PersonalDataKeys,
    Effect.map(PersonalDataKeys.makeInMemory, (keys) => PersonalDataKeys.cached(keys, { ttlMillis: 0 }))
  )
)

/** An in-memory store that records the subjects each call asks it for. */
const recorded = Effect.map(PersonalDataKeys.makeInMemory, (inner) => {
  const calls: Array<readonly [string, ReadonlyArray<string>]> = []
  const record = (call: string, subjects: ReadonlyArray<string>) =>
    Effect.sync(() => {
      calls.push([call, [...subjects]])
    })
  const keys: PersonalDataKeys.PersonalDataKeys = {
    obtain: (subjects) => Effect.zipRight(record("obtain", subjects), inner.obtain(subjects)),
    find: (subjects) => Effect.zipRight(record("find", subjects), inner.find(subjects)),
    forget: (subject) => Effect.zipRight(record("forget", [subject]), inner.forget(subject))
  }
  return { keys, calls }
})

const keyIdOf = (keys: ReadonlyMap<string, PersonalDataKeys.SubjectKey>, subject: string) => keys.get(subject)?.keyId

describe("PersonalDataKeys.cached", () => {
  it.effect("serves keys it read from memory until the ttl, without asking the store again", () =>
    Effect.gen(function* () {
      const { keys, calls } = yield* recorded
      const cache = PersonalDataKeys.cached(keys, { ttlMillis: 1_000 })
      const obtained = yield* cache.obtain(["learner:1", "learner:2"])
      calls.length = 0
      yield* TestClock.adjust("999 millis")
      expect(keyIdOf(yield* cache.find(["learner:1"]), "learner:1")).toBe(keyIdOf(obtained, "learner:1"))
      expect(keyIdOf(yield* cache.obtain(["learner:2", "learner:2"]), "learner:2")).toBe(keyIdOf(obtained, "learner:2"))
      expect(calls).toEqual([])
      // Only what the cache does not hold goes to the store.
      yield* cache.find(["learner:1", "learner:3"])
      expect(calls).toEqual([["find", ["learner:3"]]])
    })
  )

  it.effect("a forget through the cache is seen at once, by find and by the store", () =>
    Effect.gen(function* () {
      const inner = yield* PersonalDataKeys.makeInMemory
      const cache = PersonalDataKeys.cached(inner, { ttlMillis: 60_000 })
      const before = yield* cache.obtain(["santri:7", "santri:8"])
      yield* cache.forget("santri:7")
      expect([...(yield* cache.find(["santri:7", "santri:8"])).keys()]).toEqual(["santri:8"])
      expect((yield* inner.find(["santri:7"])).size).toBe(0)
      const after = yield* cache.obtain(["santri:7"])
      expect(keyIdOf(after, "santri:7")).toBeDefined()
      expect(keyIdOf(after, "santri:7")).not.toBe(keyIdOf(before, "santri:7"))
      expect(keyIdOf(yield* cache.find(["santri:7"]), "santri:7")).toBe(keyIdOf(after, "santri:7"))
    })
  )

  it.effect("an entry is re-read from the store once it is ttl old: another process' forget is seen then, not before", () =>
    Effect.gen(function* () {
      const inner = yield* PersonalDataKeys.makeInMemory
      const cache = PersonalDataKeys.cached(inner, { ttlMillis: 1_000 })
      const obtained = yield* cache.obtain(["learner:L-1"])
      // Another process (sharing the store, not the cache) forgets the learner.
      yield* inner.forget("learner:L-1")
      yield* TestClock.adjust("999 millis")
      expect(keyIdOf(yield* cache.find(["learner:L-1"]), "learner:L-1")).toBe(keyIdOf(obtained, "learner:L-1"))
      yield* TestClock.adjust("1 millis")
      expect((yield* cache.find(["learner:L-1"])).size).toBe(0)
    })
  )

  it.effect("a remembered absence is re-read after the ttl too: a key created elsewhere is found then", () =>
    Effect.gen(function* () {
      const inner = yield* PersonalDataKeys.makeInMemory
      const cache = PersonalDataKeys.cached(inner, { ttlMillis: 500 })
      expect((yield* cache.find(["pengasuh:1"])).size).toBe(0)
      const elsewhere = yield* inner.obtain(["pengasuh:1"])
      yield* TestClock.adjust("499 millis")
      expect((yield* cache.find(["pengasuh:1"])).size).toBe(0)
      yield* TestClock.adjust("1 millis")
      expect(keyIdOf(yield* cache.find(["pengasuh:1"]), "pengasuh:1")).toBe(keyIdOf(elsewhere, "pengasuh:1"))
    })
  )

  it.effect("a remembered absence never stops obtain, which gets the store's key (not a new one) and remembers it", () =>
    Effect.gen(function* () {
      const { keys, calls } = yield* recorded
      const cache = PersonalDataKeys.cached(keys, { ttlMillis: 60_000 })
      expect((yield* cache.find(["umkm-owner:A", "umkm-owner:B"])).size).toBe(0)
      // B gets a key in the store behind the cache's back (another process).
      const elsewhere = yield* keys.obtain(["umkm-owner:B"])
      calls.length = 0
      const obtained = yield* cache.obtain(["umkm-owner:A", "umkm-owner:B"])
      expect(calls).toEqual([["obtain", ["umkm-owner:A", "umkm-owner:B"]]])
      expect(keyIdOf(obtained, "umkm-owner:B")).toBe(keyIdOf(elsewhere, "umkm-owner:B"))
      expect(keyIdOf(obtained, "umkm-owner:A")).toBeDefined()
      calls.length = 0
      const found = yield* cache.find(["umkm-owner:A", "umkm-owner:B"])
      expect([keyIdOf(found, "umkm-owner:A"), keyIdOf(found, "umkm-owner:B")]).toEqual([
        keyIdOf(obtained, "umkm-owner:A"),
        keyIdOf(obtained, "umkm-owner:B")
      ])
      expect(calls).toEqual([])
    })
  )

  it.effect("keeps at most maxEntries subjects, dropping the one remembered longest ago", () =>
    Effect.gen(function* () {
      const { keys, calls } = yield* recorded
      const cache = PersonalDataKeys.cached(keys, { ttlMillis: 60_000, maxEntries: 2 })
      yield* cache.obtain(["learner:a"])
      yield* cache.obtain(["learner:b"])
      yield* cache.obtain(["learner:c"])
      calls.length = 0
      yield* cache.find(["learner:b", "learner:c"])
      expect(calls).toEqual([])
      yield* cache.find(["learner:a"])
      expect(calls).toEqual([["find", ["learner:a"]]])
    })
  )

  it.effect("answers as the store behind it does, for any sequence of calls within the ttl", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.constantFrom("obtain", "find", "forget", "elsewhere-forget"),
              fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 3 })
            ),
            { maxLength: 20 }
          ),
          (calls) =>
            Effect.runPromise(
              Effect.gen(function* () {
                // One store behind the cache, one without it: the same calls give the same keys,
                // except where another process (behind the cache's back) forgot a subject.
                const inner = yield* PersonalDataKeys.makeInMemory
                const cache = PersonalDataKeys.cached(inner)
                const stale = new Set<string>()
                for (const [call, ids] of calls) {
                  const subjects = ids.map((i) => `learner:${i}`)
                  if (call === "forget") {
                    for (const s of subjects) {
                      yield* cache.forget(s)
                      stale.delete(s)
                    }
                  } else if (call === "elsewhere-forget") {
                    for (const s of subjects) {
                      yield* inner.forget(s)
                      stale.add(s)
                    }
                  } else {
                    const viaCache = yield* call === "obtain" ? cache.obtain(subjects) : cache.find(subjects)
                    const direct = yield* inner.find(subjects)
                    for (const s of subjects) {
                      if (call === "obtain") {
                        // obtain always answers with a key the store holds (a stale one only if the cache still holds it).
                        expect(viaCache.has(s)).toBe(true)
                        if (!stale.has(s)) expect(keyIdOf(viaCache, s)).toBe(keyIdOf(direct, s))
                      } else if (!stale.has(s)) {
                        expect(keyIdOf(viaCache, s)).toBe(keyIdOf(direct, s))
                      }
                    }
                  }
                }
              })
            )
        )
      )
    )
  )
})
