/**
 * fast-check arbitraries derived from Schemas, and the building blocks store-level
 * properties need (stream names, valid and invalid).
 *
 * @since 0.1.0
 */
import { Arbitrary, type Schema } from "effect"
import * as fc from "fast-check"

/** Values of a Schema's type, honouring its filters (events, commands, states). */
export const fromSchema = <A, I, R>(schema: Schema.Schema<A, I, R>): fc.Arbitrary<A> => Arbitrary.make(schema)

/** Values of any of several Schemas: commands of a decider, events of a codec. */
export const oneOfSchemas = <const Schemas extends ReadonlyArray<Schema.Schema.Any>>(
  ...schemas: Schemas
): fc.Arbitrary<Schema.Schema.Type<Schemas[number]>> =>
  fc.oneof(...schemas.map((schema) => Arbitrary.make(schema) as fc.Arbitrary<Schema.Schema.Type<Schemas[number]>>))

/** A valid category: a letter, then letters, digits or `_`. */
export const category: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), fc.stringMatching(/^[A-Za-z0-9_]{0,20}$/))
  .map(([first, rest]) => first + rest)

/** A valid stream id: printable ASCII without spaces, dashes allowed. */
export const streamId: fc.Arbitrary<string> = fc.stringMatching(/^[\x21-\x7E]{1,40}$/)

/** A valid `category-id` stream name. */
export const streamName: fc.Arbitrary<string> = fc.tuple(category, streamId).map(([c, id]) => `${c}-${id}`)

/** A string that is not a valid stream name, with the reason it is not. */
export const invalidStreamName: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  category,
  category.map((c) => `${c}-`),
  streamId.map((id) => `-${id}`),
  fc.tuple(fc.constantFrom(..."0123456789_$ "), streamName).map(([bad, name]) => bad + name),
  fc.tuple(streamName, fc.constantFrom(" ", "\t", "\n", "é")).map(([name, bad]) => name + bad),
  streamName.map((name) => name + "x".repeat(256))
)
