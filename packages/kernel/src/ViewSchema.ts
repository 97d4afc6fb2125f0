/**
 * Schemas of views: what a read model answers, as JSON for clients. Every such Schema is a
 * struct with a name (its `identifier`, the name a host's OpenAPI document gives it) and a
 * description in words, so that a client reading the document knows what it holds; `struct`
 * makes one and asks for both, so no view goes out unnamed.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Schema of the view `identifier` (e.g. `"MonthTrade"`), described by `description`, with
 * `fields`: `Schema.Struct(fields)` annotated with both, its `fields` at hand as ever.
 */
export const struct = <Fields extends Schema.Struct.Fields>(
  identifier: string,
  description: string,
  fields: Fields
): Schema.Struct<Fields> => Schema.Struct(fields).annotations({ identifier, description })
