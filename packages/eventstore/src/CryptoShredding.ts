/**
 * Crypto-shredding: an `EventStore` that keeps personal data readable only while its subject
 * has a key. Around any adapter, it encrypts the personal fields of the events it appends
 * (`PersonalData.classify` says which) with AES-256-GCM under the key of each field's subject
 * (`PersonalDataKeys`), and decrypts them on every read: streams, reads of all events and
 * categories, subscriptions. Once `PersonalDataKeys.forget(subject)` deleted a subject's key,
 * its fields read as their placeholder (`PersonalData.erasedText`) everywhere the store is
 * read, and read models rebuilt from the store hold no more of them; every other field, and
 * every event, stays as it was.
 *
 * ```ts
 * const store = CryptoShredding.layer(PersonalData.merge(OpopPersonalData, SijawaraPersonalData)).pipe(
 *   Layer.provide([InMemoryEventStore.layer(), PersonalDataKeys.layerInMemory])
 * )
 * ```
 *
 * Events stored before the store was wrapped keep their plain fields (they read as stored).
 * Snapshots and inline projections see what the adapter stores: the first the decrypted state
 * of a decider, the second the encrypted fields (see adr/0090).
 *
 * @since 0.1.0
 */
import { Chunk, Effect, Layer, Stream } from "effect"
import type { NewEvent, RecordedEvent } from "./Event.js"
import { EventStore } from "./EventStore.js"
import { EventDecodeError, type EventStoreUnavailable, InvalidEvent } from "./EventStoreError.js"
import * as Cipher from "./internal/personalData/cipher.js"
import { forEachAt, mapAt } from "./internal/personalData/paths.js"
import { type Classification, type PersonalField, type Subject, subject as subjectOf } from "./PersonalData.js"
import { PersonalDataKeys, type SubjectKey } from "./PersonalDataKeys.js"

/** The subject of a personal value: its kind and the id beside it, or `undefined` when the id is missing. */
const subjectFor = (field: PersonalField, holder: { readonly [key: string]: unknown }): Subject | undefined => {
  const id = holder[field.idField]
  return typeof id === "string" && id.length > 0
    ? subjectOf(field.subject, id)
    : typeof id === "number"
      ? subjectOf(field.subject, String(id))
      : undefined
}

/** The place of a value in the store, bound into its envelope: the event's id and the value's path, unambiguously. */
const placeOf = (eventId: string, segments: ReadonlyArray<string | number>) => JSON.stringify([eventId, ...segments])

/**
 * The keys sealing derives from a subject's key, by subject and key id, made once per key for
 * the life of the store (reading needs none). Key ids need be unique per subject only (a key
 * store may number each subject's keys 1, 2, …).
 */
const derivedKeys = () => {
  const derived = new Map<string, Cipher.Keys>()
  return (key: SubjectKey): Cipher.Keys => {
    const id = `${key.subject}\u0000${key.keyId}`
    let keys = derived.get(id)
    if (keys === undefined) {
      keys = Cipher.derive(key)
      if (derived.size >= 10_000) derived.delete(derived.keys().next().value!)
      derived.set(id, keys)
    }
    return keys
  }
}

/** `store` with the personal fields of `classification` sealed under the keys of `keys`. */
export const make = (store: EventStore, keys: PersonalDataKeys, classification: Classification): EventStore => {
  const derive = derivedKeys()

  const seal = (
    events: ReadonlyArray<NewEvent>,
    streamName: string
  ): Effect.Effect<ReadonlyArray<NewEvent>, InvalidEvent | EventStoreUnavailable> =>
    Effect.gen(function* () {
      const subjects = new Set<Subject>()
      for (const event of events) {
        const fields = classification.get(event.type)
        if (fields === undefined) continue
        for (const field of fields) {
          let missing: string | undefined
          forEachAt(event.data, field.path, ({ value, holder, place }) => {
            if (Cipher.isEnvelope(value)) return
            const subject = subjectFor(field, holder)
            if (subject === undefined) missing ??= place
            else subjects.add(subject)
          })
          if (missing !== undefined) {
            return yield* new InvalidEvent({
              eventId: event.eventId,
              eventType: event.type,
              reason: `its personal field "${missing}" has no ${field.subject} id in "${field.idField}" beside it (stream "${streamName}")`
            })
          }
        }
      }
      if (subjects.size === 0) return events
      const found = yield* keys.obtain([...subjects])
      return events.map((event) => {
        const fields = classification.get(event.type)
        if (fields === undefined) return event
        let data = event.data
        for (const field of fields) {
          data = mapAt(data, field.path, ({ value, holder, segments }) => {
            if (Cipher.isEnvelope(value)) return value
            const subject = subjectFor(field, holder)!
            return Cipher.seal(derive(found.get(subject)!), subject, placeOf(event.eventId, segments), value)
          })
        }
        return data === event.data ? event : { ...event, data }
      })
    })

  const open = (
    events: ReadonlyArray<RecordedEvent>
  ): Effect.Effect<ReadonlyArray<RecordedEvent>, EventDecodeError | EventStoreUnavailable> => {
    const subjects = new Set<Subject>()
    for (const event of events) {
      const fields = classification.get(event.type)
      if (fields === undefined) continue
      for (const field of fields) {
        forEachAt(event.data, field.path, ({ value }) => {
          if (Cipher.isEnvelope(value)) subjects.add(value.subject)
        })
      }
    }
    if (subjects.size === 0) return Effect.succeed(events)
    return Effect.flatMap(keys.find([...subjects]), (found) => {
      const opened: Array<RecordedEvent> = []
      for (const event of events) {
        const fields = classification.get(event.type)
        if (fields === undefined) {
          opened.push(event)
          continue
        }
        let data = event.data
        let unreadable: string | undefined
        for (const field of fields) {
          data = mapAt(data, field.path, ({ value, place, segments }) => {
            if (!Cipher.isEnvelope(value)) return value
            const key = found.get(value.subject)
            // No key, or a newer key of a subject forgotten since: erased.
            if (key === undefined || key.keyId !== value.keyId) return field.placeholder
            const plain = Cipher.open(key.key, value, placeOf(event.eventId, segments))
            if (plain === undefined) {
              unreadable ??= place
              return value
            }
            return plain.value
          })
        }
        if (unreadable !== undefined) {
          return Effect.fail(
            new EventDecodeError({
              streamName: event.streamName,
              streamVersion: event.streamVersion,
              eventId: event.eventId,
              eventType: event.type,
              schemaVersion: event.metadata.schemaVersion,
              reason: `its personal field "${unreadable}" does not authenticate under its subject's key (altered in storage)`
            })
          )
        }
        opened.push(data === event.data ? event : { ...event, data })
      }
      return Effect.succeed(opened)
    })
  }

  const openStream = <E, R>(stream: Stream.Stream<RecordedEvent, E, R>) =>
    Stream.mapChunksEffect(stream, (chunk) => Effect.map(open(Chunk.toReadonlyArray(chunk)), Chunk.unsafeFromArray))

  return {
    appendToStream: (streamName, events, options) =>
      Effect.flatMap(seal(events, streamName), (sealed) => store.appendToStream(streamName, sealed, options)),
    readStream: (streamName, options) =>
      Effect.flatMap(store.readStream(streamName, options), (result) =>
        Effect.map(open(result.events), (events) => (events === result.events ? result : { ...result, events }))
      ),
    readAll: (options) => openStream(store.readAll(options)),
    readCategory: (category, options) => openStream(store.readCategory(category, options)),
    subscribe: (options) => openStream(store.subscribe(options))
  }
}

/**
 * The `EventStore` of the context wrapped by `make`, with the `PersonalDataKeys` of the
 * context: provide it the adapter's layer and a key store.
 */
export const layer = (classification: Classification): Layer.Layer<EventStore, never, EventStore | PersonalDataKeys> =>
  Layer.effect(
    EventStore,
    Effect.map(Effect.all([EventStore, PersonalDataKeys]), ([store, keys]) => make(store, keys, classification))
  )
