/**
 * Typed event codecs. A domain's events are a Schema union of tagged structs or classes;
 * the codec turns each into the store's `type` (its `_tag`) and JSON `data` on append, and
 * back on read, applying upcasters to data written with an older schema version.
 *
 * @since 0.1.0
 */
import { Effect, ParseResult, Schema, SchemaAST } from "effect"
import type { EventMetadataInput, JsonObject, NewEvent, RecordedEvent } from "./Event.js"
import { EventDecodeError, InvalidEvent } from "./EventStoreError.js"

/** Raises the data of one event type from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  readonly eventType: string
  readonly fromVersion: number
  readonly upcast: (data: JsonObject) => Effect.Effect<JsonObject, string>
}

/**
 * An upcaster from a Schema: decoding with `schema` checks the old data (its encoded side)
 * and yields the data of the next version (its type side, which must be the encoded form
 * of the newer event).
 */
export const upcaster = <Next extends JsonObject, Previous>(
  eventType: string,
  fromVersion: number,
  schema: Schema.Schema<Next, Previous>
): Upcaster => {
  const decode = Schema.decodeUnknown(schema)
  return {
    eventType,
    fromVersion,
    upcast: (data) => Effect.mapError(decode(data), (error) => ParseResult.TreeFormatter.formatErrorSync(error))
  }
}

/** A typed event with what is needed to append it. */
export interface EventEnvelope<E> {
  readonly event: E
  readonly eventId: string
  readonly metadata?: EventMetadataInput | undefined
}

/** Encodes a domain's events for the store and decodes them back. */
export interface EventCodec<E extends { readonly _tag: string }> {
  /** Every event type the codec knows, from the schema's tags. */
  readonly eventTypes: ReadonlyArray<string>
  /** The schema version new events of `type` are written with. */
  readonly currentVersion: (type: string) => number
  /** Turns a typed event into a new event for `appendToStream`. */
  readonly encode: (envelope: EventEnvelope<E>) => Effect.Effect<NewEvent, InvalidEvent>
  /** Upcasts and decodes a recorded event. */
  readonly decode: (recorded: RecordedEvent) => Effect.Effect<RecordedEvent<E>, EventDecodeError>
}

/** Options of `make`. */
export interface EventCodecOptions {
  /** The current schema version of each event type that has moved past version 1. */
  readonly versions?: Readonly<Record<string, number>> | undefined
  /** The upcasters from each older version to the next. */
  readonly upcasters?: ReadonlyArray<Upcaster> | undefined
}

/** The `_tag` literals of a union of tagged structs or classes, read from its encoded side. */
const tagsOf = (ast: SchemaAST.AST): ReadonlyArray<string> => {
  switch (ast._tag) {
    case "Union":
      return ast.types.flatMap(tagsOf)
    case "Suspend":
      return tagsOf(ast.f())
    case "Refinement":
      return tagsOf(ast.from)
    case "Transformation":
      return tagsOf(ast.from)
    case "TypeLiteral": {
      const tag = ast.propertySignatures.find((signature) => signature.name === "_tag")
      return tag !== undefined && SchemaAST.isLiteral(tag.type) && typeof tag.type.literal === "string" ? [tag.type.literal] : []
    }
    default:
      return []
  }
}

/** Makes the codec of a union of tagged events. */
export const make = <E extends { readonly _tag: string }, I extends { readonly _tag: string }>(
  schema: Schema.Schema<E, I>,
  options: EventCodecOptions = {}
): EventCodec<E> => {
  const eventTypes = tagsOf(schema.ast)
  if (eventTypes.length === 0) {
    throw new Error("EventCodec.make needs a union of tagged events (each with a literal _tag)")
  }
  const versions = options.versions ?? {}
  const upcasters = new Map((options.upcasters ?? []).map((u) => [`${u.eventType}@${u.fromVersion}`, u]))
  const encodeEvent = Schema.encode(schema)
  const decodeEvent = Schema.decodeUnknown(schema)
  const currentVersion = (type: string) => versions[type] ?? 1

  const encode = (envelope: EventEnvelope<E>): Effect.Effect<NewEvent, InvalidEvent> =>
    encodeEvent(envelope.event).pipe(
      Effect.mapError(
        (error) =>
          new InvalidEvent({
            eventId: envelope.eventId,
            eventType: envelope.event._tag,
            reason: `it does not encode: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
          })
      ),
      Effect.map(
        ({ _tag, ...data }): NewEvent => ({
          eventId: envelope.eventId,
          type: _tag,
          data,
          metadata: { ...envelope.metadata, schemaVersion: currentVersion(_tag) }
        })
      )
    )

  const decode = (recorded: RecordedEvent): Effect.Effect<RecordedEvent<E>, EventDecodeError> => {
    const fail = (reason: string) =>
      new EventDecodeError({
        streamName: recorded.streamName,
        streamVersion: recorded.streamVersion,
        eventId: recorded.eventId,
        eventType: recorded.type,
        schemaVersion: recorded.metadata.schemaVersion,
        reason
      })
    return Effect.gen(function* () {
      if (!eventTypes.includes(recorded.type)) {
        return yield* fail(`the type is not one of this codec's (${eventTypes.join(", ")})`)
      }
      const target = currentVersion(recorded.type)
      let version = recorded.metadata.schemaVersion
      if (version > target) {
        return yield* fail(`it was written with schema version ${version}, newer than this code's ${target}`)
      }
      let data = recorded.data
      for (; version < target; version++) {
        const step = upcasters.get(`${recorded.type}@${version}`)
        if (step === undefined) return yield* fail(`no upcaster from version ${version} to ${version + 1}`)
        data = yield* Effect.mapError(step.upcast(data), (reason) => fail(`upcasting from version ${version} failed: ${reason}`))
      }
      const event = yield* Effect.mapError(decodeEvent({ ...data, _tag: recorded.type }), (error) =>
        fail(ParseResult.TreeFormatter.formatErrorSync(error))
      )
      return { ...recorded, data: event }
    })
  }

  return { eventTypes, currentVersion, encode, decode }
}
