/**
 * Personal data in events, declared on the event Schemas themselves: which fields name or
 * identify a person (a learner's name, a pengasuh, a UMKM's owner), and whose data each is (its
 * data subject, `kind:id`). Identifiers of institutions (NSPP, NIB, NIK Koperasi) are not
 * personal data and stay as they are.
 *
 * ```ts
 * class LearnerRegistered extends Schema.TaggedClass<LearnerRegistered>()("LearnerRegistered", {
 *   learnerId: LearnerId,
 *   name: PersonalData.field(Text.Name, { subject: "learner", idField: "learnerId" })
 * }) {}
 *
 * PersonalData.classify(LearnerEvent) // LearnerRegistered: name, about learner:<learnerId>
 * ```
 *
 * A store wrapped by `CryptoShredding` encrypts these fields with a key per subject, and reads
 * them as the field's placeholder once `PersonalDataKeys.forget` deleted the subject's key.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema, SchemaAST } from "effect"

/** The key of the annotation that marks a field as personal data. */
export const PersonalDataId: unique symbol = Symbol.for("@jatim/eventstore/PersonalData")

/** What the annotation of a personal field says. */
export interface FieldAnnotation {
  /** The kind of person the field is about: `learner`, `pengasuh`, … (lower case, digits, `-`). */
  readonly subject: string
  /** The field beside this one (in the same object) holding the person's id. */
  readonly idField: string
  /** What the field reads as once its subject is forgotten: a valid encoded value of the field. */
  readonly placeholder: unknown
}

/** The text an erased personal text field reads as, unless its field names another placeholder. */
export const erasedText = "[dihapus]"

/** Whether a value is the placeholder of an erased text field. */
export const isErasedText = (value: unknown): boolean => value === erasedText

const subjectKind = /^[a-z][a-z0-9-]*$/

/** A data subject: the kind of person and their id, `learner:L-2025-000123`. */
export type Subject = string

/** The subject `kind:id`. */
export const subject = (kind: string, id: string): Subject => `${kind}:${id}`

/**
 * Marks `schema` as personal data about the person of kind `subject` whose id is in the field
 * `idField` beside it. Once that person is forgotten the field reads as `placeholder`
 * (`erasedText` by default), which must decode with `schema` (refinements included).
 */
export const field = <A, I, R>(
  schema: Schema.Schema<A, I, R>,
  options: { readonly subject: string; readonly idField: string; readonly placeholder?: I }
): Schema.Schema<A, I, R> => {
  if (!subjectKind.test(options.subject)) {
    throw new Error(`PersonalData.field: the subject kind "${options.subject}" is not lower case letters, digits and "-"`)
  }
  const placeholder = options.placeholder ?? erasedText
  // The whole schema, refinements included: a forgotten field is decoded like any other, so its
  // placeholder must decode (the encoded side alone would let "[dihapus]" past a pattern).
  const valid = Schema.decodeUnknownEither(schema as Schema.Schema<A, I>)(placeholder)
  if (Either.isLeft(valid)) {
    throw new Error(
      `PersonalData.field: the placeholder ${JSON.stringify(placeholder)} is no value of the field ` +
        `(${ParseResult.TreeFormatter.formatErrorSync(valid.left)}); give one with { placeholder }`
    )
  }
  const annotation: FieldAnnotation = { subject: options.subject, idField: options.idField, placeholder }
  return schema.annotations({ [PersonalDataId]: annotation })
}

/** Where a personal field is in an event's data: property names, and `items` for every element of an array. */
export type Path = ReadonlyArray<string | typeof items>

/** The path segment standing for every element of an array. */
export const items: unique symbol = Symbol.for("@jatim/eventstore/PersonalData/items")

/** One personal field of an event type: where it is and what its annotation says. */
export interface PersonalField extends FieldAnnotation {
  readonly path: Path
}

/** The personal fields of each event type that has any. */
export type Classification = ReadonlyMap<string, ReadonlyArray<PersonalField>>

/** A classification with no personal field. */
export const empty: Classification = new Map()

const annotationOf = (ast: SchemaAST.AST): FieldAnnotation | undefined => ast.annotations[PersonalDataId] as FieldAnnotation | undefined

/** The personal fields under `ast` (its encoded side), at `path`. */
const fieldsOf = (ast: SchemaAST.AST, path: Path): ReadonlyArray<PersonalField> => {
  const annotation = annotationOf(ast)
  if (annotation !== undefined) return [{ ...annotation, path }]
  switch (ast._tag) {
    case "Transformation":
    case "Refinement":
      return fieldsOf(ast.from, path)
    case "Union": {
      const found = new Map<string, PersonalField>()
      for (const member of ast.types) for (const f of fieldsOf(member, path)) found.set(pathKey(f.path), f)
      return [...found.values()]
    }
    case "TupleType":
      // Arrays: every element. Fixed tuple elements carry no personal field.
      return ast.rest.flatMap((rest) => fieldsOf(rest.type, [...path, items]))
    case "TypeLiteral": {
      const names = new Set(ast.propertySignatures.map((signature) => signature.name))
      return ast.propertySignatures.flatMap((signature) => {
        if (typeof signature.name !== "string") return []
        const found = fieldsOf(signature.type, [...path, signature.name])
        for (const f of found) {
          // The id is beside the field, or beside the array (of arrays) holding it.
          if (f.path.slice(path.length + 1).every((segment) => segment === items) && !names.has(f.idField)) {
            throw new Error(
              `PersonalData: the personal field "${signature.name}" names the id field "${f.idField}", which is not beside it`
            )
          }
        }
        return found
      })
    }
    default:
      // Declarations, suspended (recursive) schemas and primitives hold no annotated field.
      return []
  }
}

const pathKey = (path: Path): string => path.map((segment) => (segment === items ? "[]" : segment)).join(".")

/** `path` in messages: `members[].name`. */
export const formatPath = (path: Path): string => pathKey(path).replaceAll(".[]", "[]")

const tagOf = (ast: SchemaAST.AST): string | undefined => {
  switch (ast._tag) {
    case "Transformation":
    case "Refinement":
      return tagOf(ast.from)
    case "TypeLiteral": {
      const tag = ast.propertySignatures.find((signature) => signature.name === "_tag")
      return tag !== undefined && SchemaAST.isLiteral(tag.type) && typeof tag.type.literal === "string" ? tag.type.literal : undefined
    }
    default:
      return undefined
  }
}

const membersOf = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> =>
  ast._tag === "Union" ? ast.types.flatMap(membersOf) : ast._tag === "Suspend" ? membersOf(ast.f()) : [ast]

/**
 * The personal fields of each event type of a union of tagged events (the `_tag` is the
 * event's type in the store). Types without personal fields are left out.
 */
export const classify = <A, I>(schema: Schema.Schema<A, I, never>): Classification => {
  const classification = new Map<string, ReadonlyArray<PersonalField>>()
  for (const member of membersOf(schema.ast)) {
    const tag = tagOf(member)
    if (tag === undefined) continue
    const fields = fieldsOf(member, []).filter((f) => !(f.path.length === 1 && f.path[0] === "_tag"))
    if (fields.length > 0) classification.set(tag, fields)
  }
  return classification
}

const describeFields = (fields: ReadonlyArray<PersonalField>): string =>
  JSON.stringify(fields.map((f) => [pathKey(f.path), f.subject, f.idField, f.placeholder]))

/**
 * The classifications of several contexts as one. An event type classified twice must have
 * the same personal fields in both (two contexts' events share the store's type names).
 */
export const merge = (...classifications: ReadonlyArray<Classification>): Classification => {
  const merged = new Map<string, ReadonlyArray<PersonalField>>()
  for (const classification of classifications) {
    for (const [type, fields] of classification) {
      const known = merged.get(type)
      if (known !== undefined && describeFields(known) !== describeFields(fields)) {
        throw new Error(`PersonalData.merge: the event type "${type}" has different personal fields in two classifications`)
      }
      merged.set(type, fields)
    }
  }
  return merged
}
