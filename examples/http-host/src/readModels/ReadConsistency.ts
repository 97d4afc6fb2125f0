/**
 * How fresh a query's answer must be, as its caller asks in the request's headers:
 * - by default, strong: the read model first applies everything stored when the query arrives;
 * - `Read-After-Position: <position>` (the `position` a command answered): it first applies
 *   what the caller wrote, up to that position, and no more (read-your-writes);
 * - `Read-Consistency: eventual`: the read model answers as it stands, at once.
 *
 * `Read-After-Position` wins over `Read-Consistency`. However long the read model is behind, a
 * query waits at most 2 s (`maxWait`). Then a strong query answers from what the read model has;
 * a query after a position fails with a 503 (`ReadModelBehind`) rather than answer without the
 * caller's own write.
 */
import { HttpServerRequest } from "@effect/platform"
import { Duration, Effect, FiberRef, Option, Schema } from "effect"
import { GlobalPosition, type ProjectionRunner } from "@jatim/eventstore"
import { StoreFailure } from "../errors.js"

/** What a query waits for before it reads. */
export type ReadConsistency =
  | { readonly _tag: "Strong" }
  | { readonly _tag: "Eventual" }
  | { readonly _tag: "After"; readonly position: GlobalPosition.GlobalPosition }

/** The headers of a query that choose its consistency, as the OpenAPI document shows them. */
export const ReadConsistencyHeaders = Schema.Struct({
  "read-after-position": Schema.optional(
    GlobalPosition.GlobalPositionFromString.annotations({
      description:
        "Read-your-writes: the `position` a command answered (such as `1234.5678`). The read model first applies everything up to it (no more), waiting at most 2 s; if it has not by then, the answer is a 503 (`ReadModelBehind`), never one without the caller's write."
    })
  ),
  "read-consistency": Schema.optional(
    Schema.Literal("strong", "eventual").annotations({
      description:
        "`strong` (the default): the read model first applies everything stored when the query arrives (waiting at most 2 s). `eventual`: it answers as it stands, at once. `read-after-position` wins over it."
    })
  )
})

const decodeHeaders = Schema.decodeUnknownOption(ReadConsistencyHeaders)

/** The consistency `headers` ask for (strong when they ask for none, or say something else). */
export const fromHeaders = (headers: Readonly<Record<string, string | undefined>>): ReadConsistency =>
  Option.match(decodeHeaders(headers), {
    onNone: () => ({ _tag: "Strong" }),
    onSome: (chosen) =>
      chosen["read-after-position"] !== undefined
        ? { _tag: "After", position: chosen["read-after-position"] }
        : chosen["read-consistency"] === "eventual"
          ? { _tag: "Eventual" }
          : { _tag: "Strong" }
  })

/** The consistency of the queries the current fiber runs: strong unless set. */
export const current: FiberRef.FiberRef<ReadConsistency> = FiberRef.unsafeMake<ReadConsistency>({ _tag: "Strong" })

/** Runs `query` with the consistency the current HTTP request asks for (strong outside a request). */
export const ofRequest = <A, E, R>(query: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(Effect.serviceOption(HttpServerRequest.HttpServerRequest), (request) =>
    Option.isNone(request) ? query : Effect.locally(query, current, fromHeaders(request.value.headers))
  )

/** The longest a query waits for its read model. */
export const maxWait = Duration.seconds(2)

/**
 * Waits, as the current consistency asks and at most `maxWait`, until `runner`'s projection
 * `projection` has applied what the query must see. A strong wait never fails (the query then
 * answers from what the read model has); a wait for a position fails with a `StoreFailure`
 * (`ReadModelBehind`, 503) when the read model has not applied it by then or fails meanwhile.
 */
export const awaitFresh = (runner: ProjectionRunner.ProjectionRunner, projection: string): Effect.Effect<void, StoreFailure> =>
  Effect.flatMap(FiberRef.get(current), (consistency) => {
    switch (consistency._tag) {
      case "Eventual":
        return Effect.void
      case "Strong":
        return runner.awaitCaughtUp(projection).pipe(Effect.timeout(maxWait), Effect.ignore)
      case "After": {
        const behind = (why: string) =>
          new StoreFailure({
            rule: "ReadModelBehind",
            message: `The read model "${projection}" has not applied position ${GlobalPosition.format(consistency.position)} ${why}; try again shortly.`
          })
        return runner.awaitCaughtUp(projection, { upTo: consistency.position }).pipe(
          // Why it stopped names events and streams the caller may not see: it goes to the log only.
          Effect.catchAll((error) =>
            Effect.zipRight(Effect.logWarning(`read model "${projection}" stopped: ${error.message}`), Effect.fail(behind("(it stopped)")))
          ),
          Effect.timeoutFail({ duration: maxWait, onTimeout: () => behind(`within ${Duration.format(maxWait)}`) })
        )
      }
    }
  })
