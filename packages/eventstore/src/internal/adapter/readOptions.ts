/** The validation of read options, the same for every adapter. */
import { Effect, Either, ParseResult, Schema } from "effect"
import type { Direction, EventFilter, ReadStreamOptions } from "../../EventStore.js"
import { InvalidReadRequest, type ReadError } from "../../EventStoreError.js"
import { GlobalPosition } from "../../GlobalPosition.js"
import * as StreamName from "../../StreamName.js"
import { describeUnknown } from "../json.js"

const isCount = (n: number | undefined, min: number) => n === undefined || (Number.isSafeInteger(n) && n >= min)

const isDirection = (direction: unknown) => direction === undefined || direction === "forward" || direction === "backward"

const badDirection = (direction: unknown) =>
  new InvalidReadRequest({ reason: `direction must be "forward" or "backward", got ${describeUnknown(direction)}` })

/** The options of `readStream` after validation. */
export interface StreamReadRequest {
  readonly direction: Direction
  /** The first version to read, inclusive; `undefined`: the first (forward) or the last (backward). */
  readonly fromVersion: number | undefined
  /** At most this many events; `undefined`: no limit. */
  readonly maxCount: number | undefined
}

/** Validates the options of `readStream`. */
export const validateReadStreamOptions = (options: ReadStreamOptions | undefined): Effect.Effect<StreamReadRequest, InvalidReadRequest> => {
  if (!isDirection(options?.direction)) return badDirection(options?.direction)
  if (!isCount(options?.fromVersion, 1)) {
    return new InvalidReadRequest({ reason: `fromVersion must be a whole number from 1, got ${options?.fromVersion}` })
  }
  if (!isCount(options?.maxCount, 0)) {
    return new InvalidReadRequest({ reason: `maxCount must be a whole number from 0, got ${options?.maxCount}` })
  }
  return Effect.succeed({ direction: options?.direction ?? "forward", fromVersion: options?.fromVersion, maxCount: options?.maxCount })
}

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

export const validateFilter = (
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
