/**
 * What TOMIKO's process managers on orders share (`CreditProcess`, `StockProcess`): a process
 * manager on the order streams, a cooperative's admin acting for the process on the event that
 * caused it, and refusals that are logged and tolerated rather than stopping the process
 * (adr/0044). Package-internal.
 */
import { Effect, Predicate } from "effect"
import { type Event, ProcessManager, type Projection } from "@jatim/eventstore"
import { Actor, type Identifier } from "@jatim/kernel"
import * as Order from "../Order.js"
import type { OrderEvent } from "../OrderEvent.js"

/** The process manager `name` (its checkpoint) that reacts to each order event with `handle`. */
export const onOrderEvents = <R>(
  name: string,
  handle: (event: Event.RecordedEvent<OrderEvent>) => Effect.Effect<void, unknown, R>
): Projection.Projection<R> => ProcessManager.make({ name, codec: Order.codec, categories: [Order.category], handle })

/**
 * The admin of the cooperative `nik` acting for a process on the event `cause`: the actor, and the
 * options of its commands (the event as their cause, deduplicated).
 */
export const adminActingOn = (cause: Event.RecordedEvent<unknown>, nik: Identifier.NikKoperasi) => {
  const actor = Actor.KoperasiAdmin.make({ nik })
  return { actor, options: ProcessManager.commandOptions(cause, Actor.toActorRef(actor)) }
}

/** A domain refusal tagged `Tag`, with its message. */
interface Refusal<Tag extends string> {
  readonly _tag: Tag
  readonly message: string
}

/**
 * `step`, with the refusals tagged `tags` (deterministic: retrying would only stop the process)
 * logged as `describe` tells them and tolerated; any other failure (a store's) still fails it.
 */
export const tolerating =
  <const Tag extends string>(tags: ReadonlyArray<Tag>, describe: (refusal: Refusal<Tag>) => string) =>
  <A, E, R>(step: Effect.Effect<A, E, R>): Effect.Effect<void, Exclude<E, Extract<E, Refusal<Tag>>>, R> =>
    step.pipe(
      Effect.asVoid,
      Effect.catchIf(
        (error): error is Extract<E, Refusal<Tag>> => tags.some((tag) => Predicate.isTagged(error, tag)),
        (refusal) => Effect.logWarning(describe(refusal))
      )
    )
