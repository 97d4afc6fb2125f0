/**
 * What the OpenAPI document (`/docs`) says of each operation: a one-line summary, and a
 * description that starts with who may call it, in the kernel's role names (`Actor.Role`), then
 * what it means in the program's terms. A command also carries an example request body from the
 * demo data (`CommandTable.Docs`, typed as the payload's JSON form and decoded with its Schema
 * by `test/openapi.spec.ts`); a query says what each viewer sees under the domain's read policy;
 * path parameters and `limit` take examples from `parameterExamples`.
 *
 * The phrases below are written once and composed: the roles (`role`), who may call a query
 * (`sees`), and the notes of the groups.
 */
import { OpenApi } from "@effect/platform"
import type { Context } from "effect"
import type { Actor } from "@jatim/kernel"

/** What the document says of one operation. */
export interface OperationDoc {
  /** One line: what the operation does. */
  readonly summary: string
  /** Who may call it, in the kernel's role names (see `role`), or that it is public. */
  readonly who: string
  /** What it means in the program's terms. */
  readonly what: string
}

/** What the document says of a program's two groups, its commands and its queries, and where both live. */
export interface ProgramDoc {
  /** The path prefix of both groups: `/opop`, `/sijawara`, … */
  readonly prefix: `/${string}`
  /** The program's name, as the groups' descriptions say it: `OPOP`, `Sijawara`, … */
  readonly name: string
  /** What its commands are about, in the program's terms (see `commandGroupDescription`). */
  readonly meaning: string
}

/** What the document says of one command: its `OperationDoc`, and an example request body in its JSON form. */
export interface CommandDoc<Example> extends OperationDoc {
  /** A request body from the demo data, as JSON (it must decode with the command's payload). */
  readonly example: Example
}

/** The kernel's roles as descriptions name them: `DINAS_OFFICER`, … (one per `Actor.Role`). */
export const role = {
  dinas: "`DINAS_OFFICER`",
  curator: "`CURATOR`",
  pesantrenAdmin: "`PESANTREN_ADMIN`",
  koperasiAdmin: "`KOPERASI_ADMIN`",
  umkmOwner: "`UMKM_OWNER`",
  learner: "`LEARNER`"
} as const satisfies { readonly [K: string]: `\`${Actor.Role}\`` }

/** Who may issue a command whose rule the domain states in words: the roles it admits, then the rule. */
export const byRule = (roles: string, rule: string): string => `${roles}. The rule: ${rule}.`

/** An operation's description: who may call it first, then what it means. */
export const description = (doc: OperationDoc): string => `**Who may call it:** ${doc.who}\n\n${doc.what}`

/** The OpenAPI annotations of an operation (`HttpApiEndpoint.annotateContext`): its summary and description. */
export const annotations = (doc: OperationDoc): Context.Context<never> =>
  OpenApi.annotations({ summary: doc.summary, description: description(doc) })

/** Who may call a query: anyone, the token optional. */
const anyone = "any role, or anyone without a bearer token (the token is optional)."

/**
 * What each viewer sees of a query, under the domain's read policy (the `who` of a query's
 * `OperationDoc`). "Works without a bearer token" marks the public ones.
 */
export const sees = {
  /** A public view: the same answer to every role and without a token. */
  public: `${anyone} Public: works without a bearer token, and every role sees the same.`,
  /** A public view that `full` see all of; anyone else, anonymous readers included, `trimmed`. */
  trimmed: (full: string, trimmed: string) =>
    `${anyone} Works without a bearer token: ${full} see all of it; every other role, and a reader without a token, ${trimmed}.`,
  /** A private view: 404 to anyone but `who`. */
  private: (who: string) =>
    `${anyone} Only ${who} see it: to every other role, and without a bearer token, it answers 404, as for one that does not exist.`,
  /** A list of private entries: `who` see theirs, anyone else none. */
  privateList: (who: string) => `${anyone} Only ${who} see its entries: to every other role, and without a bearer token, the list is empty.`
} as const

/** Why a list answers whole: it is bounded by the province (adr/0078). */
export const wholeList = (bound: string): string => `Not paged: the list is bounded by ${bound}, so it answers whole.`

/**
 * Example values of parameters, by name, from the demo data: the path parameters, and `limit`.
 * Swagger UI fills a parameter's example in when one tries a request, so optional filters and the
 * command headers (`Idempotency-Key`, `If-Match`) get none: a request tried would be filtered, or
 * refused as a key reused or a stale version. `withParameterExamples` puts them in the document.
 */
export const parameterExamples: { readonly [name: string]: string } = {
  nspp: "510035170001",
  productId: "keripik-tempe",
  santriId: "santri-001",
  courseId: "kemasan-101",
  learnerId: "L-2025-000123",
  number: "SJW-0000-0000-0001-01",
  nib: "9120001234567",
  nik: "3517010000000001",
  // A TOMIKO credit line: the demo's Kopontren Tebuireng sells on tempo to Koperasi Nelayan Puger Jember.
  seller: "3517010000000001",
  buyer: "3509010000000013",
  month: "2026-12",
  limit: "20"
}

/** Examples of parameters that differ for one operation (by its `operationId`) from `parameterExamples`. */
const operationParameterExamples: { readonly [operationId: string]: { readonly [name: string]: string } } = {
  // A network is named by its secondary cooperative: the demo's Pusat Koperasi Jawa Timur.
  "tomikoQueries.monthlyTrade": { nik: "3578020000000100" },
  "tomikoQueries.networkAgeing": { nik: "3578020000000100" },
  "tomikoQueries.feeStatement": { nik: "3578020000000100" }
}

/**
 * An OpenAPI operation with an example on every parameter `parameterExamples` names (an
 * `OpenApi.Transform`): the document's parameters carry only their schemas otherwise.
 */
export const withParameterExamples = (operation: Record<string, unknown>): Record<string, unknown> => {
  const parameters = operation["parameters"]
  if (!Array.isArray(parameters)) return operation
  const operationId = operation["operationId"]
  const examples = { ...parameterExamples, ...(typeof operationId === "string" ? operationParameterExamples[operationId] : undefined) }
  return {
    ...operation,
    parameters: parameters.map((parameter: unknown) => {
      if (typeof parameter !== "object" || parameter === null || !("name" in parameter)) return parameter
      const example = typeof parameter.name === "string" ? examples[parameter.name] : undefined
      return example === undefined ? parameter : { ...parameter, example }
    })
  }
}

/** `value` as a JSON object, if it is one. */
const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : undefined

/**
 * An OpenAPI operation whose JSON request body shows `example` (an `OpenApi.Transform`): the
 * media type's `example`, which Swagger UI fills the request in with.
 */
export const withRequestExample = (operation: Record<string, unknown>, example: unknown): Record<string, unknown> => {
  const body = asObject(operation["requestBody"])
  const content = asObject(body?.["content"])
  const json = asObject(content?.["application/json"])
  if (body === undefined || content === undefined || json === undefined) return operation
  return { ...operation, requestBody: { ...body, content: { ...content, "application/json": { ...json, example } } } }
}

/** What the document says of a program's command group. */
export const commandGroupDescription = (program: string, meaning: string): string =>
  `${program} commands. ${meaning} Every command needs a bearer token, whose actor issues it; who may issue which is a rule ` +
  "of the program, checked on every command (403 with the rule otherwise), and each command says which roles may. " +
  "A command answers the stream's new version, the last event's global position and the new events. " +
  "`Idempotency-Key` makes a retry safe (the first answer is given again); `If-Match` with the version last seen answers 409 if the stream moved on."
