/**
 * Sijawara's published `CourseCompleted`, as JATIM ISO reads it from the event store: a codec
 * over the stored `EnrollmentCompleted` events of category `enrollment` that decodes each into
 * the published integration event with Sijawara's own mapping (`Integration.fromRecordedData`),
 * so JATIM ISO depends on Sijawara's published contract only.
 *
 * @since 0.1.0
 */
import { Effect, ParseResult, Schema } from "effect"
import { EventCodec } from "@jatim/eventstore"
import * as Integration from "@jatim/sijawara/integration"

/** The stored event, as data: its type tag and whatever fields it holds. */
const Stored = Schema.Struct(
  { _tag: Schema.Literal(Integration.sourceEventType) },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * Schema from a stored `EnrollmentCompleted` to the published `CourseCompleted`. Decoding only:
 * JATIM ISO never writes Sijawara's events, so encoding is forbidden.
 */
export const FromStored = Schema.transformOrFail(Stored, Schema.typeSchema(Integration.CourseCompleted), {
  strict: true,
  decode: (stored, _, ast) =>
    Effect.mapError(Integration.fromRecordedData(stored), (error) => new ParseResult.Type(ast, stored, error.message)),
  encode: (completed, _, ast) =>
    ParseResult.fail(new ParseResult.Forbidden(ast, completed, "JATIM ISO reads Sijawara's completions and never writes them"))
})

/** The codec a process manager reads Sijawara's completions with. */
export const codec: EventCodec.EventCodec<Integration.CourseCompleted> = EventCodec.make(Schema.Union(FromStored))

/** The category of the streams completions are stored in. */
export const category: string = Integration.sourceCategory
