/**
 * The `host` scenario's baseline: a hand-written `node:http` server with a `pg` pool that does the
 * minimum of the demo host's work for `POST /opop/pesantren/register` — checks that a bearer token
 * is present, parses the JSON body, reads the stream's version and inserts one event with a unique
 * (stream, version) into a table of its own, then answers 200 with the new version. No framework,
 * no Effect, no token signature, no read models: the limit the host is measured against.
 *
 * Run as a child process (bundled with esbuild, like the host) with `DATABASE_URL` and `PORT`;
 * prints `listening` on stdout once it accepts requests and answers `GET /health`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import pg from "pg"

const url = process.env["DATABASE_URL"]
const port = Number(process.env["PORT"] ?? "3000")
if (url === undefined) throw new Error("DATABASE_URL is not set")

/** As many connections as the host's pool. */
const pool = new pg.Pool({ connectionString: url, max: 20 })
pool.on("error", () => {})

await pool.query(`CREATE TABLE IF NOT EXISTS baseline_events (
  global_position bigserial PRIMARY KEY,
  stream_name text NOT NULL,
  version integer NOT NULL,
  event_id uuid NOT NULL DEFAULT gen_random_uuid(),
  type text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_name, version)
)`)

const answer = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  response.end(text)
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })

/** The NSPP of a register payload, or undefined when the body is not one. */
const nsppOf = (body: unknown): string | undefined => {
  if (typeof body !== "object" || body === null || !("nspp" in body)) return undefined
  const nspp = body.nspp
  return typeof nspp === "string" && /^\d{12}$/.test(nspp) ? nspp : undefined
}

const register = async (request: IncomingMessage, response: ServerResponse) => {
  const authorization = request.headers.authorization
  if (authorization === undefined || !authorization.startsWith("Bearer ") || authorization.length <= 7) {
    return answer(response, 401, { message: "A bearer token is needed." })
  }
  let body: unknown
  try {
    body = JSON.parse(await readBody(request))
  } catch {
    return answer(response, 400, { message: "The body is not JSON." })
  }
  const nspp = nsppOf(body)
  if (nspp === undefined) return answer(response, 400, { message: "nspp: 12 digits" })
  const stream = `pesantren-${nspp}`
  const current = await pool.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM baseline_events WHERE stream_name = $1",
    [stream]
  )
  const version = (current.rows[0]?.version ?? -1) + 1
  try {
    await pool.query("INSERT INTO baseline_events (stream_name, version, type, data) VALUES ($1, $2, 'PesantrenRegistered', $3)", [
      stream,
      version,
      body
    ])
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "23505") {
      return answer(response, 409, { message: "The stream moved on." })
    }
    throw error
  }
  answer(response, 200, { version })
}

const server = createServer((request, response) => {
  if (request.method === "POST" && request.url === "/opop/pesantren/register") {
    register(request, response).catch((error: unknown) => answer(response, 500, { message: String(error) }))
  } else if (request.method === "GET" && request.url === "/health") {
    answer(response, 200, { status: "ok" })
  } else {
    answer(response, 404, { message: "Not found." })
  }
})
server.keepAliveTimeout = 60_000
server.listen(port, "127.0.0.1", () => process.stdout.write("listening\n"))
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
