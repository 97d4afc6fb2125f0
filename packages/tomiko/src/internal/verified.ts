/**
 * Facts this package read from the event store, in a form no caller can write: a command that
 * needs a fact from another stream (which Kopontren makes an OPOP product, whether a founder is
 * a registered primary, what became of an order) carries it as a `Verified` value, which only
 * the package's readers issue. A value built by hand, decoded from a request or copied from a
 * fact is not one, so a command carrying it does not even construct (the command's Schema
 * refuses it), and its type does not compile.
 *
 * A fact is as true as the store it was read from: whoever provides the `EventStore` decides
 * what a reading finds. The guarantee is that no request data becomes a fact on its way to a
 * decider.
 */
import { Arbitrary, Schema } from "effect"

/** The brand of verified facts (a type only: nothing at runtime carries it). */
export declare const VerifiedTypeId: unique symbol

/** A fact of kind `Kind` this package read from the store. */
export type Verified<A, Kind extends string> = A & { readonly [VerifiedTypeId]: Kind }

/** The kind of every fact issued, by the (frozen) fact itself. */
const issued = new WeakMap<object, string>()

/**
 * Issues `value` as a fact of kind `kind`: for this package's readers only (and generated facts
 * in property tests, which stand for facts read from a store holding such events).
 */
export const issue = <A extends object, Kind extends string>(kind: Kind, value: A): Verified<A, Kind> => {
  const fact = Object.freeze({ ...value })
  issued.set(fact, kind)
  // The brand is a type only; `issued` is what makes the fact one at runtime.
  return fact as Verified<A, Kind>
}

/** Whether `u` is a fact of kind `kind` this package issued. */
export const isVerified = (kind: string, u: unknown): boolean =>
  typeof u === "object" && u !== null && issued.get(u) === kind

/**
 * The Schema of facts of kind `kind` whose content is `content`: it admits only issued facts
 * (a plain object with the same fields is refused); it encodes to the fact itself (its content).
 */
export const schema = <A extends object, I, Kind extends string>(
  kind: Kind,
  content: Schema.Schema<A, I>,
  annotations: { readonly identifier: string; readonly description: string }
): Schema.Schema<Verified<A, Kind>> => {
  const is = Schema.is(content)
  const contentArbitrary = Arbitrary.makeLazy(content)
  // Generated facts, for property tests: as if read from a store holding such events.
  const arbitrary = (): Arbitrary.LazyArbitrary<Verified<A, Kind>> => (fc) =>
    contentArbitrary(fc).map((value) => issue(kind, value))
  return Schema.declare(
    (u: unknown): u is Verified<A, Kind> => isVerified(kind, u) && is(u),
    {
      ...annotations,
      arbitrary,
      pretty: () => (fact) => `${kind}(${JSON.stringify(fact)})`
    }
  )
}
