/**
 * What every group of the API shares: the shape of a command group and of a query group, command
 * payloads derived from the domain's own command Schemas (without `actor`, which comes from the
 * token), the command headers and result, command endpoints and running them (idempotency,
 * `If-Match`, error mapping), the options of a command issued by the request's actor, answering
 * what the request's viewer may see of a view or of an aggregate's summary (or 404), query
 * endpoints described by their program's docs, and the OpenAPI notes of query groups (whose
 * token is optional).
 */
import { HttpApiEndpoint, type HttpApiGroup, type HttpServerResponse, OpenApi } from "@effect/platform"
import { Context, Effect, Layer, Option, Schema, Struct } from "effect"
import {
  CommandHandler,
  type EventCodec,
  type EventStore,
  ExpectedVersion,
  GlobalPosition,
  StreamTurns,
  TypedEventStore
} from "@jatim/eventstore"
import { Actor, type Visibility } from "@jatim/kernel"
import { Authentication, CurrentActor, CurrentViewer, OptionalAuthentication } from "../auth.js"
import {
  type CommandError,
  Conflict,
  Forbidden,
  IdempotencyKeyReused,
  IdempotentRequestInProgress,
  InvalidInput,
  NotFound,
  RuleViolated,
  StoreFailure,
  toHttpError
} from "../errors.js"
import { Idempotency } from "../idempotency/Idempotency.js"
import { JsonBody } from "../jsonBody.js"
import { ReadConsistencyHeaders } from "../readModels/ReadConsistency.js"
import { query, type ReadModels, type Query } from "../readModels/ReadModels.js"
import { noteFailure } from "../requestLog.js"
import {
  annotations,
  type CommandDoc,
  commandGroupDescription,
  type OperationDoc,
  type ProgramDoc,
  withParameterExamples,
  withRequestExample
} from "./docs.js"

/** The payload of a domain command over HTTP: its fields without `_tag` and `actor`. */
export const payloadOf = <F extends Schema.Struct.Fields>(command: { readonly fields: F }) =>
  Schema.Struct(Struct.omit(command.fields, "_tag", "actor") as Omit<F, "_tag" | "actor">).annotations({
    // Report every bad field (path and message), not only the first.
    parseOptions: { errors: "all" }
  })

/** The JSON form of a command's payload (`payloadOf`): what a request body holds. */
export type PayloadJson<F extends Schema.Struct.Fields> = Schema.Struct.Encoded<Omit<F, "_tag" | "actor">>

/** Headers of command endpoints. */
export const CommandHeaders = Schema.Struct({
  /** Repeat a request safely: the first response to a key is returned again. */
  "idempotency-key": Schema.optional(
    Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)).annotations({
      description: "repeat a request safely: the first response to a key (1 to 200 characters) is returned again"
    })
  ),
  /** The stream version the caller saw: the command fails with 409 if the stream moved on. */
  "if-match": Schema.optional(
    Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()).annotations({
      description: "the stream version the caller saw last: the command answers 409 if the stream moved on"
    })
  )
})
export type CommandHeaders = typeof CommandHeaders.Type

/** What a command returns: the stream's new version, the last event's position, the new events. */
export const CommandResult = <A, I>(events: Schema.Schema<A, I>) =>
  Schema.Struct({
    version: Schema.Int,
    position: Schema.NullOr(Schema.String),
    events: Schema.Array(events)
  })

/** The Schema of what a command whose events `events` decodes returns (`CommandResult`). */
export type CommandResultSchema<A, I> = ReturnType<typeof CommandResult<A, I>>

/** What a command returns (`CommandResult`), its events of type `Event`. */
export type CommandResultOf<Event> = CommandResultSchema<Event, unknown>["Type"]

/** A command handler's result as a command endpoint answers it (`CommandResult`). */
export const commandResultOf = <Event>(result: CommandHandler.HandleResult<Event, unknown>): CommandResultOf<Event> => ({
  version: result.nextExpectedVersion,
  position: result.lastPosition === undefined ? null : GlobalPosition.format(result.lastPosition),
  events: result.newEvents
})

/**
 * A POST endpoint run with `runAction`: payload derived from `command`'s fields, the command
 * headers, `success` as result (a command table's rows answer their `CommandResult`, an action
 * such as TOMIKO's acceptance saga its own), every error a command may answer with, and `doc`'s
 * summary, description and example request body.
 */
export const actionEndpoint = <const Name extends string, F extends Schema.Struct.Fields, A, I>(
  name: Name,
  path: `/${string}`,
  command: { readonly fields: F },
  success: Schema.Schema<A, I>,
  doc: CommandDoc<PayloadJson<F>>
) =>
  HttpApiEndpoint.post(name, path)
    .setPayload(payloadOf(command))
    .setHeaders(CommandHeaders)
    .addSuccess(success)
    .addError(IdempotencyKeyReused)
    .addError(IdempotentRequestInProgress)
    .addError(Forbidden)
    .addError(NotFound)
    .addError(Conflict)
    .addError(RuleViolated)
    .addError(InvalidInput)
    .addError(StoreFailure)
    .annotateContext(annotations(doc))
    .annotate(OpenApi.Transform, (operation) => withRequestExample(operation, doc.example))

/** The options of a command besides its actor: expected version, correlation and causation ids. */
export type CommandOptions = CommandHandler.CommandOptions

/** The options of a command issued by `actor`: its reference goes into the events' metadata. */
export const handleOptions = (actor: Actor.Actor, rest: CommandOptions = {}): CommandHandler.HandleOptions =>
  CommandHandler.withActor(Actor.toActorRef(actor), rest)

/**
 * How the command handlers of a request retry an append that conflicts when the request has no
 * `If-Match` (with one, the conflict is the answer: 409): 25 attempts in all, waiting a random
 * time under 10 ms, 20 ms, 40 ms, … doubling up to 2 s between them (at most 34.6 s in all,
 * 17 s on average): enough for hundreds of concurrent commands on one stream to land (adr/0066,
 * `test/contention.int.spec.ts`); the library's default is shorter, for commands that run in a
 * transaction.
 */
export const commandRetryPolicy: CommandHandler.RetryPolicyShape = {
  maxAttempts: 25,
  baseDelay: "10 millis",
  maxDelay: "2 seconds"
}

/**
 * The turns on streams that this host's requests take: commands of concurrent requests on one
 * stream run one after the other in this process instead of conflicting (`StreamTurns`); only
 * commands of other instances can still conflict, and `commandRetryPolicy` retries those.
 * Process managers take no turns: their commands run in transactions (adr/0066).
 */
export class RequestTurns extends Context.Tag("http-host/RequestTurns")<RequestTurns, StreamTurns.Turns>() {
  /** One set of turns for the process. */
  static readonly layer = Layer.effect(RequestTurns, StreamTurns.make)
}

/**
 * Runs an action for the request's actor, once per `Idempotency-Key` (a repeated key gets the
 * first outcome back), its typed failures mapped to HTTP errors. `run` gets the actor and the
 * request's options (`If-Match` as the expected version, the key as correlation id), to pass on
 * to a command handler or not; its command handlers retry conflicts by `commandRetryPolicy`.
 */
export const runAction = <A, E extends { readonly _tag: string; readonly message: string }, R>(
  endpoint: string,
  request: { readonly payload: unknown; readonly headers: CommandHeaders },
  run: (actor: Actor.Actor, options: CommandOptions) => Effect.Effect<A, E, R>
): Effect.Effect<
  | A
  // A repeated Idempotency-Key: the first response, replayed.
  | HttpServerResponse.HttpServerResponse,
  CommandError | IdempotencyKeyReused | IdempotentRequestInProgress,
  R | CurrentActor | Idempotency | RequestTurns
> =>
  Effect.gen(function* () {
    const actor = yield* CurrentActor
    const turns = yield* RequestTurns
    const idempotency = yield* Idempotency
    const expected = request.headers["if-match"]
    const key = request.headers["idempotency-key"]
    return yield* idempotency.run(
      { key, actor, endpoint, body: request.payload },
      run(actor, {
        expectedVersion: expected === undefined ? undefined : ExpectedVersion.exact(expected),
        correlationId: key
      }).pipe(
        Effect.provideService(CommandHandler.RetryPolicy, commandRetryPolicy),
        Effect.provideService(StreamTurns.StreamTurns, turns),
        // The request's log line shows a 5xx with the store's own error, before it is mapped.
        Effect.tapErrorCause(noteFailure),
        Effect.mapError(toHttpError)
      )
    )
  })

/**
 * What the request's viewer (its token's actor, or anonymous) may see of `view` under the
 * domain's `policy`, or 404 `NotFound` (`notFound`) when there is no such view (`undefined`) or
 * the viewer may not see it — the same answer, so existence stays private.
 */
export const visibleOrNotFound = <View, Visible>(
  policy: Visibility.ReadPolicy<View, Visible>,
  view: View | undefined,
  notFound: NotFoundRule
): Effect.Effect<Visible, NotFound, CurrentViewer> =>
  Effect.flatMap(CurrentViewer, (viewer) =>
    Option.match(view === undefined ? Option.none() : policy(viewer, view), {
      onNone: () => Effect.fail(new NotFound(notFound)),
      onSome: Effect.succeed
    })
  )

/**
 * The view a read model answers (`pick` chooses the query) as the request's viewer may see it:
 * 404 `notFound` when there is none or the viewer may not see it (see `visibleOrNotFound`).
 */
export const queryVisibleOrNotFound = <View, Visible>(
  policy: Visibility.ReadPolicy<View, Visible>,
  pick: (models: ReadModels) => Query<View | undefined>,
  notFound: NotFoundRule
): Effect.Effect<Visible, NotFound | StoreFailure, ReadModels | CurrentViewer> =>
  Effect.flatMap(query(pick), (view) => visibleOrNotFound(policy, view, notFound))

/** The items of a list that the request's viewer may see, as `policy` shows them to it. */
export const visibleItems = <View, Visible>(
  policy: Visibility.ReadPolicy<View, Visible>,
  items: ReadonlyArray<View>
): Effect.Effect<ReadonlyArray<Visible>, never, CurrentViewer> =>
  Effect.map(CurrentViewer, (viewer) => items.flatMap((item) => Option.toArray(policy(viewer, item))))

/** What a 404 says: the rule (the domain error it stands for) and the message. */
export interface NotFoundRule {
  readonly rule: string
  readonly message: string
}

/** An aggregate module of a domain as a query reads it: its stream, how to fold it, its summary and who may see it. */
export interface SummarizedAggregate<Id, Event extends { readonly _tag: string }, State, Summary, Visible> {
  readonly codec: EventCodec.EventCodec<Event>
  readonly decider: { readonly initialState: State; readonly evolve: (state: State, event: Event) => State }
  readonly streamName: (id: Id) => string
  readonly summary: (state: State) => Option.Option<Summary>
  readonly visibleTo: Visibility.ReadPolicy<Summary, Visible>
}

/**
 * The summary of aggregate `id` (e.g. `Course` and a course id), folded from its stream now, as
 * the request's viewer may see it: 404 `NotFound` (`notFound`) when there is no such aggregate or
 * the viewer may not see it (the same answer, see `visibleOrNotFound`), 503 `StoreFailure` when
 * the store fails.
 */
export const visibleSummaryOrNotFound = <Id, Event extends { readonly _tag: string }, State, Summary, Visible>(
  aggregate: SummarizedAggregate<Id, Event, State, Summary, Visible>,
  id: Id,
  notFound: NotFoundRule
): Effect.Effect<Visible, NotFound | StoreFailure, EventStore.EventStore | CurrentViewer> =>
  Effect.gen(function* () {
    const store = yield* TypedEventStore.make(aggregate.codec)
    const { state } = yield* store
      .aggregateStream(aggregate.streamName(id), aggregate.decider)
      .pipe(Effect.mapError((error) => new StoreFailure({ rule: error._tag, message: error.message })))
    return yield* visibleOrNotFound(aggregate.visibleTo, Option.getOrUndefined(aggregate.summary(state)), notFound)
  })

/**
 * The OpenAPI security of a query (`OpenApi.Transform` of every endpoint of a query group): the
 * bearer token is optional — no requirement (`{}`) or the bearer scheme.
 */
export const optionalBearer = (operation: Record<string, unknown>): Record<string, unknown> => ({
  ...operation,
  security: [{}, { bearer: [] }]
})

/**
 * What both groups of a program end with, after their endpoints: 404 and 503 errors, every
 * endpoint under the program's prefix, and the group's `description`. `commandGroup` and
 * `queryGroup` add their middlewares after it.
 */
const programGroup =
  (program: ProgramDoc, description: string) =>
  <Id extends string, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, Error, R>(
    group: HttpApiGroup.HttpApiGroup<Id, Endpoints, Error, R>
  ) =>
    group.addError(NotFound).addError(StoreFailure).prefix(program.prefix).annotate(OpenApi.Description, description)

/**
 * A program's command group, after its endpoints (see `programGroup`): 404 and 503 errors, every
 * endpoint under the program's prefix, the group described as the program's commands
 * (`commandGroupDescription`, with what they are about in the program's terms), the JSON body
 * checks (`JsonBody`) and the bearer token (`Authentication`).
 */
export const commandGroup =
  (program: ProgramDoc) =>
  <Id extends string, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, Error, R>(
    group: HttpApiGroup.HttpApiGroup<Id, Endpoints, Error, R>
  ) =>
    group
      .pipe(programGroup(program, commandGroupDescription(program.name, program.meaning)))
      // Listed before Authentication so that it runs after it (a 401 comes before a body's 400 or 415).
      .middleware(JsonBody)
      .middleware(Authentication)

/**
 * The query endpoints of a program whose queries `docs` describes (each by its endpoint's name):
 * `query(endpoint, success)` is `endpoint` (a GET with its path and URL parameters) answering
 * `success`, with the summary and description of its entry in `docs`, and the headers that choose
 * how fresh its answer must be (`ReadConsistencyHeaders`).
 */
export const queryEndpoints =
  <Names extends string>(docs: { readonly [Name in Names]: OperationDoc }) =>
  <Name extends Names, Path, UrlParams, Payload, Error, R, RE, S extends Schema.Schema.Any>(
    endpoint: HttpApiEndpoint.HttpApiEndpoint<Name, "GET", Path, UrlParams, Payload, never, void, Error, R, RE>,
    success: S
  ): HttpApiEndpoint.HttpApiEndpoint<
    Name,
    "GET",
    Path,
    UrlParams,
    Payload,
    typeof ReadConsistencyHeaders.Type,
    Schema.Schema.Type<S>,
    Error,
    R | Schema.Schema.Context<S>,
    RE
  > =>
    endpoint.setHeaders(ReadConsistencyHeaders).addSuccess(success).annotateContext(annotations(docs[endpoint.name]))

/**
 * A program's query group, after its endpoints (see `queryEndpoints`): examples of its
 * parameters (`withParameterExamples`), 404 and 503 errors (a read model's store failing), every
 * endpoint under the program's prefix, the group described as the program's queries
 * (`queryGroupDescription`), and a bearer token optional (`optionalBearer`,
 * `OptionalAuthentication`).
 */
export const queryGroup =
  (program: ProgramDoc) =>
  <Id extends string, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, Error, R>(
    group: HttpApiGroup.HttpApiGroup<Id, Endpoints, Error, R>
  ) =>
    group
      .annotateEndpoints(OpenApi.Transform, (operation) => withParameterExamples(optionalBearer(operation)))
      .pipe(programGroup(program, queryGroupDescription(program.name)))
      .middleware(OptionalAuthentication)

/** What the OpenAPI document says of a query group: who may call its queries without a token. */
export const queryGroupDescription = (program: string): string =>
  `${program} queries. The bearer token is optional: without an Authorization header a query answers anonymously ` +
  "(the public views only: what a stranger of every party sees); a token that is sent must be valid (else 401 with the reason). " +
  "Each query says whether it works without a token, and what each role sees of it under the program's read policy."
