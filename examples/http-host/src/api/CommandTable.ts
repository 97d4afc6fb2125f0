/**
 * A program's command endpoints as one table: one row per endpoint, keyed by the endpoint's name,
 * with its path, its command's Schema (the payload: its fields without `_tag` and `actor`), the
 * events it answers and how it runs. From the same table `addEndpoints` declares the endpoints
 * (`actionEndpoint`, answering the `CommandResult`) and `handle` implements them (`runAction`),
 * so an endpoint's name is written once and its declaration and its handler never disagree.
 *
 * Rows are made per aggregate (`aggregate`): `command` builds the domain's command class from
 * the payload and the actor and hands it to the program's `Commands.<aggregate>`; `request`
 * passes the payload and the actor to a function of its own (a `Commands` function that reads
 * other streams first, or a request the host shapes).
 */
import { type HttpApiBuilder, type HttpApiEndpoint, HttpApiGroup, type HttpServerResponse } from "@effect/platform"
import { Effect, type Schema } from "effect"
import type { CommandHandler } from "@jatim/eventstore"
import type { Actor } from "@jatim/kernel"
import type { CurrentActor } from "../auth.js"
import type { CommandError, IdempotencyKeyReused, IdempotentRequestInProgress } from "../errors.js"
import type { Idempotency } from "../idempotency/Idempotency.js"
import {
  actionEndpoint,
  type CommandHeaders,
  type CommandOptions,
  CommandResult,
  type CommandResultOf,
  type CommandResultSchema,
  commandResultOf,
  type PayloadJson,
  type RequestTurns,
  runAction
} from "./common.js"
import type { CommandDoc } from "./docs.js"

/** The payload of a command endpoint whose command has `fields`: the fields without `_tag` and `actor`. */
export type Payload<F extends Schema.Struct.Fields> = Schema.Struct.Type<Omit<F, "_tag" | "actor">>

/** What a row's command is made of: the request's payload and the actor of its token. */
export type CommandInput<F extends Schema.Struct.Fields> = Payload<F> & { readonly actor: Actor.Actor }

/** How a row runs: its command handled for the request, with the request's options. */
export type Run<F extends Schema.Struct.Fields, Event, E, R> = (
  input: CommandInput<F>,
  options: CommandOptions
) => Effect.Effect<CommandHandler.HandleResult<Event, unknown>, E, R>

/** One command endpoint (its name is the row's key in its table). */
export interface Row<F extends Schema.Struct.Fields, Event, EventEncoded, E, R> {
  /** The endpoint's path, under its group's prefix. */
  readonly path: `/${string}`
  /** The command's Schema: the payload is its fields without `_tag` and `actor`. */
  readonly command: { readonly fields: F }
  /** The Schema of the events the command answers. */
  readonly events: Schema.Schema<Event, EventEncoded>
  /** Runs the command for the request's actor. */
  readonly run: Run<F, Event, E, R>
}

/** What a row may fail with: an error with a `_tag` and a `message`, as every domain's and the store's are (see `toHttpError`). */
export interface RowError {
  readonly _tag: string
  readonly message: string
}

/** Any row: what a table holds. */
export interface AnyRow {
  readonly path: `/${string}`
  readonly command: { readonly fields: Schema.Struct.Fields }
  readonly events: Schema.Schema.AnyNoContext
  readonly run: (input: never, options: CommandOptions) => Effect.Effect<CommandHandler.HandleResult<unknown, unknown>, RowError, unknown>
}

/** A table of command endpoints: each row under its endpoint's name. */
export type Table = { readonly [name: string]: AnyRow }

/** The endpoint `addEndpoints` declares for the row `Name` of a table. */
export type EndpointOf<Name extends string, R> =
  R extends Row<infer F, infer Event, infer EventEncoded, infer _E, infer _R>
    ? ReturnType<
        typeof actionEndpoint<
          Name,
          F,
          CommandResultSchema<Event, EventEncoded>["Type"],
          CommandResultSchema<Event, EventEncoded>["Encoded"]
        >
      >
    : never

/** Every endpoint of a table. */
export type Endpoints<T extends Table> = { readonly [Name in keyof T & string]: EndpointOf<Name, T[Name]> }[keyof T & string]

/** What the rows of a table need to run (the event store, as a rule). */
export type Requirements<T extends Table> = {
  readonly [Name in keyof T]: T[Name] extends Row<infer _F, infer _Event, infer _EventEncoded, infer _E, infer R> ? R : never
}[keyof T]

/** What the handlers of a table need besides its rows' requirements (see `runAction`). */
export type HandlerRequirements = CurrentActor | Idempotency | RequestTurns

/** The rows of one aggregate: they answer its `events`, and `command` hands its commands to `handle`. */
export interface Aggregate<Command, Event, EventEncoded, E, R> {
  /**
   * The row of command `Command`, built from the payload and the actor and handled by the
   * aggregate's `handle` (the program's `Commands.<aggregate>`), at `path`.
   */
  readonly command: <F extends Schema.Struct.Fields>(
    path: `/${string}`,
    Command: { readonly fields: F; new (input: CommandInput<F>): Command }
  ) => Row<F, Event, EventEncoded, E, R>
  /**
   * The row of a request whose payload is `request`'s fields (without `_tag` and `actor`): `run`
   * gets the payload with the actor, and the request's options.
   */
  readonly request: <F extends Schema.Struct.Fields, E2, R2>(
    path: `/${string}`,
    request: { readonly fields: F },
    run: Run<F, Event, E2, R2>
  ) => Row<F, Event, EventEncoded, E2, R2>
}

/** The rows of the aggregate whose commands `handle` handles and which answers `events`. */
export const aggregate = <Command, Event, EventEncoded, E, R>(
  events: Schema.Schema<Event, EventEncoded>,
  handle: (command: Command, options: CommandOptions) => Effect.Effect<CommandHandler.HandleResult<Event, unknown>, E, R>
): Aggregate<Command, Event, EventEncoded, E, R> => ({
  command: (path, Command) => ({ path, command: Command, events, run: (input, options) => handle(new Command(input), options) }),
  request: (path, request, run) => ({ path, command: request, events, run })
})

/**
 * What the OpenAPI document says of each row of a table (by the row's name): its summary, who may
 * call it, what it means, and an example request body in the JSON form of the row's payload.
 */
export type Docs<T extends Table> = {
  readonly [Name in keyof T]: CommandDoc<PayloadJson<T[Name]["command"]["fields"]>>
}

/**
 * Adds an endpoint per row of `table` to a group (`actionEndpoint`: POST at the row's path, the
 * payload derived from its command, the `CommandResult` of its events as result, every error of a
 * command, described by the row's entry in `docs`), in the table's order.
 */
export const addEndpoints =
  <T extends Table>(table: T, docs: Docs<T>) =>
  <Id extends string, E extends HttpApiEndpoint.HttpApiEndpoint.Any, Error, R, TopLevel extends boolean>(
    group: HttpApiGroup.HttpApiGroup<Id, E, Error, R, TopLevel>
  ): HttpApiGroup.HttpApiGroup<Id, E | Endpoints<T>, Error, R, TopLevel> => {
    // `HttpApiGroup.add` adds one endpoint to the type at a time, which a loop over a record's
    // keys cannot follow; each endpoint is `actionEndpoint`'s for its row, so the group has
    // exactly `E | Endpoints<T>` (`test/commandTable.unit.spec.ts` checks it).
    type Untyped = { readonly add: (endpoint: HttpApiEndpoint.HttpApiEndpoint.Any) => Untyped }
    let result = group as unknown as Untyped
    const docOf = (name: keyof T): CommandDoc<PayloadJson<Schema.Struct.Fields>> => docs[name]
    for (const [name, row] of Object.entries(table))
      result = result.add(actionEndpoint(name, row.path, row.command, CommandResult(row.events), docOf(name)))
    return result as unknown as HttpApiGroup.HttpApiGroup<Id, E | Endpoints<T>, Error, R, TopLevel>
  }

/**
 * The group `id` with an endpoint per row of `table` (`addEndpoints`): a program's command group,
 * before the endpoints of its own (TOMIKO's acceptance saga) and `commandGroup`.
 */
export const group = <const Id extends string, T extends Table>(id: Id, table: T, docs: Docs<T>) =>
  HttpApiGroup.make(id).pipe(addEndpoints(table, docs))

/** The request of a row's endpoint, as its handler gets it. */
interface RowRequest<F extends Schema.Struct.Fields> {
  readonly payload: Payload<F>
  readonly headers: CommandHeaders
}

/** The handler of the row `name`: runs it for the request's actor (`runAction`) and answers its `CommandResult`. */
const handlerOf =
  <F extends Schema.Struct.Fields, Event, EventEncoded, E extends RowError, R>(name: string, row: Row<F, Event, EventEncoded, E, R>) =>
  (
    request: RowRequest<F>
  ): Effect.Effect<
    CommandResultOf<Event> | HttpServerResponse.HttpServerResponse,
    CommandError | IdempotencyKeyReused | IdempotentRequestInProgress,
    R | HandlerRequirements
  > =>
    // `{ ...payload, actor }`, which TypeScript does not spread for a payload of generic fields.
    runAction(name, request, (actor, options) =>
      Effect.map(row.run(Object.assign({}, request.payload, { actor }), options), commandResultOf)
    )

/** A row of a table as `handlerOf` takes it (its input the payload its endpoint decodes, with the actor). */
type HandledRow = Row<Schema.Struct.Fields, unknown, unknown, RowError, unknown>

/**
 * Implements every endpoint of `table` in a group's handlers: each runs its row for the request's
 * actor (`runAction`: idempotency, `If-Match`, errors mapped to HTTP) and answers the stream's
 * new version, the last event's position and the new events. The group must have been declared
 * with `addEndpoints(table)`.
 */
export const handle =
  <T extends Table>(table: T) =>
  <HE, Provides, R, E extends HttpApiEndpoint.HttpApiEndpoint.Any>(
    handlers: HttpApiBuilder.Handlers<HE, Provides, R, E | Endpoints<T>>
  ): HttpApiBuilder.Handlers<
    HE,
    Provides,
    R | Exclude<Requirements<T> | HandlerRequirements, Provides>,
    HttpApiEndpoint.HttpApiEndpoint.ExcludeName<E, keyof T & string>
  > => {
    // `Handlers.handle` removes one endpoint from the type at a time, which a loop over a
    // record's keys cannot follow. Each handler is typed against its row by `handlerOf`: it
    // takes the payload the row's endpoint decodes and answers its `CommandResult` or one of
    // its errors, so what is left is the group's other endpoints
    // (`test/commandTable.unit.spec.ts` runs a table's handlers).
    type Untyped = {
      readonly handle: (
        name: string,
        handler: (request: RowRequest<Schema.Struct.Fields>) => Effect.Effect<unknown, unknown, unknown>
      ) => Untyped
    }
    let result = handlers as unknown as Untyped
    for (const [name, row] of Object.entries(table)) result = result.handle(name, handlerOf(name, row as unknown as HandledRow))
    return result as unknown as HttpApiBuilder.Handlers<
      HE,
      Provides,
      R | Exclude<Requirements<T> | HandlerRequirements, Provides>,
      HttpApiEndpoint.HttpApiEndpoint.ExcludeName<E, keyof T & string>
    >
  }
