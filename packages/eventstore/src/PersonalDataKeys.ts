/**
 * The key store of crypto-shredding: one AES-256 key per data subject (`PersonalData.Subject`),
 * created the first time personal data of that subject is written, deleted by `forget`. Once
 * a subject's key is gone, every personal field encrypted with it reads as its placeholder:
 * the events stay, the person's data in them cannot be read by anyone any more.
 *
 * Adapters: `layerInMemory` here, a table on PostgreSQL in `@jatim/eventstore-postgres`. Keys
 * are drawn from Node's cryptographically secure generator (`crypto.randomBytes`), not from
 * Effect's `Random`, whose generator is seeded and predictable by design.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer } from "effect"
import { randomBytes, randomUUID } from "node:crypto"
import type { EventStoreUnavailable } from "./EventStoreError.js"
import type { Subject } from "./PersonalData.js"

/** The key of one subject: its id (a new one each time the subject gets a key) and 32 bytes. */
export interface SubjectKey {
  readonly subject: Subject
  readonly keyId: string
  readonly key: Uint8Array
}

/** The key store. */
export interface PersonalDataKeys {
  /** The keys of `subjects`, created for those that have none (also for subjects forgotten before). */
  readonly obtain: (subjects: ReadonlyArray<Subject>) => Effect.Effect<ReadonlyMap<Subject, SubjectKey>, EventStoreUnavailable>
  /** The keys of those of `subjects` that have one. */
  readonly find: (subjects: ReadonlyArray<Subject>) => Effect.Effect<ReadonlyMap<Subject, SubjectKey>, EventStoreUnavailable>
  /** Deletes the key of `subject`: its personal data reads as erased from now on. Nothing happens for a subject without key. */
  readonly forget: (subject: Subject) => Effect.Effect<void, EventStoreUnavailable>
}

/** The key store of the context. */
export const PersonalDataKeys: Context.Tag<PersonalDataKeys, PersonalDataKeys> = Context.GenericTag<PersonalDataKeys>(
  "@jatim/eventstore/PersonalDataKeys"
)

/** Forgets `subject` in the key store of the context (see `PersonalDataKeys.forget`). */
export const forget = (subject: Subject): Effect.Effect<void, EventStoreUnavailable, PersonalDataKeys> =>
  Effect.flatMap(PersonalDataKeys, (keys) => keys.forget(subject))

/** A new key for `subject`: 32 bytes and a key id from Node's secure generator. */
export const generate = (subject: Subject): SubjectKey => ({ subject, keyId: randomUUID(), key: new Uint8Array(randomBytes(32)) })

/** A key store in memory: for tests, the in-memory store and embedding. */
export const makeInMemory: Effect.Effect<PersonalDataKeys> = Effect.sync(() => {
  const keys = new Map<Subject, SubjectKey>()
  const pick = (subjects: ReadonlyArray<Subject>) => {
    const found = new Map<Subject, SubjectKey>()
    for (const subject of subjects) {
      const key = keys.get(subject)
      if (key !== undefined) found.set(subject, key)
    }
    return found
  }
  return {
    obtain: (subjects) =>
      Effect.sync(() => {
        for (const subject of subjects) if (!keys.has(subject)) keys.set(subject, generate(subject))
        return pick(subjects)
      }),
    find: (subjects) => Effect.sync(() => pick(subjects)),
    forget: (subject) =>
      Effect.sync(() => {
        keys.delete(subject)
      })
  }
})

/** The key store in memory, for the life of the layer. */
export const layerInMemory: Layer.Layer<PersonalDataKeys> = Layer.effect(PersonalDataKeys, makeInMemory)

/** Options of `cached`. */
export interface CacheOptions {
  /** How long a key (or its absence) read from the store is trusted: 60 s by default. */
  readonly ttlMillis?: number | undefined
  /** How many subjects are kept: 50,000 by default (about 10 MB), the oldest dropped first. */
  readonly maxEntries?: number | undefined
}

/**
 * `keys` with the keys it reads kept in memory for `ttlMillis`, so that reading events does not
 * ask the key store for every page. A `forget` through the cache takes effect at once here;
 * another process holding the cache sees it within `ttlMillis`.
 */
export const cached = (keys: PersonalDataKeys, options: CacheOptions = {}): PersonalDataKeys => {
  const ttl = options.ttlMillis ?? 60_000
  const maxEntries = options.maxEntries ?? 50_000
  const entries = new Map<Subject, { readonly key: SubjectKey | undefined; readonly until: number }>()
  const remember = (now: number, subject: Subject, key: SubjectKey | undefined) => {
    entries.delete(subject)
    entries.set(subject, { key, until: now + ttl })
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
  }
  const through =
    (load: PersonalDataKeys["find"], absentIsFinal: boolean): PersonalDataKeys["find"] =>
    (subjects) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const found = new Map<Subject, SubjectKey>()
        const missing: Array<Subject> = []
        for (const subject of new Set(subjects)) {
          const entry = entries.get(subject)
          if (entry === undefined || entry.until <= now || (entry.key === undefined && !absentIsFinal)) missing.push(subject)
          else if (entry.key !== undefined) found.set(subject, entry.key)
        }
        if (missing.length === 0) return found
        const loaded = yield* load(missing)
        for (const subject of missing) {
          const key = loaded.get(subject)
          remember(now, subject, key)
          if (key !== undefined) found.set(subject, key)
        }
        return found
      })
  return {
    // A subject known to have no key gets one from the store: `obtain` never trusts a cached absence.
    obtain: through(keys.obtain, false),
    find: through(keys.find, true),
    forget: (subject) =>
      Effect.zipRight(
        keys.forget(subject),
        Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => remember(now, subject, undefined)))
      )
  }
}
