/**
 * The validation of an append, the same for every adapter: the stream name, then every event
 * (id, type, JSON data, metadata, size), and ids unique within the batch.
 */
import { Clock, Effect, Either, Schema } from "effect"
import { type ActorRef, EventMetadata, type EventMetadataInput, type JsonObject, type NewEvent } from "../../Event.js"
import { InvalidEvent, type InvalidStreamName } from "../../EventStoreError.js"
import * as StreamName from "../../StreamName.js"
import { deepFreeze, utf8Length } from "../json.js"

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
