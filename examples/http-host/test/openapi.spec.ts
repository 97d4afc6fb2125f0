/**
 * The OpenAPI document of the host: every successful response is described by a precise JSON
 * schema — no empty schema, no `Unknown`/`Any`, no object or array left open — so clients can
 * be generated from it. Built from the `Api` alone: no server, no database.
 */
import { HttpApi, type HttpApiEndpoint, type HttpMethod, OpenApi, OpenApiJsonSchema } from "@effect/platform"
import { describe, expect, it } from "vitest"
import { Either, Option, ParseResult, Schema, SchemaAST } from "effect"
import { OnboardingFunnel, StalledOnboardings, Umkm } from "@jatim/jatim-iso"
import {
  Authorization as OpopAuthorization,
  Commands as OpopCommands,
  KabupatenDashboard,
  PesantrenDirectory,
  ProductCatalogue,
  Santripreneur
} from "@jatim/opop"
import { CertificateRegistry, Course, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import { type Actor, CalendarDate } from "@jatim/kernel"
import {
  AcceptanceSaga,
  Commands as TomikoCommands,
  ListingStock,
  MonthlyTrade,
  OrderBook,
  Authorization as TomikoAuthorization
} from "@jatim/tomiko"
import hostPackage from "../package.json" with { type: "json" }
import { Api } from "../src/api/Api.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
type JsonObject = { readonly [key: string]: Json }

const isObject = (value: Json | undefined): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value)

const field = (value: Json | undefined, key: string): Json | undefined => (isObject(value) ? value[key] : undefined)

/** The document as plain JSON, as `/docs/openapi.json` serves it. */
const document: Json = JSON.parse(JSON.stringify(OpenApi.fromApi(Api)))
const components = field(field(document, "components"), "schemas")

/** `$id`s Effect gives the JSON schemas of `Unknown`, `Any`, `Object` and `{}`. */
const looseIds = new Set(["/schemas/unknown", "/schemas/any", "/schemas/object", "/schemas/%7B%7D"])

/** Keywords that constrain a value; a schema with none of them accepts anything. */
const constraining = ["type", "$ref", "enum", "const", "anyOf", "oneOf", "allOf", "not", "properties", "items", "prefixItems"]

/** Where `schema` (found at `at`) accepts unconstrained values; `[]` when it is precise. */
const looseness = (schema: Json | undefined, at: string, visited: ReadonlySet<string> = new Set()): ReadonlyArray<string> => {
  if (schema === false) return []
  if (!isObject(schema)) return [`${at}: not a schema object (${JSON.stringify(schema)})`]
  const ref = schema["$ref"]
  if (typeof ref === "string") {
    const name = ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : undefined
    const target = name === undefined ? undefined : field(components, name)
    if (name === undefined || target === undefined) return [`${at}: unresolvable $ref ${ref}`]
    return visited.has(name) ? [] : looseness(target, `${at} → ${name}`, new Set([...visited, name]))
  }
  const id = schema["$id"]
  if (typeof id === "string" && looseIds.has(id)) return [`${at}: ${id}`]
  if (!constraining.some((key) => key in schema)) return [`${at}: unconstrained schema ${JSON.stringify(schema)}`]

  const problems: Array<string> = []
  const type = schema["type"]
  const types = Array.isArray(type) ? type : [type]
  const properties = schema["properties"]
  const additional = schema["additionalProperties"]
  const pattern = schema["patternProperties"]
  if (types.includes("object") && !isObject(properties) && !isObject(additional) && !isObject(pattern)) {
    problems.push(`${at}: object without properties`)
  }
  if (types.includes("array") && !("items" in schema) && !("prefixItems" in schema)) {
    problems.push(`${at}: array without items`)
  }
  if (additional === true) problems.push(`${at}.additionalProperties: any value allowed`)
  if (isObject(properties)) {
    for (const [key, value] of Object.entries(properties)) problems.push(...looseness(value, `${at}.${key}`, visited))
  }
  if (isObject(additional)) problems.push(...looseness(additional, `${at}[*]`, visited))
  if (isObject(pattern)) {
    for (const [key, value] of Object.entries(pattern)) problems.push(...looseness(value, `${at}[/${key}/]`, visited))
  }
  const items = schema["items"]
  if (Array.isArray(items)) for (const [i, item] of items.entries()) problems.push(...looseness(item, `${at}[${i}]`, visited))
  else if (items !== undefined) problems.push(...looseness(items, `${at}[]`, visited))
  const prefixItems = schema["prefixItems"]
  if (Array.isArray(prefixItems)) for (const [i, item] of prefixItems.entries()) problems.push(...looseness(item, `${at}[${i}]`, visited))
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const members = schema[key]
    if (Array.isArray(members))
      for (const [i, member] of members.entries()) problems.push(...looseness(member, `${at}.${key}[${i}]`, visited))
  }
  return problems
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

/** Every operation's 2xx responses: `[label, response]`. */
const successes: ReadonlyArray<readonly [string, Json]> = Object.entries(field(document, "paths") ?? {}).flatMap(([path, item]) =>
  methods.flatMap((method) =>
    Object.entries(field(field(item, method), "responses") ?? {})
      .filter(([status]) => /^2\d\d$/.test(status))
      .map(([status, response]) => [`${method.toUpperCase()} ${path} ${status}`, response] as const)
  )
)

describe("the OpenAPI document", () => {
  it("carries the host package's version", () => {
    expect(field(field(document, "info"), "version")).toBe(hostPackage.version)
    expect(hostPackage.version).not.toBe("0.0.1")
  })

  it("describes responses of every program", () => {
    expect(successes.length).toBeGreaterThan(60)
    for (const prefix of ["/opop/", "/sijawara/", "/jatim-iso/", "/tomiko/"]) {
      expect(successes.some(([label]) => label.includes(` ${prefix}`))).toBe(true)
    }
  })

  it("gives every successful response a precise JSON schema", () => {
    const problems = successes.flatMap(([label, response]) => {
      const content = field(response, "content")
      const schema = field(field(content, "application/json"), "schema")
      return schema === undefined ? [`${label}: no application/json schema`] : looseness(schema, label)
    })
    expect(problems).toEqual([])
  })

  it.each([
    ["GET /opop/dashboard", "KabupatenDashboard"],
    ["GET /sijawara/leaderboard", "RegionStanding"],
    ["GET /jatim-iso/stalled", "StalledOnboarding"],
    ["GET /tomiko/koperasi/{nik}/orders", "OrderBookEntry"],
    ["GET /tomiko/listings", "ListingStock"],
    ["GET /tomiko/networks/{nik}/trade/{month}", "MonthTrade"],
    ["GET /opop/pesantren", "PesantrenDirectoryEntry"],
    ["GET /opop/pesantren/{nspp}", "PesantrenDirectoryEntry"],
    ["GET /opop/products", "CatalogueEntry"],
    ["GET /opop/products/{productId}", "CatalogueEntry"],
    ["GET /opop/santri/{santriId}", "SantripreneurSummary"],
    ["GET /sijawara/courses/{courseId}", "CourseSummary"],
    ["GET /sijawara/learners/{learnerId}/progress", "CourseProgress"],
    ["GET /sijawara/certificates/{number}", "IssuedCertificate"],
    ["GET /jatim-iso/umkm/{nib}", "UmkmSummary"],
    ["GET /jatim-iso/funnel", "OnboardingFunnel"]
  ])("describes %s with the domain's %s schema", (label, name) => {
    const response = successes.find(([l]) => l.startsWith(`${label} `))
    expect(response).toBeDefined()
    expect(JSON.stringify(response?.[1])).toContain(`"#/components/schemas/${name}"`)
    expect(field(components, name)).toBeDefined()
  })

  it.each([
    ["PesantrenDirectoryEntry", PesantrenDirectory.DirectoryEntry],
    ["CatalogueEntry", ProductCatalogue.CatalogueEntry],
    ["CourseSummary", Course.Summary],
    ["CourseProgress", LearnerProgress.CourseProgress],
    ["IssuedCertificate", CertificateRegistry.Certificate],
    ["UmkmSummary", Umkm.Summary],
    ["OnboardingFunnel", OnboardingFunnel.Funnel],
    ["Month", CalendarDate.Month]
  ])("gives %s the JSON schema of the domain's Schema", (name, schema: Schema.Schema.Any) => {
    const defs: Record<string, OpenApiJsonSchema.JsonSchema> = {}
    OpenApiJsonSchema.makeWithDefs(schema, { defs })
    expect(field(components, name)).toEqual(JSON.parse(JSON.stringify(defs[name])))
  })

  it("describes the month of GET /tomiko/networks/{nik}/trade/{month} with the domain's Month schema", () => {
    const parameters = field(field(field(field(document, "paths"), "/tomiko/networks/{nik}/trade/{month}"), "get"), "parameters")
    const month = Array.isArray(parameters) ? parameters.find((p) => field(p, "name") === "month") : undefined
    expect(field(month, "schema")).toEqual({ $ref: "#/components/schemas/Month" })
  })
})

describe("the OpenAPI document says who needs a token", () => {
  const operations = Object.entries(field(document, "paths") ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = field(item, method)
      return operation === undefined ? [] : [{ label: `${method.toUpperCase()} ${path}`, method, path, operation }]
    })
  )

  it("every query of a program takes the bearer token optionally and says what it answers without one", () => {
    const queries = operations.filter(({ method, path }) => method === "get" && /^\/(opop|sijawara|jatim-iso|tomiko)\//.test(path))
    expect(queries.length).toBe(28)
    for (const { label, operation } of queries) {
      expect(field(operation, "security"), label).toEqual([{}, { bearer: [] }])
      expect(String(field(operation, "description")), label).toMatch(/without a bearer token/i)
    }
    const publicOnes = queries.filter(({ operation }) => /works without a bearer token/i.test(String(field(operation, "description"))))
    expect(publicOnes.map(({ label }) => label).sort()).toEqual([
      "GET /jatim-iso/funnel",
      "GET /jatim-iso/marketplaces",
      "GET /jatim-iso/time-to-onboard",
      "GET /opop/dashboard",
      "GET /opop/pesantren",
      "GET /opop/pesantren/{nspp}",
      "GET /opop/products",
      "GET /opop/products/{productId}",
      "GET /opop/targets",
      "GET /sijawara/certificates/{number}",
      "GET /sijawara/courses/{courseId}",
      "GET /sijawara/courses/{courseId}/funnel",
      "GET /sijawara/leaderboard"
    ])
  })

  it("every command and the live feed need the bearer token", () => {
    const needing = operations.filter(({ method, path }) => method === "post" || path === "/events/live")
    expect(needing.length).toBeGreaterThan(40)
    for (const { label, operation } of needing) expect(field(operation, "security"), label).toEqual([{ bearer: [] }])
  })
})

/** The endpoint `name` of the group `group` of the host's API. */
const endpoint = (group: string, name: string) => {
  const found = Api.groups[group]?.endpoints[name]
  if (found === undefined) throw new Error(`no endpoint ${group}.${name}`)
  return found
}

/** What a success schema serves: its elements' AST when it is an array, else its own. */
const served = (ast: SchemaAST.AST): SchemaAST.AST =>
  SchemaAST.isTupleType(ast) && ast.elements.length === 0 && ast.rest.length === 1 ? ast.rest[0]!.type : ast

describe("the responses of the host", () => {
  it.each([
    ["opopQueries", "listPesantren", PesantrenDirectory.DirectoryEntry],
    ["opopQueries", "getPesantren", PesantrenDirectory.DirectoryEntry],
    ["opopQueries", "searchProducts", ProductCatalogue.CatalogueEntry],
    ["opopQueries", "getProduct", ProductCatalogue.CatalogueEntry],
    ["opopQueries", "getSantri", Santripreneur.Summary],
    ["sijawaraQueries", "getCourse", Course.Summary],
    ["sijawaraQueries", "learnerProgress", LearnerProgress.CourseProgress],
    ["sijawaraQueries", "verifyCertificate", CertificateRegistry.VerificationReport],
    ["sijawaraQueries", "leaderboard", KabupatenLeaderboard.RegionStanding],
    ["jatimIsoQueries", "getUmkm", Umkm.Summary],
    ["jatimIsoQueries", "funnel", OnboardingFunnel.Funnel],
    ["jatimIsoQueries", "stalled", StalledOnboardings.Stalled],
    ["tomiko", "acceptOrder", AcceptanceSaga.Outcome],
    ["tomikoQueries", "orderBook", OrderBook.Entry],
    ["tomikoQueries", "listingStock", ListingStock.Stock],
    ["tomikoQueries", "monthlyTrade", MonthlyTrade.MonthTrade]
  ])("%s.%s serves the domain's own Schema, not a copy", (group, name, schema: Schema.Schema.Any) => {
    expect(served(endpoint(group, name).successSchema.ast)).toBe(schema.ast)
  })

  it("opop.dashboard serves the domain's Dashboard for the province and for each kabupaten/kota", () => {
    const ast = endpoint("opopQueries", "dashboard").successSchema.ast
    const parts = SchemaAST.isTypeLiteral(ast) ? ast.propertySignatures.map((p) => [String(p.name), served(p.type)]) : []
    expect(parts).toEqual([
      ["province", KabupatenDashboard.Dashboard.ast],
      ["regions", KabupatenDashboard.Dashboard.ast]
    ])
    expect(parts.every(([, type]) => type === KabupatenDashboard.Dashboard.ast)).toBe(true)
  })
})

/** The fields of a Struct (a payload, URL parameters), in order; none for anything else. */
const fieldsOf = (option: Option.Option<unknown>): ReadonlyArray<readonly [string, unknown]> => {
  const schema = Option.getOrUndefined(option)
  const fields: unknown = Schema.isSchema(schema) && "fields" in schema ? schema.fields : undefined
  return typeof fields === "object" && fields !== null ? Object.entries(fields) : []
}

/** The type a field declares: a Schema's own, or an optional property's without `undefined`. */
const declared = (field: unknown): SchemaAST.AST | undefined => {
  if (Schema.isSchema(field)) return field.ast
  if (!Schema.isPropertySignature(field) || field.ast._tag !== "PropertySignatureDeclaration") return undefined
  const type = field.ast.type
  const defined = SchemaAST.isUnion(type) ? type.types.filter((member) => !SchemaAST.isUndefinedKeyword(member)) : [type]
  return defined.length === 1 ? defined[0] : type
}

describe("the requests of the host", () => {
  it("opop.designateFlagship takes the domain's DesignationRequest, its actor from the token", () => {
    const fields = fieldsOf(endpoint("opop", "designateFlagship").payloadSchema)
    const expected = Object.entries(OpopCommands.DesignationRequest.fields).filter(([key]) => key !== "actor")
    expect(fields.map(([key]) => key)).toEqual(expected.map(([key]) => key))
    expect(fields.every(([key, field], i) => expected[i]?.[0] === key && expected[i]?.[1] === field)).toBe(true)
  })

  it("opop.proposeProduct takes the domain's ProposalRequest: no pesantren standing (read from its stream), its actor from the token", () => {
    const fields = fieldsOf(endpoint("opop", "proposeProduct").payloadSchema)
    const expected = Object.entries(OpopCommands.ProposalRequest.fields).filter(([key]) => key !== "actor")
    expect(fields.map(([key]) => key)).toEqual(expected.map(([key]) => key))
    expect(fields.map(([key]) => key)).not.toContain("pesantren")
  })

  it("tomiko.placeOrder takes the domain's lines to order", () => {
    const lines = fieldsOf(endpoint("tomiko", "placeOrder").payloadSchema).find(([key]) => key === "lines")
    const ast = declared(lines?.[1])
    expect(ast === undefined ? undefined : served(ast)).toBe(TomikoCommands.LineToOrder.ast)
  })

  it("opop.listPesantren filters by the domain's DirectoryStatus", () => {
    const status = fieldsOf(endpoint("opopQueries", "listPesantren").urlParamsSchema).find(([key]) => key === "status")
    expect(declared(status?.[1])).toBe(PesantrenDirectory.DirectoryStatus.ast)
  })
})

/** The endpoints of the `Api`, by their OpenAPI operation id (`group.endpoint`). */
const endpointsById = new Map<string, HttpApiEndpoint.HttpApiEndpoint<string, HttpMethod.HttpMethod>>()
HttpApi.reflect(Api, {
  onGroup: () => undefined,
  onEndpoint: ({ group, endpoint }) => endpointsById.set(`${group.identifier}.${endpoint.name}`, endpoint)
})

/** Every operation of the document: its label, method, path, the operation and the endpoint it documents. */
const documented = Object.entries(field(document, "paths") ?? {}).flatMap(([path, item]) =>
  methods.flatMap((method) => {
    const operation = field(item, method)
    if (operation === undefined) return []
    const endpoint = endpointsById.get(String(field(operation, "operationId")))
    if (endpoint === undefined) throw new Error(`no endpoint for ${method.toUpperCase()} ${path}`)
    return [{ label: `${method.toUpperCase()} ${path}`, method, path, operation, endpoint }]
  })
)

/** The parameters of an operation, in the document's form. */
const parametersOf = (operation: Json | undefined): ReadonlyArray<Json> => {
  const parameters = field(operation, "parameters")
  return Array.isArray(parameters) ? parameters : []
}

/** The problems of decoding `value` with `schema` (an endpoint's payload, path, URL parameters or headers), or none. */
const decodeProblems = (schema: Option.Option<{ readonly ast: SchemaAST.AST }>, value: unknown): string | undefined =>
  Option.match(schema, {
    onNone: () => "no schema to decode with",
    onSome: (s) =>
      Either.match(Schema.decodeUnknownEither(Schema.make<unknown, unknown, never>(s.ast))(value), {
        onLeft: (error) => ParseResult.TreeFormatter.formatErrorSync(error),
        onRight: () => undefined
      })
  })

/** The kernel's role names: a description names one of them, or says the operation is public. */
const roleNames = Object.keys({
  DINAS_OFFICER: true,
  CURATOR: true,
  PESANTREN_ADMIN: true,
  KOPERASI_ADMIN: true,
  UMKM_OWNER: true,
  LEARNER: true
} satisfies Record<Actor.Role, true>)

describe("the OpenAPI document explains every operation", () => {
  it("documents every endpoint of the Api", () => {
    expect(documented.length).toBe(endpointsById.size)
    expect(documented.length).toBeGreaterThanOrEqual(70)
  })

  it("gives every operation a one-line summary", () => {
    for (const { label, operation } of documented) {
      const summary = field(operation, "summary")
      expect(typeof summary === "string" && summary.trim().length > 0, label).toBe(true)
      expect(String(summary), label).not.toMatch(/\n/)
      expect(String(summary).length, label).toBeLessThanOrEqual(80)
    }
  })

  it("starts every description with who may call the operation: roles by the kernel's names, or that it is public", () => {
    for (const { label, operation } of documented) {
      const description = String(field(operation, "description"))
      expect(description, label).toMatch(/^\*\*Who may call it:\*\* \S/)
      const who = description.split("\n\n")[0] ?? ""
      expect(roleNames.some((name) => who.includes(`\`${name}\``)) || /\bpublic\b/i.test(who), label).toBe(true)
      // Then what it means: a paragraph of its own.
      expect(description.split("\n\n")[1]?.trim().length ?? 0, label).toBeGreaterThan(10)
    }
  })

  it("quotes the domain's own permission rule on every OPOP and TOMIKO command", () => {
    const rules = [
      ...Object.values(OpopAuthorization.permissions).map((permission) => permission.rule(undefined)),
      ...Object.values(TomikoAuthorization.permissions).map((permission) => permission.rule)
    ]
    const commands = documented.filter(({ method, path }) => method === "post" && /^\/(opop|tomiko)\//.test(path))
    // OPOP's 21 and TOMIKO's 25.
    expect(commands.length).toBe(21 + 25)
    for (const { label, operation } of commands) {
      const description = String(field(operation, "description"))
      expect(
        rules.some((rule) => description.includes(`The rule: ${rule}.`)),
        label
      ).toBe(true)
    }
  })

  it("gives every command's request body an example that decodes with the command's payload", () => {
    const commands = documented.filter(({ method }) => method === "post")
    expect(commands.length).toBeGreaterThan(50)
    for (const { label, operation, endpoint } of commands) {
      const example = field(field(field(field(operation, "requestBody"), "content"), "application/json"), "example")
      expect(isObject(example), label).toBe(true)
      expect(decodeProblems(endpoint.payloadSchema, example), label).toBeUndefined()
    }
  })

  it("gives every path parameter an example, and every example of a parameter decodes with the endpoint's schema", () => {
    // Swagger UI sends a parameter's example with every request tried: no command header carries one.
    for (const { label, operation } of documented) {
      const headers = parametersOf(operation).filter((parameter) => field(parameter, "in") === "header")
      for (const header of headers) expect(field(header, "example"), `${label} ${field(header, "name")}`).toBeUndefined()
    }
    let examples = 0
    for (const { label, operation, endpoint } of documented) {
      const byPlace = (place: string) =>
        Object.fromEntries(
          parametersOf(operation).flatMap((parameter) =>
            field(parameter, "in") === place && field(parameter, "example") !== undefined
              ? [[String(field(parameter, "name")), field(parameter, "example")]]
              : []
          )
        )
      const pathParameters = parametersOf(operation).filter((parameter) => field(parameter, "in") === "path")
      for (const parameter of pathParameters) expect(field(parameter, "example"), `${label} ${field(parameter, "name")}`).toBeDefined()
      for (const [place, schema] of [
        ["path", endpoint.pathSchema],
        ["query", endpoint.urlParamsSchema],
        ["header", endpoint.headersSchema]
      ] as const) {
        const values = byPlace(place)
        if (Object.keys(values).length === 0) continue
        examples += Object.keys(values).length
        expect(decodeProblems(schema, values), `${label} ${place}`).toBeUndefined()
      }
    }
    // The path parameters (18) and the `limit` of the five paged lists.
    expect(examples).toBe(23)
  })

  it("documents `limit` and `after` on every paged list, and says why the others answer whole", () => {
    const lists = documented.filter(({ method, operation }) => {
      const schema = field(field(field(field(field(operation, "responses"), "200"), "content"), "application/json"), "schema")
      return method === "get" && field(schema, "type") === "array"
    })
    const paged = lists.filter(({ operation }) => parametersOf(operation).some((parameter) => field(parameter, "name") === "after"))
    expect(paged.map(({ label }) => label).sort()).toEqual([
      "GET /jatim-iso/stalled",
      "GET /opop/pesantren",
      "GET /opop/products",
      "GET /tomiko/koperasi/{nik}/orders",
      "GET /tomiko/listings"
    ])
    const pagedLabels = new Set(paged.map(({ label }) => label))
    for (const { label, operation } of lists) {
      const description = String(field(operation, "description"))
      if (!pagedLabels.has(label)) {
        expect(description, label).toMatch(/Not paged: the list is bounded by/)
        continue
      }
      for (const name of ["limit", "after"]) {
        const parameter = parametersOf(operation).find((p) => field(p, "name") === name)
        expect(field(parameter, "in"), `${label} ${name}`).toBe("query")
        expect(String(field(parameter, "description")).length, `${label} ${name}`).toBeGreaterThan(20)
      }
      expect(description, label).toContain("`?limit=`")
      expect(description, label).toContain("`Link` response header")
      expect(description, label).toContain("`after`")
    }
  })

  it("describes every group (tag)", () => {
    const tags = field(document, "tags")
    expect(Array.isArray(tags) && tags.length).toBe(Object.keys(Api.groups).length)
    for (const tag of Array.isArray(tags) ? tags : []) {
      expect(String(field(tag, "description")).length, String(field(tag, "name"))).toBeGreaterThan(40)
    }
  })
})
