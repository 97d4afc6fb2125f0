/** The expected version of an append, decoded at the boundary alike by every adapter. */
import { Either, ParseResult, Schema } from "effect"
import { InvalidExpectedVersion } from "../../EventStoreError.js"
import * as ExpectedVersion from "../../ExpectedVersion.js"
import { describeUnknown } from "../json.js"

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
