/**
 * How fresh a query's answer must be, as its caller asks in the request's headers:
 * - by default, strong: the read model first applies everything stored when the query arrives;
 * - `Read-After-Position: <position>` (the `position` a command answered): it first applies
 *   what the caller wrote, up to that position, and no more (read-your-writes);
 * - `Read-Consistency: eventual`: the read model answers as it stands, at once.
 *
 * `Read-After-Position` wins over `Read-Consistency`. However long the read model is behind, a
 * query waits at most 2 s (`maxWait`), then answers from what it has.
 */
import { HttpServerRequest } from "@effect/platform"
import { Duration, Effect, FiberRef, Option, Schema } from "effect"
import { GlobalPosition, type ProjectionRunner } from "@jatim/eventstore"

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
        "Read-your-writes: the `position` a command answered (such as `1234.5678`). The read model first applies everything up to it (no more), waiting at most 2 s."
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
 * `projection` has applied what the query must see; never fails (a query then answers from what
 * the read model has).
 */
export const awaitFresh = (runner: ProjectionRunner.ProjectionRunner, projection: string): Effect.Effect<void> =>
  Effect.flatMap(FiberRef.get(current), (consistency) =>
    consistency._tag === "Eventual"
      ? Effect.void
      : runner
          .awaitCaughtUp(projection, consistency._tag === "After" ? { upTo: consistency.position } : {})
          .pipe(Effect.timeout(maxWait), Effect.ignore)
  )
