/**
 * Building blocks shared by `EventStore` adapters, so that every adapter validates, retries
 * idempotently and streams exactly alike: the in-memory adapter and the PostgreSQL adapter
 * are both made of these.
 *
 * @since 0.1.0
 */
import { Chunk, Clock, type Duration, Effect, Either, Option, ParseResult, Schema, Stream, SubscriptionRef } from "effect"
import { type ActorRef, EventMetadata, type EventMetadataInput, type JsonObject, type NewEvent, type RecordedEvent } from "./Event.js"
import type { Direction, EventFilter, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from "./EventStore.js"
import {
  DuplicateEventId,
  InvalidEvent,
  InvalidExpectedVersion,
  InvalidReadRequest,
  type InvalidStreamName,
  type ReadError
} from "./EventStoreError.js"
import * as ExpectedVersion from "./ExpectedVersion.js"
import { GlobalPosition } from "./GlobalPosition.js"
import { deepFreeze, jsonEquals, utf8Length } from "./internal/json.js"
import * as StreamName from "./StreamName.js"

/** What an adapter accepts in one append. */
export interface AppendLimits {
  /** The most bytes of JSON (data and metadata) one event may take. */
  readonly maxEventBytes: number
  /** The most events one append may carry. */
  readonly maxBatchSize: number
}

/** 1 MiB per event, 10,000 events per append. */
export const defaultAppendLimits: AppendLimits = { maxEventBytes: 1024 * 1024, maxBatchSize: 10_000 }

/** A new event after validation: JSON copies of its data and metadata, frozen. */
export interface PreparedEvent {
  readonly eventId: string
  readonly type: string
  /** A frozen copy of the data, made when first read (adapters that store `dataJson` never need it). */
  readonly data: JsonObject
  readonly metadata: EventMetadata
  /** `data` as JSON text, for adapters that store text. */
  readonly dataJson: string
  /** `metadata` encoded as JSON text. */
  readonly metadataJson: string
}

/** A validated append request. */
export interface PreparedAppend {
  readonly streamName: StreamName.StreamName
  readonly category: StreamName.Category
  readonly events: ReadonlyArray<PreparedEvent>
}

const eventIdPattern = /^[\x21-\x7E]{1,128}$/
const eventTypePattern = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/
const encodeMetadata = Schema.encodeSync(EventMetadata)
const decodeMetadata = Schema.decodeUnknownEither(EventMetadata)

/** Metadata and its JSON text. */
interface PreparedMetadata {
  readonly metadata: EventMetadata
  readonly json: string
}

// Stryker disable all: equivalent by design. These checks only choose the fast path: where
// one declines, `schemaMetadata` gives the same metadata and JSON, so a mutant that makes it
// decline more often changes nothing. test/Adapter.metadata.unit.spec.ts holds both paths equal.
const metadataKeys = new Set(["correlationId", "causationId", "actor", "occurredAt", "schemaVersion"])
const isOptionalString = (value: unknown) => value === undefined || typeof value === "string"
const isNonEmptyTrimmed = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.trim() === value
const isActorRef = (value: unknown): value is ActorRef => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  for (const key in value) if (key !== "role" && key !== "id") return false
  const actor = value as { readonly role?: unknown; readonly id?: unknown }
  return isNonEmptyTrimmed(actor.role) && (actor.id === undefined || isNonEmptyTrimmed(actor.id))
}

/**
 * The metadata of a new event when its input is plainly valid, without a Schema decode (the
 * common case, e.g. every event of a batch with no metadata given); `undefined` sends it to
 * the Schema, which also words the error. Accepts only what `EventMetadata` accepts.
 */
const fastMetadata = (input: EventMetadataInput | undefined, now: Date, nowJson: string): PreparedMetadata | undefined => {
  if (input === undefined) {
    return { metadata: { occurredAt: new Date(now.getTime()), schemaVersion: 1 }, json: `{"occurredAt":${nowJson},"schemaVersion":1}` }
  }
  if (typeof input !== "object" || input === null) return undefined
  for (const key in input) if (!metadataKeys.has(key)) return undefined
  const { actor, causationId, correlationId, occurredAt, schemaVersion } = input
  if (!isOptionalString(correlationId) || !isOptionalString(causationId)) return undefined
  if (actor !== undefined && !isActorRef(actor)) return undefined
  if (occurredAt !== undefined && !(occurredAt instanceof Date && Number.isFinite(occurredAt.getTime()))) return undefined
  if (schemaVersion !== undefined && !(Number.isSafeInteger(schemaVersion) && schemaVersion >= 1)) return undefined
  // Stryker restore all
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = {
    occurredAt: new Date((occurredAt ?? now).getTime()),
    schemaVersion: schemaVersion ?? 1
  }
  if (correlationId !== undefined) metadata.correlationId = correlationId
  if (causationId !== undefined) metadata.causationId = causationId
  if (actor !== undefined) metadata.actor = actor.id === undefined ? { role: actor.role } : { role: actor.role, id: actor.id }
  return { metadata, json: JSON.stringify(encodeMetadataFast(metadata)) }
}

/** `EventMetadata`'s encoded form of metadata that passed `fastMetadata`. */
const encodeMetadataFast = (metadata: EventMetadata): Record<string, unknown> => ({
  // Stryker disable ConditionalExpression: equivalent, JSON.stringify drops a key whose value is undefined anyway.
  ...(metadata.correlationId === undefined ? {} : { correlationId: metadata.correlationId }),
  ...(metadata.causationId === undefined ? {} : { causationId: metadata.causationId }),
  ...(metadata.actor === undefined ? {} : { actor: metadata.actor }),
  // Stryker restore ConditionalExpression
  occurredAt: metadata.occurredAt.toISOString(),
  schemaVersion: metadata.schemaVersion
})

/** The metadata of a new event through the Schema: for anything `fastMetadata` does not take. */
const schemaMetadata = (input: EventMetadataInput | undefined, now: Date): Either.Either<PreparedMetadata, string> => {
  const occurredAt = input?.occurredAt ?? now
  const decoded = decodeMetadata(
    {
      ...input,
      occurredAt: occurredAt instanceof Date && Number.isFinite(occurredAt.getTime()) ? occurredAt.toISOString() : occurredAt,
      schemaVersion: input?.schemaVersion ?? 1
    },
    { onExcessProperty: "error" }
  )
  return Either.isLeft(decoded)
    ? Either.left(decoded.left.message)
    : Either.right({ metadata: decoded.right, json: JSON.stringify(encodeMetadata(decoded.right)) })
}

/**
 * Where `JSON.stringify`'s text may hold a NUL (`\u0000`) or a lone surrogate (`\ud800` to
 * `\udfff`: it escapes only unpaired ones): one native scan of the text. Text that merely
 * reads so (a backslash, then "u0000") matches too; the value is then walked to be sure.
 */
const suspectEscape = /\\u(?:0000|d[89a-f])/

/** What in `text` no JSON store can keep as text: a NUL or half of a UTF-16 surrogate pair. */
const unstorableCharacter = (text: string): string | undefined => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0) return "a NUL character (U+0000)"
    if (code < 0xd800 || code > 0xdfff) continue
    if (code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
    }
    return `a lone surrogate (U+${code.toString(16).toUpperCase()}, half of a UTF-16 pair)`
  }
  return undefined
}

const identifierKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const pathTo = (path: string, key: string) => (identifierKey.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`)

/**
 * The first string (key or value, at any depth) of a parsed JSON value that holds what no
 * JSON store can keep, as the reason of a refusal naming its path (`data.items[2].name`).
 * Walks with a stack of its own: data nested thousands deep does not overflow.
 */
const unstorableText = (root: string, value: unknown): string | undefined => {
  const stack: Array<readonly [path: string, value: unknown]> = [[root, value]]
  while (stack.length > 0) {
    const [path, current] = stack.pop()!
    if (typeof current === "string") {
      const what = unstorableCharacter(current)
      if (what !== undefined) return `${path} holds ${what}, which stored JSON cannot hold: remove or replace it`
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, current[i]])
    } else if (typeof current === "object" && current !== null) {
      const entries = Object.entries(current)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!
        const what = unstorableCharacter(key)
        if (what !== undefined) {
          return `the key ${pathTo(path, key)} holds ${what}, which stored JSON cannot hold: remove or replace it`
        }
        stack.push([pathTo(path, key), item])
      }
    }
  }
  return undefined
}

/**
 * Why the JSON text `json` (of `root`: "data" or "metadata") cannot be stored, or `undefined`.
 * The common case (no `\u` escape at all) costs one native scan of the text; only a suspect
 * escape parses and walks it.
 */
const unstorableJson = (root: string, json: string): string | undefined =>
  json.includes("\\u") && suspectEscape.test(json) ? unstorableText(root, JSON.parse(json)) : undefined

const prepareEvent = (event: NewEvent, now: Date, nowJson: string, limits: AppendLimits): Either.Either<PreparedEvent, InvalidEvent> => {
  const eventId = typeof event.eventId === "string" ? event.eventId : String(event.eventId)
  const eventType = typeof event.type === "string" ? event.type : String(event.type)
  const refuse = (reason: string) => Either.left(new InvalidEvent({ eventId, eventType, reason }))
  if (!eventIdPattern.test(eventId)) {
    return refuse("its id must be 1 to 128 printable ASCII characters without spaces (a UUID is best)")
  }
  if (!eventTypePattern.test(eventType)) {
    return refuse('its type must start with a letter and hold at most 128 letters, digits or "_.:-"')
  }
  const data: unknown = event.data
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return refuse("its data must be a JSON object")
  }
  let dataJson: string
  try {
    dataJson = JSON.stringify(data)
  } catch (error) {
    return refuse(`its data is not JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const dataProblem = unstorableJson("data", dataJson)
  if (dataProblem !== undefined) return refuse(dataProblem)
  let metadata = fastMetadata(event.metadata, now, nowJson)
  if (metadata === undefined) {
    const decoded = schemaMetadata(event.metadata, now)
    if (Either.isLeft(decoded)) return refuse(`its metadata is invalid: ${decoded.left}`)
    metadata = decoded.right
  }
  const metadataProblem = unstorableJson("metadata", metadata.json)
  if (metadataProblem !== undefined) return refuse(metadataProblem)
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only text that could be over the limit is counted.
  if ((dataJson.length + metadata.json.length) * 3 > limits.maxEventBytes) {
    const bytes = utf8Length(dataJson) + utf8Length(metadata.json)
    if (bytes > limits.maxEventBytes) {
      return refuse(`it takes ${bytes} bytes of JSON, more than the limit of ${limits.maxEventBytes}`)
    }
  }
  let copy: JsonObject | undefined
  return Either.right({
    eventId,
    type: eventType,
    get data() {
      if (copy === undefined) copy = deepFreeze(JSON.parse(dataJson) as JsonObject)
      return copy
    },
    metadata: deepFreeze(metadata.metadata),
    dataJson,
    metadataJson: metadata.json
  })
}

/**
 * Validates an append: the stream name, then every event (id, type, JSON data, metadata,
 * size), and ids unique within the batch. `occurredAt` defaults to now from `Clock`.
 */
export const prepareAppend = (
  streamName: string,
  events: ReadonlyArray<NewEvent>,
  limits: AppendLimits = defaultAppendLimits
): Effect.Effect<PreparedAppend, InvalidStreamName | InvalidEvent> =>
  Effect.gen(function* () {
    const name = yield* StreamName.parse(streamName)
    if (events.length > limits.maxBatchSize) {
      return yield* new InvalidEvent({
        eventId: events[0]?.eventId ?? "",
        eventType: events[0]?.type ?? "",
        reason: `the batch holds ${events.length} events, more than the limit of ${limits.maxBatchSize}`
      })
    }
    const now = new Date(yield* Clock.currentTimeMillis)
    const prepared = yield* prepareEvents(events, now, limits)
    return { streamName: name, category: StreamName.category(name), events: prepared }
  })

/** Every event of a batch, prepared in one synchronous pass; ids must be unique in the batch. */
const prepareEvents = (
  events: ReadonlyArray<NewEvent>,
  now: Date,
  limits: AppendLimits
): Either.Either<Array<PreparedEvent>, InvalidEvent> => {
  const nowJson = JSON.stringify(now.toISOString())
  const prepared = new Array<PreparedEvent>(events.length)
  const ids = new Set<string>()
  for (let i = 0; i < events.length; i++) {
    const result = prepareEvent(events[i]!, now, nowJson, limits)
    if (Either.isLeft(result)) return Either.left(result.left)
    const event = result.right
    if (ids.has(event.eventId)) {
      return Either.left(new InvalidEvent({ eventId: event.eventId, eventType: event.type, reason: "the batch holds this id twice" }))
    }
    ids.add(event.eventId)
    prepared[i] = event
  }
  return Either.right(prepared)
}

const decodeExpected = Schema.decodeUnknownEither(ExpectedVersion.ExpectedVersion)

/**
 * The expected version of an append, decoded at the boundary (`Any` when absent): a caller
 * outside TypeScript's reach (an unknown `_tag`, `Exact(1.5)`) gets `InvalidExpectedVersion`
 * from every adapter alike, before anything is written.
 */
export const decodeExpectedVersion = (
  streamName: string,
  expected: unknown
): Either.Either<ExpectedVersion.ExpectedVersion, InvalidExpectedVersion> => {
  if (expected === undefined) return Either.right(ExpectedVersion.any)
  // The plainly valid cases without a Schema decode; anything else is decoded, which words the error.
  if (typeof expected === "object" && expected !== null) {
    const { _tag, version } = expected as { readonly _tag?: unknown; readonly version?: unknown }
    if (_tag === "Any") return Either.right(ExpectedVersion.any)
    if (_tag === "NoStream") return Either.right(ExpectedVersion.noStream)
    if (_tag === "StreamExists") return Either.right(ExpectedVersion.streamExists)
    if (_tag === "Exact" && typeof version === "number" && Number.isSafeInteger(version) && version >= 0) {
      return Either.right({ _tag: "Exact", version })
    }
  }
  return Either.mapLeft(
    decodeExpected(expected),
    (error) =>
      new InvalidExpectedVersion({
        streamName,
        reason: `${describeUnknown(expected)} is not one of them (${ParseResult.TreeFormatter.formatErrorSync(error)})`
      })
  )
}

/** A short rendering of a value a caller gave, for messages. */
const describeUnknown = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * The reasons of `DuplicateEventId` for a batch some of whose ids are stored already, one
 * wording for every adapter: `checkRetry` gives them, and the PostgreSQL adapter's SQL
 * function is written with these very texts.
 */
export const duplicateReasons = {
  /** Some ids of the batch are stored, this one is not. */
  missing: "other events of this batch are already stored, this one is not: a retry must repeat the batch exactly",
  /** The id is stored in another stream. */
  otherStream: (streamName: string) => `the id is already used by an event of stream "${streamName}"`,
  /** The id is stored with another type or other data. */
  otherContent: "the id is already stored with another type or other data",
  /** Every id is stored, but not as one run of versions in the batch's order. */
  notTogether: "the batch's events are stored, but not together and in this order"
} as const

/** A batch whose events are all stored already, in this stream and order, with the same content. */
export interface AlreadyAppended {
  readonly nextExpectedVersion: number
  readonly lastPosition: GlobalPosition
}

/**
 * Decides what to do with a batch some of whose ids are already stored (`stored[i]` is the
 * stored event with the id of `append.events[i]`, if any): `None` when no id is stored yet,
 * `Some` when the batch was appended before exactly as it is now (an idempotent retry),
 * `DuplicateEventId` otherwise.
 */
export const checkRetry = (
  append: PreparedAppend,
  stored: ReadonlyArray<RecordedEvent | undefined>
): Either.Either<Option.Option<AlreadyAppended>, DuplicateEventId> => {
  if (stored.every((event) => event === undefined)) return Either.right(Option.none())
  const first = stored[0]
  for (let i = 0; i < append.events.length; i++) {
    const event = append.events[i]!
    const existing = stored[i]
    const fail = (reason: string) => Either.left(new DuplicateEventId({ eventId: event.eventId, streamName: append.streamName, reason }))
    if (existing === undefined) return fail(duplicateReasons.missing)
    if (existing.streamName !== append.streamName) return fail(duplicateReasons.otherStream(existing.streamName))
    if (existing.type !== event.type || !jsonEquals(existing.data, event.data)) return fail(duplicateReasons.otherContent)
    if (first === undefined || existing.streamVersion !== first.streamVersion + i) return fail(duplicateReasons.notTogether)
  }
  const last = stored[stored.length - 1]!
  return Either.right(Option.some({ nextExpectedVersion: last.streamVersion, lastPosition: last.globalPosition }))
}

const isCount = (n: number | undefined, min: number) => n === undefined || (Number.isSafeInteger(n) && n >= min)

const isDirection = (direction: unknown) => direction === undefined || direction === "forward" || direction === "backward"

const badDirection = (direction: unknown) =>
  new InvalidReadRequest({ reason: `direction must be "forward" or "backward", got ${describeUnknown(direction)}` })

/** Validates the options of `readStream`. */
export const validateReadStreamOptions = (options: ReadStreamOptions | undefined): Effect.Effect<void, InvalidReadRequest> => {
  if (!isDirection(options?.direction)) return badDirection(options?.direction)
  if (!isCount(options?.fromVersion, 1)) {
    return new InvalidReadRequest({ reason: `fromVersion must be a whole number from 1, got ${options?.fromVersion}` })
  }
  if (!isCount(options?.maxCount, 0)) {
    return new InvalidReadRequest({ reason: `maxCount must be a whole number from 0, got ${options?.maxCount}` })
  }
  return Effect.void
}

/** One page of a read in global order, as an adapter serves it. */
export interface PageRequest {
  readonly direction: Direction
  /** Exclusive; `undefined` reads from the start (forward) or the end (backward). */
  readonly from: GlobalPosition | undefined
  readonly limit: number
  /** Only these categories (every category when absent). */
  readonly categories: ReadonlyArray<StreamName.Category> | undefined
  /** Only these event types (every type when absent). */
  readonly eventTypes: ReadonlyArray<string> | undefined
}

/**
 * A page as read, before its events are decoded: how many there are, where the last one
 * stands (the next page starts after it), and their decoding, which readers run while the
 * next page is being read.
 */
export interface Page {
  readonly size: number
  readonly last: GlobalPosition | undefined
  readonly events: Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
}

/** A page of events already decoded (an adapter that keeps events in memory). */
export const decodedPage = (events: ReadonlyArray<RecordedEvent>): Page => ({
  size: events.length,
  last: events[events.length - 1]?.globalPosition,
  events: Effect.succeed(events)
})

/** Reads one page in global order: at most `limit` events, fewer only when no more are stored. */
export type ReadPage = (request: PageRequest) => Effect.Effect<Page, ReadError>

/** Decodes pages one behind the reads: page n + 1 is read while page n is decoded and used. */
const decodeBehind = <E>(pages: Stream.Stream<Page, E>): Stream.Stream<RecordedEvent, E | ReadError> =>
  pages.pipe(
    Stream.bufferChunks({ capacity: 1 }),
    Stream.mapConcatChunkEffect((page) => Effect.map(page.events, Chunk.unsafeFromArray))
  )

/** A signal that new events may have been stored: a counter that changes, and a wait for its change. */
export interface ChangeSignal {
  readonly current: Effect.Effect<number>
  /** Completes once the counter differs from `seen`. */
  readonly awaitChange: (seen: number) => Effect.Effect<void>
  /** Moves the counter on, waking every subscriber. */
  readonly notify: Effect.Effect<void>
}

/** A `ChangeSignal` in memory. */
export const makeChangeSignal: Effect.Effect<ChangeSignal> = Effect.map(SubscriptionRef.make(0), (ref) => ({
  current: SubscriptionRef.get(ref),
  awaitChange: (seen) =>
    ref.changes.pipe(
      Stream.filter((n) => n !== seen),
      Stream.take(1),
      Stream.runDrain
    ),
  notify: SubscriptionRef.update(ref, (n) => n + 1)
}))

/** The default number of events fetched per round trip. */
export const defaultBatchSize = 500

const decodePosition = Schema.decodeUnknownEither(GlobalPosition)

/** Whether `from` is absent or a valid position, checked by hand (reads are hot paths). */
const isPositionOrAbsent = (from: unknown): boolean => {
  if (from === undefined) return true
  if (typeof from !== "object" || from === null) return false
  const { sequence, transaction } = from as { readonly transaction?: unknown; readonly sequence?: unknown }
  return typeof transaction === "number" && typeof sequence === "number" && isCount(transaction, 0) && isCount(sequence, 0)
}

const validateFilter = (
  options: EventFilter & {
    readonly batchSize?: number | undefined
    readonly maxCount?: number | undefined
    readonly direction?: unknown
    readonly from?: unknown
  }
): Effect.Effect<{ readonly categories: ReadonlyArray<StreamName.Category> | undefined; readonly batchSize: number }, ReadError> =>
  Effect.gen(function* () {
    if (!isDirection(options.direction)) return yield* badDirection(options.direction)
    if (!isPositionOrAbsent(options.from)) {
      const decoded = decodePosition(options.from)
      const why = Either.isLeft(decoded) ? ` (${ParseResult.TreeFormatter.formatErrorSync(decoded.left)})` : ""
      return yield* new InvalidReadRequest({
        reason: `from must be a position of whole numbers from 0, { transaction, sequence }, got ${describeUnknown(options.from)}${why}`
      })
    }
    if (options.categories !== undefined && !Array.isArray(options.categories)) {
      return yield* new InvalidReadRequest({
        reason: `categories must be an array of categories, got ${describeUnknown(options.categories)}`
      })
    }
    if (
      options.eventTypes !== undefined &&
      !(Array.isArray(options.eventTypes) && options.eventTypes.every((type) => typeof type === "string"))
    ) {
      return yield* new InvalidReadRequest({
        reason: `eventTypes must be an array of event types, got ${describeUnknown(options.eventTypes)}`
      })
    }
    if (!isCount(options.batchSize, 1) || (options.batchSize ?? 0) > 10_000) {
      return yield* new InvalidReadRequest({ reason: `batchSize must be a whole number from 1 to 10000, got ${options.batchSize}` })
    }
    if (!isCount(options.maxCount, 0)) {
      return yield* new InvalidReadRequest({ reason: `maxCount must be a whole number from 0, got ${options.maxCount}` })
    }
    const categories =
      options.categories === undefined
        ? undefined
        : yield* Effect.forEach(options.categories, (category) => StreamName.parseCategory(category))
    return { categories, batchSize: options.batchSize ?? defaultBatchSize }
  })

/** `readAll` made of pages: reads until a page comes back short or `maxCount` is reached. */
export const readAllFromPages =
  (readPage: ReadPage) =>
  (options: ReadAllOptions = {}): Stream.Stream<RecordedEvent, ReadError> =>
    Stream.unwrap(
      Effect.map(validateFilter(options), ({ batchSize, categories }) => {
        const direction = options.direction ?? "forward"
        const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY
        if (maxCount <= 0) return Stream.empty
        return decodeBehind(
          Stream.paginateEffect({ from: options.from, remaining: maxCount }, (state) => {
            const limit = Math.min(batchSize, state.remaining)
            return Effect.map(readPage({ direction, from: state.from, limit, categories, eventTypes: options.eventTypes }), (page) => {
              const next =
                page.size < limit || page.last === undefined || state.remaining - page.size <= 0
                  ? Option.none()
                  : Option.some({ from: page.last, remaining: state.remaining - page.size })
              return [page, next] as const
            })
          })
        )
      })
    )

/**
 * `subscribe` made of pages and a change signal: reads pages after the checkpoint until none
 * is left, then waits for the signal (or the poll interval, when given) and reads again.
 */
export const subscribeFromPages =
  (readPage: ReadPage, signal: ChangeSignal, pollInterval?: Duration.DurationInput) =>
  (options: SubscribeOptions = {}): Stream.Stream<RecordedEvent, ReadError> =>
    Stream.unwrap(
      Effect.map(validateFilter(options), ({ batchSize, categories }) =>
        Stream.suspend(() => {
          let cursor = options.from
          const wait = (seen: number) =>
            pollInterval === undefined ? signal.awaitChange(seen) : Effect.raceFirst(signal.awaitChange(seen), Effect.sleep(pollInterval))
          const nextPage: Effect.Effect<Page, ReadError> = Effect.gen(function* () {
            while (true) {
              const seen = yield* signal.current
              const page = yield* readPage({
                direction: "forward",
                from: cursor,
                limit: batchSize,
                categories,
                eventTypes: options.eventTypes
              })
              if (page.size > 0) {
                // A page without a readable last position fails in its decoding.
                cursor = page.last ?? cursor
                return page
              }
              yield* wait(seen)
            }
          })
          return decodeBehind(Stream.repeatEffect(nextPage))
        })
      )
    )
