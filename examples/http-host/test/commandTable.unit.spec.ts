/**
 * The command tables (`src/api/CommandTable.ts`): every row of each program's table is an endpoint
 * of its group in the `Api` (POST at the group's prefix and the row's path, the command's fields
 * without `_tag` and `actor` as payload), and a table's handlers run each row for the request's
 * actor and options and answer its result or its error, served by the platform as a web handler.
 */
import {
  HttpApi,
  HttpApiBuilder,
  type HttpApiEndpoint,
  HttpApiGroup,
  HttpApiMiddleware,
  type HttpMethod,
  HttpServer
} from "@effect/platform"
import { Effect, Layer, Option, Schema, SchemaAST } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { GlobalPosition } from "@jatim/eventstore"
import { Actor, ErrorCategory } from "@jatim/kernel"
import { Api } from "../src/api/Api.js"
import * as CommandTable from "../src/api/CommandTable.js"
import { type CommandOptions, RequestTurns } from "../src/api/common.js"
import { jatimIsoCommands } from "../src/api/jatim-iso/commands.js"
import { opopCommands } from "../src/api/opop/commands.js"
import { sijawaraCommands } from "../src/api/sijawara/commands.js"
import { tomikoCommands } from "../src/api/tomiko/commands.js"
import { CurrentActor } from "../src/auth.js"
import * as InMemoryIdempotency from "../src/idempotency/InMemoryIdempotency.js"

/** The endpoints of each group of the `Api`, by name, in the order of the group. */
const endpointsByGroup = new Map<string, Map<string, HttpApiEndpoint.HttpApiEndpoint<string, HttpMethod.HttpMethod>>>()
HttpApi.reflect(Api, {
  onGroup: ({ group }) => endpointsByGroup.set(group.identifier, new Map()),
  onEndpoint: ({ group, endpoint }) => endpointsByGroup.get(group.identifier)?.set(endpoint.name, endpoint)
})

describe.each([
  { group: "opop", prefix: "/opop", table: opopCommands, others: [] },
  { group: "sijawara", prefix: "/sijawara", table: sijawaraCommands, others: [] },
  { group: "jatimIso", prefix: "/jatim-iso", table: jatimIsoCommands, others: [] },
  { group: "tomiko", prefix: "/tomiko", table: tomikoCommands, others: ["acceptOrder"] }
] as const)("the $group command table", ({ group, prefix, table, others }) => {
  const endpoints = endpointsByGroup.get(group)!
  const rows: ReadonlyArray<[string, CommandTable.AnyRow]> = Object.entries(table)

  it("declares every endpoint of its group but the hand-written ones, in the table's order", () => {
    expect([...endpoints.keys()].filter((name) => !others.includes(name as never))).toEqual(rows.map(([name]) => name))
  })

  it.each(rows)("%s: POST at the row's path, the command's fields without _tag and actor as payload", (name, row) => {
    const endpoint = endpoints.get(name)!
    expect(endpoint.method).toBe("POST")
    expect(endpoint.path).toBe(`${prefix}${row.path}`)
    const payload = Option.getOrThrow(Option.map(endpoint.payloadSchema, (schema) => schema.ast))
    expect(SchemaAST.isTypeLiteral(payload) ? payload.propertySignatures.map((p) => p.name) : payload._tag).toEqual(
      Object.keys(row.command.fields).filter((field) => field !== "_tag" && field !== "actor")
    )
  })
})

/** A command of the test aggregate. */
class Probe extends Schema.TaggedClass<Probe>()("Probe", {
  actor: Actor.Actor,
  id: Schema.String,
  note: Schema.optional(Schema.String)
}) {}

/** The test aggregate's event. */
const Probed = Schema.Struct({ _tag: Schema.Literal("Probed"), id: Schema.String })

/** A domain refusal of category `RuleViolated`. */
class ProbeRefused extends Schema.TaggedError<ProbeRefused>()(
  "ProbeRefused",
  { id: Schema.String, message: Schema.String },
  ErrorCategory.ruleViolated
) {}

/** What the test aggregate's handler was given. */
const handled: Array<{ readonly command: Probe; readonly options: CommandOptions }> = []

const probe = CommandTable.aggregate(Probed, (command: Probe, options: CommandOptions) =>
  Effect.sync(() => {
    handled.push({ command, options })
    return {
      newEvents: [{ _tag: "Probed" as const, id: command.id }],
      nextExpectedVersion: 3,
      newState: undefined,
      lastPosition: GlobalPosition.make(7, 42),
      alreadyApplied: false
    }
  })
)

const probeCommands = {
  probe: probe.command("/probe", Probe),
  refuse: probe.request("/refuse", Schema.Struct({ id: Schema.String }), ({ id }) =>
    Effect.fail(new ProbeRefused({ id, message: `No probe ${id}.` }))
  )
}

/** What the OpenAPI document says of the test table's endpoints. */
const probeDocs: CommandTable.Docs<typeof probeCommands> = {
  probe: { summary: "Probe", who: "`DINAS_OFFICER`.", what: "Probes.", example: { id: "p-1", note: "first" } },
  refuse: { summary: "Refuse", who: "`DINAS_OFFICER`.", what: "Is refused.", example: { id: "p-2" } }
}

const actor: Actor.Actor = Actor.DinasOfficer.make({ officerId: "DINAS-001" })

/** The actor of every request (what `Authentication` provides from a token). */
class TestActor extends HttpApiMiddleware.Tag<TestActor>()("TestActor", { provides: CurrentActor }) {}

class ProbeApi extends HttpApi.make("probe").add(
  HttpApiGroup.make("probes").pipe(CommandTable.addEndpoints(probeCommands, probeDocs)).middleware(TestActor).prefix("/probes")
) {}

const ProbesLive = HttpApiBuilder.group(ProbeApi, "probes", (handlers) => handlers.pipe(CommandTable.handle(probeCommands)))

const { handler, dispose } = HttpApiBuilder.toWebHandler(
  Layer.mergeAll(
    HttpApiBuilder.api(ProbeApi).pipe(
      Layer.provide(ProbesLive),
      Layer.provide([Layer.succeed(TestActor, Effect.succeed(actor)), InMemoryIdempotency.layerInMemory, RequestTurns.layer])
    ),
    HttpServer.layerContext
  )
)
afterAll(() => dispose())

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  handler(
    new Request(`http://host.test/probes${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body)
    })
  )

describe("a table's handlers", () => {
  it("build the row's command from the payload and the actor, pass the request's options and answer its result", async () => {
    const response = await post("/probe", { id: "p-1", note: "first" }, { "if-match": "2", "idempotency-key": "k-1" })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ version: 3, position: "7.42", events: [{ _tag: "Probed", id: "p-1" }] })
    expect(handled).toHaveLength(1)
    expect(handled[0]!.command).toEqual(new Probe({ actor, id: "p-1", note: "first" }))
    expect(handled[0]!.options).toEqual({ expectedVersion: { _tag: "Exact", version: 2 }, correlationId: "k-1" })
  })

  it("run each row under its own name: a repeated key gets the first outcome without running it again", async () => {
    const again = await post("/probe", { id: "p-1", note: "first" }, { "if-match": "2", "idempotency-key": "k-1" })
    expect(again.status).toBe(200)
    expect(handled).toHaveLength(1)
  })

  it("map a row's domain error by its category", async () => {
    const response = await post("/refuse", { id: "p-2" })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ _tag: "RuleViolated", rule: "ProbeRefused", message: "No probe p-2." })
  })

  it("answer 400 for a payload the row's command refuses", async () => {
    const response = await post("/probe", { note: "no id" })
    expect(response.status).toBe(400)
    expect(handled).toHaveLength(1)
  })
})
