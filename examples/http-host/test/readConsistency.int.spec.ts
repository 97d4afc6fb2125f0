/**
 * How fresh a query's answer is, as its request asks, over HTTP on PostgreSQL: with the position a
 * command answered in `Read-After-Position`, the query sees that command's event; with
 * `Read-Consistency: eventual` it answers at once; a header that says something else is the
 * caller's mistake, a 400 naming the header.
 */
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { dinas, hostPerFile, pesantrenRegistration } from "./support.js"

const suite = hostPerFile("http_read_consistency")
const { call, post } = suite

/** The NSPP of the `n`th pesantren this file registers. */
const nsppOf = (n: number) => `2077${String(n).padStart(8, "0")}`

describe("read consistency over HTTP", () => {
  it("a query with the position a registration answered shows the pesantren registered", async () => {
    for (let n = 1; n <= 5; n++) {
      const registered = await post("/opop/pesantren/register", dinas, pesantrenRegistration(nsppOf(n), `Pondok Konsisten ${n}`))
      expect(registered.status).toBe(200)
      const position = (registered.body as { readonly position: string }).position
      const read = await call("GET", `/opop/pesantren/${nsppOf(n)}`, { token: dinas, headers: { "read-after-position": position } })
      expect(read.status).toBe(200)
      expect(read.body).toMatchObject({ nspp: nsppOf(n), name: `Pondok Konsisten ${n}` })
    }
  })

  it("an eventual or strong query answers 200", async () => {
    for (const consistency of ["eventual", "strong"]) {
      const read = await call("GET", "/opop/dashboard", { token: dinas, headers: { "read-consistency": consistency } })
      expect(read.status).toBe(200)
    }
  })

  it("a Read-After-Position that is no position, or a Read-Consistency of another word, is a 400 naming the header", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ name: fc.constant("read-after-position"), value: fc.stringMatching(/^[a-z .,-]{1,12}$/) }),
          fc.record({
            name: fc.constant("read-consistency"),
            value: fc.stringMatching(/^[a-z]{1,12}$/).filter((word) => word !== "strong" && word !== "eventual")
          })
        ),
        async ({ name, value }) => {
          const read = await call("GET", "/opop/products", { headers: { [name]: value } })
          expect(read.status).toBe(400)
          expect(JSON.stringify(read.body)).toContain(name)
        }
      ),
      { numRuns: 20 }
    )
  })
})
