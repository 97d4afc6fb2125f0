/**
 * A field that is `undefined` in the type and `null` when encoded: JSON and SQL have no
 * `undefined`, and a view's JSON should still name the field.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** `schema`, or `undefined` in the type and `null` encoded. */
export const nullWhenUndefined = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.transform(Schema.NullOr(schema), Schema.UndefinedOr(Schema.typeSchema(schema)), {
    strict: true,
    decode: (value) => value ?? undefined,
    encode: (value) => value ?? null
  })
