/**
 * Facts read from the event store, in a form no caller can forge. A command that needs a fact
 * from another stream (a product's grade, a pesantren's standing, a Sijawara completion, an
 * order's status) carries it as a `Verified` value, and only the module that read it can issue
 * one: `make` gives that module the issuer of one kind of fact, with its own private registry,
 * and nothing else in the program can add to it.
 *
 * The guarantee: a value built by hand, decoded from a request (JSON), copied or spread from a
 * fact, made from a fact's prototype or issued for another kind is not a fact. Its type does not
 * compile where a fact is expected (the brand), a command carrying it does not construct or
 * decode (the Schema refuses it), and `is` refuses it at run time, so a decider that checks `is`
 * refuses it even when the Schema was bypassed. A fact is a deep, frozen copy of the plain data it
 * was issued from (objects, arrays, dates), so neither it nor anything it holds can be edited. And
 * no fact is ever generated: a fact's Schema has no arbitrary (`Arbitrary.make` throws), so no
 * property-test generator can hand out the issuer.
 *
 * The limit: a fact is as true as the store it was read from. Whoever provides the `EventStore`
 * decides what a reading finds; the guarantee is that no request data becomes a fact on its way
 * to a decider, not that the store holds the truth.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** The brand of facts (a type only: at run time, the issuer's registry makes a fact one). */
export declare const TypeId: unique symbol

/** A fact of kind `Kind` with content `A`, issued by the one module that reads such facts. */
export type Verified<A, Kind extends string> = A & { readonly [TypeId]: Kind }

/** How a kind of fact is named and explained, in its Schema and its refusal message. */
export interface Annotations<A> {
  /** The Schema's identifier (the kind when absent), e.g. `"FlagshipCandidate"`. */
  readonly identifier?: string | undefined
  /**
   * What the fact is, for its Schema. By default it says what the fact is, where it is read from
   * and by what, e.g. `"a flagship candidate, read from the product's stream by
   * FlagshipCandidate.read (never from a request)"`.
   */
  readonly description?: string | undefined
  /** The fact in words, for the refusal message and the description, e.g. `"a flagship candidate"`. */
  readonly what: string
  /** Where it is read from, e.g. `"the product's stream"`. */
  readonly source: string
  /** What reads it (`<kind>.read` when absent), e.g. `"VerifiedCompletion.find"`. */
  readonly reader?: string | undefined
  /** How a fact is shown (by default, its kind and its content as JSON). */
  readonly pretty?: (fact: A) => string
}

/** One kind of fact: its issuer (for the reading module only), its check and its Schema. */
export interface Kind<A, K extends string> {
  /** The kind. */
  readonly kind: K
  /**
   * Issues `content` as a fact: a deep, frozen copy of it (plain objects, arrays and dates only;
   * anything else, such as a class instance, throws). Keep it in the module that reads such facts
   * from the store: whoever holds it can make facts of this kind.
   */
  readonly issue: (content: A) => Verified<A, K>
  /** Whether `u` is a fact this issuer issued (not a look-alike, a copy or another kind's fact). */
  readonly is: (u: unknown) => u is Verified<A, K>
  /**
   * Schema of the facts, for command fields: admits only issued facts whose content satisfies the
   * content Schema; it encodes to the fact itself (a fact never travels as data), and it has no
   * arbitrary (facts are read, never generated).
   */
  readonly schema: Schema.Schema<Verified<A, K>>
}

/** The message of a refused fact: what it is, where it is read from, by what. */
const refusal = ({ what, source }: Pick<Annotations<never>, "what" | "source">, reader: string): string =>
  `${what} is read from ${source} by ${reader}, never built by hand`

/** The description of a kind of fact that its annotations do not describe: what, from where, by what. */
const describe = ({ what, source }: Pick<Annotations<never>, "what" | "source">, reader: string): string =>
  `${what}, read from ${source} by ${reader} (never from a request)`

/** Whether `value` is a plain object (made by a literal, `Object.create(null)` or a Schema `Struct`). */
const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** Defines `key` on `target` as the frozen copy of `child` (a date as a getter of fresh copies). */
const defineCopy = (target: object, key: string, child: unknown, path: string): void => {
  if (child instanceof Date) {
    // A frozen Date can still be changed (`setTime`): the fact hands out a new copy on each read.
    const time = child.getTime()
    Object.defineProperty(target, key, { enumerable: true, get: () => new Date(time) })
  } else {
    Object.defineProperty(target, key, { enumerable: true, value: deepFrozenCopy(child, `${path}.${key}`) })
  }
}

/**
 * A deep, frozen copy of plain data: primitives as they are, plain objects and arrays copied and
 * frozen all the way down, dates copied (read as fresh copies). Anything else throws, so a
 * fact holds nothing whose state could change after it was issued.
 */
const deepFrozenCopy = (value: unknown, path: string): unknown => {
  if (typeof value !== "object" || value === null) {
    if (typeof value === "function") throw new TypeError(`${path} is a function, and a fact holds only plain data`)
    return value
  }
  if (Array.isArray(value)) {
    const items: ReadonlyArray<unknown> = value
    const copy: Array<unknown> = []
    items.forEach((item, index) => {
      defineCopy(copy, String(index), item, path)
    })
    return Object.freeze(copy)
  }
  if (!isPlainObject(value)) {
    const name = value.constructor?.name ?? "an object with a prototype"
    throw new TypeError(
      `${path} is ${name === "" ? "a class instance" : `a ${name}`}, and a fact holds only plain data (objects, arrays, dates)`
    )
  }
  const copy = {}
  for (const [key, child] of Object.entries(value)) defineCopy(copy, key, child, path)
  return Object.freeze(copy)
}

/**
 * A new kind of fact `kind` whose content is `content` (plain data: a `Schema.Struct` of
 * primitives, dates, arrays and structs, never a class). Each call has its own registry: only
 * the returned `issue` makes facts that `is` and `schema` admit.
 */
export const make = <A extends object, I, const K extends string>(
  kind: K,
  content: Schema.Schema<A, I>,
  annotations: Annotations<A>
): Kind<A, K> => {
  const identifier = annotations.identifier ?? kind
  const issued = new WeakSet<object>()
  const isContent = Schema.is(content)
  const is = (u: unknown): u is Verified<A, K> => typeof u === "object" && u !== null && issued.has(u) && isContent(u)
  const issue = (value: A): Verified<A, K> => {
    if (value instanceof Date) throw new TypeError(`${identifier}: a fact's content is an object or an array, not a date`)
    const fact = deepFrozenCopy(value, identifier)
    if (typeof fact !== "object" || fact === null) throw new TypeError(`${identifier}: a fact's content is an object`)
    issued.add(fact)
    if (!is(fact)) {
      issued.delete(fact)
      throw new TypeError(`${identifier}: the content read does not satisfy its Schema: ${JSON.stringify(value)}`)
    }
    return fact
  }
  const reader = annotations.reader ?? `${kind}.read`
  const message = refusal(annotations, reader)
  const show = annotations.pretty ?? ((fact: A) => `${kind}(${JSON.stringify(fact)})`)
  const schema = Schema.declare(is, {
    identifier,
    description: annotations.description ?? describe(annotations, reader),
    message: () => message,
    pretty: () => show,
    // Facts are read from the store, never generated: a generator would hold the issuer.
    arbitrary: () => () => {
      throw new TypeError(`${identifier}: facts have no arbitrary, ${message}`)
    }
  })
  return { kind, issue, is, schema }
}
