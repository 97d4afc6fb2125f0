/**
 * What an append expects of its stream. Stream versions count from 1 (the first event);
 * version 0 means the stream has no events, that is, does not exist.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Append whatever the stream's version. */
export const Any = Schema.TaggedStruct("Any", {})
/** Append only if the stream has no events yet. */
export const NoStream = Schema.TaggedStruct("NoStream", {})
/** Append only if the stream already has at least one event. */
export const StreamExists = Schema.TaggedStruct("StreamExists", {})
/** Append only if the stream is exactly at `version` (0: no stream). */
export const Exact = Schema.TaggedStruct("Exact", { version: Schema.NonNegativeInt })

/** Schema of every expected-version variant. */
export const ExpectedVersion = Schema.Union(Any, NoStream, StreamExists, Exact)

/** What an append expects of its stream: `Any`, `NoStream`, `StreamExists` or `Exact(n)`. */
export type ExpectedVersion = typeof ExpectedVersion.Type

/** Append whatever the stream's version. */
export const any: ExpectedVersion = Any.make({})
/** Append only if the stream has no events yet. */
export const noStream: ExpectedVersion = NoStream.make({})
/** Append only if the stream already has at least one event. */
export const streamExists: ExpectedVersion = StreamExists.make({})
/** Append only if the stream is exactly at `version` (0 is the same as `noStream`). */
export const exact = (version: number): ExpectedVersion => Exact.make({ version })

/** Whether a stream at `actual` (0: no stream) satisfies `expected`. */
export const isSatisfiedBy = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected._tag) {
    case "Any":
      return true
    case "NoStream":
      return actual === 0
    case "StreamExists":
      return actual > 0
    case "Exact":
      return actual === expected.version
  }
}

/** A phrase for messages: "be at version 3", "not exist yet", ... */
export const describe = (expected: ExpectedVersion): string => {
  switch (expected._tag) {
    case "Any":
      return "be at any version"
    case "NoStream":
      return "not exist yet"
    case "StreamExists":
      return "exist"
    case "Exact":
      return expected.version === 0 ? "not exist yet (version 0)" : `be at version ${expected.version}`
  }
}
