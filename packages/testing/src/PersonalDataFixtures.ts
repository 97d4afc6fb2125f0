/**
 * What the domains' tests of personal data share: a classification in a form to compare, the
 * text of a state to search for names, a new event as the store records it, a crypto-shredding
 * store in memory, and the round trip of forgetting one subject.
 *
 * @since 0.1.0
 */
import { Chunk, Effect, Exit, Stream } from "effect"
import { expect } from "vitest"
import { CryptoShredding, type Event, type EventStore, InMemoryEventStore, PersonalData, PersonalDataKeys } from "@jatim/eventstore"

/** A classification as `{ type: [[path, subject kind, id field, placeholder], …] }`, to compare with `toEqual`. */
export const summary = (classification: PersonalData.Classification) =>
  Object.fromEntries(
    [...classification].map(([type, fields]) => [
      type,
      fields.map((f) => [PersonalData.formatPath(f.path), f.subject, f.idField, f.placeholder])
    ])
  )

/** The JSON text of a state, its sets and maps spelled out: what a search for a name reads. */
export const textOf = (state: unknown): string =>
  JSON.stringify(state, (_, value) => (value instanceof Set || value instanceof Map ? [...value] : value))

/** `event` as recorded on `streamName` (version, position and time left out): for folds that read only data. */
export const recorded = (streamName: string, event: Event.NewEvent): Event.RecordedEvent =>
  ({
    streamName,
    streamVersion: 1,
    globalPosition: { transaction: 0, sequence: 0 },
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { occurredAt: new Date(0), schemaVersion: 1 }
  }) as Event.RecordedEvent

/** A crypto-shredding store of `classification` in memory, with the store beneath it (`inner`) and its key store. */
export const shreddingInMemory = (classification: PersonalData.Classification) =>
  Effect.gen(function* () {
    const inner = yield* InMemoryEventStore.make()
    const keys = yield* PersonalDataKeys.makeInMemory
    return { inner, keys, store: CryptoShredding.make(inner, keys, classification) }
  })

/** Every event of `store`, in the order of the store. */
export const readAll = (store: EventStore.EventStore) => Effect.map(Stream.runCollect(store.readAll()), Chunk.toReadonlyArray)

/** Runs `effect` to a promise, for a property or a test; a failure of the effect fails the test with its cause. */
export const runOrFail = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => Exit.getOrElse(exit, (cause) => expect.fail(`the effect failed: ${cause}`)))

/** What `forgetOne` is given: the events to append, the subject to forget, and how the domain decodes and erases. */
export interface ForgetOne<A, E> {
  /** The domain's classification of personal data. */
  readonly classification: PersonalData.Classification
  /** The domain's decoder of recorded events (its codec's `decode`). */
  readonly decode: (recorded: Event.RecordedEvent) => Effect.Effect<A, E>
  /** The events to append, each to its stream, in this order. */
  readonly events: ReadonlyArray<{ readonly streamName: string; readonly event: Event.NewEvent }>
  /** The subject to forget. */
  readonly subject: PersonalData.Subject
  /** The field of `event` that forgetting `subject` erases; `undefined` for an event without the subject's data. */
  readonly erasedField: (event: Event.NewEvent) => string | undefined
}

/**
 * One subject forgotten: appends `events` through a crypto-shredding store in memory, forgets
 * `subject`, then reads every event back and decodes it. Asserts that the events read as they
 * were appended but for the erased fields, which read as `PersonalData.erasedText`. Answers the
 * events decoded as appended (`before`), as read after forgetting (`after`), and as expected
 * (`expected`: the events appended, their erased fields set to the placeholder).
 */
export const forgetOne = <A extends { readonly data: unknown }, E>(options: ForgetOne<A, E>) =>
  Effect.gen(function* () {
    const { classification, decode, erasedField, events, subject } = options
    const { keys, store } = yield* shreddingInMemory(classification)
    for (const { streamName, event } of events) yield* store.appendToStream(streamName, [event])
    const before = yield* Effect.forEach(events, ({ streamName, event }) => decode(recorded(streamName, event)))
    yield* keys.forget(subject)
    const after = yield* Effect.forEach(yield* readAll(store), decode)
    const expected = yield* Effect.forEach(events, ({ streamName, event }) => {
      const field = erasedField(event)
      return decode(
        recorded(streamName, field === undefined ? event : { ...event, data: { ...event.data, [field]: PersonalData.erasedText } })
      )
    })
    expect(after.map((e) => e.data)).toEqual(expected.map((e) => e.data))
    for (const [i, { event }] of events.entries()) {
      const field = erasedField(event)
      if (field !== undefined) expect(after[i]!.data).toHaveProperty(field, PersonalData.erasedText)
    }
    return { before, after, expected }
  })
