/**
 * The store's error classes in one call each: the tag, the fields and the message.
 *
 * @internal
 */
import { Schema } from "effect"

/**
 * `Schema.TaggedError<Self>()(tag, fields)` whose `message` is `message` of the error's fields:
 * yieldable, tagged, encoded and decoded by its schema, matched with `instanceof`.
 */
export const taggedError =
  <Self = never>() =>
  <Tag extends string, Fields extends Schema.Struct.Fields>(
    tag: Tag,
    fields: Fields,
    message: (error: Schema.Struct.Type<Fields>) => string
  ) => {
    const ErrorClass = Schema.TaggedError<Self>()(tag, fields)
    // `Schema.TaggedError` types a class declared without its `Self` as the string that says so.
    if (typeof ErrorClass !== "string") {
      Object.defineProperty(ErrorClass.prototype, "message", {
        get(this: Schema.Struct.Type<Fields>): string {
          return message(this)
        },
        enumerable: false,
        configurable: true
      })
    }
    return ErrorClass
  }
