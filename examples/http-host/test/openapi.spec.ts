/**
 * The OpenAPI document of the host: every successful response is described by a precise JSON
 * schema — no empty schema, no `Unknown`/`Any`, no object or array left open — so clients can
 * be generated from it. Built from the `Api` alone: no server, no database.
 */
import { OpenApi, OpenApiJsonSchema } from "@effect/platform"
import { describe, expect, it } from "vitest"
import { Option, Schema, SchemaAST } from "effect"
import { OnboardingFunnel, StalledOnboardings, Umkm } from "@jatim/jatim-iso"
import { Commands as OpopCommands, KabupatenDashboard, PesantrenDirectory, ProductCatalogue, Santripreneur } from "@jatim/opop"
import { CertificateRegistry, Course, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import { CalendarDate } from "@jatim/kernel"
import { AcceptanceSaga, Commands as TomikoCommands, ListingStock, MonthlyTrade, OrderBook } from "@jatim/tomiko"
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
    expect(queries.length).toBe(16)
    for (const { label, operation } of queries) {
      expect(field(operation, "security"), label).toEqual([{}, { bearer: [] }])
      expect(String(field(operation, "description")), label).toMatch(/without a bearer token/i)
    }
    const publicOnes = queries.filter(({ operation }) => /works without a bearer token/i.test(String(field(operation, "description"))))
    expect(publicOnes.map(({ label }) => label).sort()).toEqual([
      "GET /jatim-iso/funnel",
      "GET /opop/dashboard",
      "GET /opop/pesantren",
      "GET /opop/pesantren/{nspp}",
      "GET /opop/products",
      "GET /opop/products/{productId}",
      "GET /sijawara/certificates/{number}",
      "GET /sijawara/courses/{courseId}",
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
