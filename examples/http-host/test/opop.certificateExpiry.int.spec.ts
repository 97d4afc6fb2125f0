/**
 * OPOP's certificate expiry in the host on PostgreSQL (adr/0085): the scheduler finds what is
 * due in the `ExpiringCertificates` SQL read model, not by folding the store's history, and a
 * host that starts after a certificate lapsed records its expiry at once.
 */
import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { CalendarDate } from "@jatim/kernel"
import { CertificateExpiry, Commands as OpopCommands, Product, ProductCommand, ProductId } from "@jatim/opop"
import { adminOf, clockAt, dinas, eventually, hostPerFile, pesantrenRegistration, productProposal, startHost } from "./support.js"

const suite = hostPerFile("opop_certificate_expiry", {}, 120_000)
const { get, post } = suite

const day = 24 * 60 * 60 * 1000
/** Five years and three days ago: a P-IRT certificate issued then lapsed two or three days ago. */
const issuedAt = Date.now() - (5 * 365 + 1 + 3) * day
const issuedOn = CalendarDate.fromEpochMillis(issuedAt)
const pirt = `2063578010001${String((Number(issuedOn.slice(0, 4)) + 5) % 100).padStart(2, "0")}`

const productEvents = (store: EventStore.EventStore, productId: string) =>
  Effect.runPromise(Effect.map(store.readStream(Product.streamName(ProductId.ProductId.make(productId))), (read) => read.events))

describe("OPOP: certificate expiry in the host", () => {
  it("a host started after a certificate lapsed records its expiry at once", async () => {
    const nspp = "510035780001"
    const productId = "sambal-kedaluwarsa"
    expect((await post("/opop/pesantren/register", dinas, pesantrenRegistration(nspp, "Pondok Pesantren Kedaluwarsa"))).status).toBe(200)
    expect((await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, productId))).status).toBe(200)
    // The certificate was added when it was issued, five years ago (a command run on a clock of then).
    const addCertificate = Schema.decodeUnknownSync(ProductCommand.AddCertificate)({
      _tag: "AddCertificate",
      actor: { _tag: "PESANTREN_ADMIN", nspp },
      productId,
      certificate: { _tag: "PIRT", number: pirt, issuedOn }
    })
    await Effect.runPromise(
      OpopCommands.product(addCertificate).pipe(
        Effect.provideService(EventStore.EventStore, suite.host.store),
        Effect.withClock(clockAt(issuedAt))
      )
    )

    // A host that starts now sweeps at once: the lapsed certificate's expiry is recorded.
    await suite.host.stop()
    suite.host = await startHost(suite.databaseUrl)
    const events = await eventually(
      () => productEvents(suite.host.store, productId),
      (events) => events.some((event) => event.type === "CertificateExpired")
    )
    const expiries = events.filter((event) => event.type === "CertificateExpired")
    expect(expiries).toHaveLength(1)
    expect(expiries[0]?.data).toMatchObject({ productId, kind: "PIRT", number: pirt })
    // Caused by the scheduler, one cause per certificate.
    expect(expiries[0]?.metadata.causationId).toMatch(new RegExp(`^${CertificateExpiry.name}:${productId}:PIRT:${pirt}:`))
    // The certificate no longer stands in force: nothing is listed as expiring.
    const expiring = await get("/opop/certificates/expiring?days=3650", dinas)
    expect(expiring.status).toBe(200)
    expect(expiring.body).toEqual([])
  })
})
