/**
 * A property of what a store accepts: for arbitrary JSON data and metadata, with strings
 * drawn from all of Unicode and from what no JSON store can keep as text (NUL, lone
 * surrogates) or what merely reads like an escape of it (`"C:\\u0000dir"`), a store answers
 * exactly as the reference store does, and as the rule says: it refuses with `InvalidEvent`
 * exactly when a string or key holds a NUL or a lone surrogate, and otherwise reads back
 * what `JSON.stringify` made of the value.
 *
 * @since 0.1.0
 */
import { Effect, Either, Runtime } from "effect"
import { type Event, EventId, type EventStore } from "@jatim/eventstore"
import * as fc from "fast-check"

/** A NUL, or half of a UTF-16 surrogate pair standing alone. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is this pattern's purpose
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a JSON value holds, in a key or a string at any depth, what no JSON store can keep. */
export const holdsUnstorableText = (value: unknown): boolean =>
  typeof value === "string"
    ? unstorable.test(value)
    : Array.isArray(value)
      ? value.some(holdsUnstorableText)
      : typeof value === "object" && value !== null
        ? Object.entries(value).some(([key, item]) => unstorable.test(key) || holdsUnstorableText(item))
        : false

/**
 * One UTF-16 unit or code point of a string: mostly any code point, sometimes a NUL, a lone
 * surrogate, a random code unit (surrogates included) or a piece of text that reads like an escape.
 */
const character: fc.Arbitrary<string> = fc.oneof(
  { weight: 60, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
  { weight: 3, arbitrary: fc.constantFrom("\\", "u", "0", "d8", "\\u0000", "\\ud800", "\\udc00", "\\\\u0000", '"') },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800") }
)

/** Strings of `character`s: keys and values of the data, metadata ids. */
export const anyText: fc.Arbitrary<string> = fc.string({ unit: character, maxLength: 10 })

/** Event data: a JSON object whose keys and strings are `anyText`, numbers of every kind. */
export const anyData: fc.Arbitrary<Event.JsonObject> = fc.dictionary(
  anyText.filter((key) => key !== "__proto__"),
  fc.jsonValue({ stringUnit: character, maxDepth: 3 }),
  { maxKeys: 5 }
)

/** A role or actor id: `anyText` between letters, so that it is never blank nor padded. */
const actorText = anyText.map((text) => `R${text}R`)

/**
 * Metadata values at the edges of what `Event.EventMetadata` accepts, tried one by one by tests
 * that hold a fast path to the Schema: for the texts (correlation and causation ids) and the
 * actor, valid and invalid ones, `undefined` (absent) first.
 */
export const metadataEdges: { readonly text: ReadonlyArray<unknown>; readonly actor: ReadonlyArray<unknown> } = {
  text: [undefined, "c-1", "", " padded ", "x".repeat(300), 5, null, true, {}],
  actor: [
    undefined,
    { role: "CURATOR" },
    { role: "CURATOR", id: "199001012020121001" },
    { role: "CURATOR", id: undefined },
    { role: "" },
    { role: " CURATOR" },
    { role: "CURATOR " },
    { role: 5 },
    { role: null },
    { role: "CURATOR", id: "" },
    { role: "CURATOR", id: " 1" },
    { role: "CURATOR", id: "1 " },
    { role: "CURATOR", id: 5 },
    { role: "CURATOR", id: null },
    { role: "CURATOR", extra: "x" },
    { id: "1" },
    {},
    null,
    [],
    ["CURATOR"],
    "CURATOR"
  ]
}

/** Metadata whose texts are `anyText` (and otherwise valid). */
export const anyMetadata: fc.Arbitrary<Event.EventMetadataInput> = fc.record(
  {
    correlationId: anyText,
    causationId: anyText,
    actor: fc.record({ role: actorText, id: actorText }, { requiredKeys: ["role"] })
  },
  { requiredKeys: [] }
)

const occurredAt = new Date("2026-03-01T08:00:00.000Z")

const metadataTexts = (metadata: Event.EventMetadataInput): ReadonlyArray<string | undefined> => [
  metadata.correlationId,
  metadata.causationId,
  metadata.actor?.role,
  metadata.actor?.id
]

/** Options of `runPayloadAgreement`. */
export interface PayloadOptions {
  /** How many cases; fast-check's global default when absent. */
  readonly numRuns?: number | undefined
  /** Replays a failure: the seed fast-check printed. */
  readonly seed?: number | undefined
}

const describeAnswer = (answer: Either.Either<Event.RecordedEvent | undefined, { readonly _tag: string; readonly message: string }>) =>
  Either.isLeft(answer) ? `${answer.left._tag}: ${answer.left.message}` : "stored"

/**
 * Appends one event of arbitrary data and metadata to `store` and to `reference` (each case to
 * a stream of its own) and holds `store` to the same answer and to the rule; fails with
 * fast-check's report on the first disagreement.
 */
export const runPayloadAgreement = (
  store: EventStore.EventStore,
  reference: EventStore.EventStore,
  options: PayloadOptions = {}
): Effect.Effect<void> =>
  Effect.gen(function* () {
    const runtime = yield* Effect.runtime<never>()
    const runPromise = <A, E>(effect: Effect.Effect<A, E>) => Runtime.runPromise(runtime)(effect)
    let run = 0
    /** The answer of one store: the stored event as read back, or the error. */
    const answer = (eventStore: EventStore.EventStore, streamName: string, event: Event.NewEvent) =>
      eventStore.appendToStream(streamName, [event]).pipe(
        Effect.zipRight(eventStore.readStream(streamName)),
        Effect.map((read) => read.events[0]),
        Effect.either
      )
    yield* Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(anyData, fc.option(anyMetadata, { nil: undefined }), async (data, drawn) => {
          run += 1
          const streamName = `payload-${run}`
          const eventId = await runPromise(EventId.make)
          // Both stores stamp the same time (otherwise each takes it from its clock).
          const metadata: Event.EventMetadataInput = { ...drawn, occurredAt }
          const event: Event.NewEvent = { eventId, type: "PayloadTried", data, metadata }
          const actual = await runPromise(answer(store, streamName, event))
          const expected = await runPromise(answer(reference, streamName, event))
          const refused = holdsUnstorableText(data) || metadataTexts(metadata).some((text) => text !== undefined && unstorable.test(text))
          if (Either.isLeft(actual) !== Either.isLeft(expected) || Either.isLeft(actual) !== refused) {
            throw new Error(
              `the store answered ${describeAnswer(actual)}, the reference ${describeAnswer(expected)}; ` +
                `the rule says ${refused ? "refused" : "stored"}`
            )
          }
          if (Either.isLeft(actual) && Either.isLeft(expected)) {
            if (actual.left._tag !== "InvalidEvent" || actual.left.message !== expected.left.message) {
              throw new Error(`refused unlike the reference: ${describeAnswer(actual)} vs ${describeAnswer(expected)}`)
            }
            if (!/: (the key )?(data|metadata)\b/.test(actual.left.message)) {
              throw new Error(`the refusal does not name the field: ${actual.left.message}`)
            }
            return
          }
          if (Either.isRight(actual) && Either.isRight(expected)) {
            const stored = actual.right
            if (stored === undefined) throw new Error("the stored event does not read back")
            const want = JSON.parse(JSON.stringify(data)) as unknown
            if (!sameJson(stored.data, want)) {
              throw new Error(`read back ${JSON.stringify(stored.data)}, stored ${JSON.stringify(want)}`)
            }
            if (!sameJson(stored.metadata, expected.right?.metadata)) {
              throw new Error(
                `metadata read back as ${JSON.stringify(stored.metadata)}, the reference's ${JSON.stringify(expected.right?.metadata)}`
              )
            }
          }
        }),
        {
          ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }),
          ...(options.seed === undefined ? {} : { seed: options.seed })
        }
      )
    )
  })

/** Structural equality of JSON values (and dates); key order does not matter, as in jsonb. */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]))
  }
  const aEntries = Object.entries(a)
  const bRecord = new Map(Object.entries(b))
  return aEntries.length === bRecord.size && aEntries.every(([key, item]) => bRecord.has(key) && sameJson(item, bRecord.get(key)))
}
