/**
 * What a domain error is, whatever its name: not found, forbidden, a rule violated, a conflict
 * or invalid input. Every domain error declares its category with a Schema annotation on its
 * `Schema.TaggedError` class, and hosts map categories (an HTTP host to statuses), never names:
 *
 * ```ts
 * export class OrderNotFound extends Schema.TaggedError<OrderNotFound>()(
 *   "OrderNotFound",
 *   { orderId: OrderId },
 *   ErrorCategory.notFound
 * ) {}
 *
 * ErrorCategory.of(new OrderNotFound({ orderId })) // Option.some("NotFound")
 * ```
 *
 * `DomainError` declares such a class with its message in one call (see there).
 *
 * @since 0.1.0
 */
import { Option, Schema, SchemaAST } from "effect"

/**
 * The categories of domain errors:
 * - `NotFound`: the command names something that does not exist (an unregistered pesantren, an
 *   unknown order);
 * - `Forbidden`: the actor may not issue the command;
 * - `RuleViolated`: a rule of the domain refuses the command in the current state;
 * - `Conflict`: the command lost a race with another one, and may work on the new state;
 * - `InvalidInput`: a value that can never be right, whatever the state (a malformed identifier).
 */
export const ErrorCategory = Schema.Literal("NotFound", "Forbidden", "RuleViolated", "Conflict", "InvalidInput")

/** One of the categories of domain errors. */
export type ErrorCategory = typeof ErrorCategory.Type

/** The key of the annotation that holds an error class's category. */
export const ErrorCategoryId: unique symbol = Symbol.for("@jatim/kernel/ErrorCategory")

/** The annotation declaring `category`: the last argument of `Schema.TaggedError(…)(tag, fields, …)`. */
export type Annotation<C extends ErrorCategory = ErrorCategory> = { readonly [ErrorCategoryId]: C }

/** The annotation declaring `category`, for a class that declares no other annotation. */
export const annotation = <C extends ErrorCategory>(category: C): Annotation<C> => ({ [ErrorCategoryId]: category })

/** Declares a not-found error. */
export const notFound: Annotation<"NotFound"> = annotation("NotFound")

/** Declares a forbidden error. */
export const forbidden: Annotation<"Forbidden"> = annotation("Forbidden")

/** Declares a rule violated. */
export const ruleViolated: Annotation<"RuleViolated"> = annotation("RuleViolated")

/** Declares a conflict. */
export const conflict: Annotation<"Conflict"> = annotation("Conflict")

/** Declares invalid input. */
export const invalidInput: Annotation<"InvalidInput"> = annotation("InvalidInput")

const isCategory = Schema.is(ErrorCategory)

/**
 * The category a schema declares. A class's annotations sit on the declaration its AST
 * transforms to, so both a class and a plain annotated schema are read.
 */
export const ofSchema = (schema: Schema.Schema.All): Option.Option<ErrorCategory> => {
  const ast = schema.ast._tag === "Transformation" ? schema.ast.to : schema.ast
  return SchemaAST.getAnnotation<unknown>(ErrorCategoryId)(ast).pipe(Option.filter(isCategory))
}

/** The category of an error: the one its class declares, `None` when it is no Schema class or declares none. */
export const of = (error: unknown): Option.Option<ErrorCategory> => {
  if (typeof error !== "object" || error === null) return Option.none()
  const errorClass: unknown = error.constructor
  return Schema.isSchema(errorClass) ? ofSchema(errorClass) : Option.none()
}

/**
 * A domain error class: `Schema.TaggedError<Self>()(tag, fields, category)` whose `message` is
 * `message` of the error's fields, so that a declaration states only its facts:
 *
 * ```ts
 * export class OrderNotFound extends ErrorCategory.DomainError<OrderNotFound>()(
 *   "OrderNotFound",
 *   { orderId: OrderId },
 *   ErrorCategory.notFound,
 *   ({ orderId }) => `Order ${orderId} does not exist: place it first.`
 * ) {}
 * ```
 *
 * The class is a `Schema.TaggedError` like any other: yieldable, tagged, encoded and decoded by
 * its schema, matched with `instanceof`, its category read by `of`.
 */
export const DomainError =
  <Self = never>() =>
  <Tag extends string, Fields extends Schema.Struct.Fields>(
    tag: Tag,
    fields: Fields,
    category: Annotation,
    message: (error: Schema.Struct.Type<Fields>) => string
  ) => {
    const ErrorClass = Schema.TaggedError<Self>()(tag, fields, category)
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
