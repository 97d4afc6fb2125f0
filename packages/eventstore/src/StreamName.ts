/**
 * Stream names are `category-id`: the category is everything before the first `-`
 * (Message DB's convention), the id is the rest and may itself contain `-`.
 *
 * @since 0.1.0
 */
import { type Brand, Either, Schema } from "effect"
import { InvalidCategory, InvalidStreamName } from "./EventStoreError.js"

/** The longest stream name a store accepts. */
export const maxLength = 255

const categoryPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
const idPattern = /^[\x21-\x7E]+$/

/** A validated `category-id` stream name. */
export type StreamName = string & Brand.Brand<"StreamName">

/** A validated category: a letter, then letters, digits or `_`, at most 64 characters. */
export type Category = string & Brand.Brand<"Category">

const categoryProblem = (category: string): string | undefined =>
  category.length === 0
    ? "it is empty"
    : category.length > 64
      ? "it is longer than 64 characters"
      : categoryPattern.test(category)
        ? undefined
        : 'it must start with a letter and hold only letters, digits and "_"'

const streamNameProblem = (name: string): string | undefined => {
  if (name.length > maxLength) return `it is longer than ${maxLength} characters`
  const dash = name.indexOf("-")
  if (dash < 0) return 'it has no "-" between category and id'
  const problem = categoryProblem(name.slice(0, dash))
  if (problem !== undefined) return `its category ${problem}`
  const id = name.slice(dash + 1)
  if (id.length === 0) return 'its id (after the first "-") is empty'
  if (!idPattern.test(id)) return "its id may hold only printable ASCII characters without spaces"
  return undefined
}

/** Validates a stream name. */
export const parse = (name: string): Either.Either<StreamName, InvalidStreamName> => {
  const reason = streamNameProblem(name)
  return reason === undefined ? Either.right(name as StreamName) : Either.left(new InvalidStreamName({ streamName: name, reason }))
}

/** Validates a category. */
export const parseCategory = (category: string): Either.Either<Category, InvalidCategory> => {
  const reason = categoryProblem(category)
  return reason === undefined ? Either.right(category as Category) : Either.left(new InvalidCategory({ category, reason }))
}

/** Builds `category-id` from its parts, validating both. */
export const make = (category: string, id: string): Either.Either<StreamName, InvalidStreamName> => parse(`${category}-${id}`)

/** The category of a valid stream name: the text before the first `-`. */
export const category = (name: StreamName): Category => name.slice(0, name.indexOf("-")) as Category

/** The id of a valid stream name: the text after the first `-`. */
export const id = (name: StreamName): string => name.slice(name.indexOf("-") + 1)

/** Schema of a stream name, for decoding requests and stored rows. */
export const StreamName: Schema.Schema<StreamName, string> = Schema.String.pipe(
  Schema.filter((name) => (streamNameProblem(name) === undefined ? true : `invalid stream name: ${streamNameProblem(name)}`)),
  Schema.brand("StreamName")
)

/** Schema of a category. */
export const CategorySchema: Schema.Schema<Category, string> = Schema.String.pipe(
  Schema.filter((category) => (categoryProblem(category) === undefined ? true : `invalid category: ${categoryProblem(category)}`)),
  Schema.brand("Category")
)
