import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Option, Stream } from "effect"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { type Actor, Rupiah } from "@jatim/kernel"
import { Commands, FeedPolicy, SantripreneurCommand } from "../src/index.js"
import { admin, batik, curator, dinas, keripik, koperasiAdmin, nspp, otherAdmin, santri } from "./fixtures.js"
import { onboard } from "./scenario.js"

/** What the feed sends `actor` of every OPOP event in the store: [type, data] of those it may see. */
const feedFor = (actor: Actor.Actor) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const events = Chunk.toArray(yield* Stream.runCollect(store.readAll()))
    const visible = yield* Effect.forEach(events, (event) =>
      Effect.map(
        FeedPolicy.feedPolicy.visible(actor, event),
        Option.map((data) => [event.type, data] as const)
      )
    )
    return visible.flatMap(Option.toArray)
  })

describe("FeedPolicy", () => {
  it.effect("public events to everyone without personal data; private products and santri only to their pesantren and the Dinas", () =>
    Effect.gen(function* () {
      // keripik is curated (public); batik only proposed and submitted (private); a santri enrolled.
      yield* onboard([keripik])
      yield* Commands.proposeProduct({
        actor: admin,
        productId: batik,
        nspp,
        name: "Batik Tulis",
        category: "KERAJINAN",
        description: "Batik tulis santri",
        unitPrice: Rupiah.unsafeMake(100_000),
        monthlyCapacity: 100
      }).pipe(Effect.orDie)
      yield* Commands.santripreneur(
        new SantripreneurCommand.EnrollSantripreneur({ actor: admin, santriId: santri, nspp, name: "Ahmad Fauzi" })
      )
      expect(FeedPolicy.feedPolicy.categories).toEqual(["pesantren", "product", "santripreneur"])

      for (const outsider of [otherAdmin, koperasiAdmin, curator]) {
        const seen = yield* feedFor(outsider)
        const registered = seen.find(([type]) => type === "PesantrenRegistered")?.[1]
        expect(registered).toMatchObject({ nspp, name: "Pondok Pesantren Tebuireng" })
        expect(registered).not.toHaveProperty("pengasuh")
        expect(JSON.stringify(seen)).toContain(keripik)
        expect(JSON.stringify(seen)).not.toContain(batik)
        expect(seen.some(([type]) => type.startsWith("Santripreneur"))).toBe(false)
        expect(JSON.stringify(seen)).not.toContain("Ahmad Fauzi")
      }
      for (const insider of [admin, dinas]) {
        const seen = yield* feedFor(insider)
        expect(seen.find(([type]) => type === "PesantrenRegistered")?.[1]).toMatchObject({ pengasuh: "KH. Abdul Hakim" })
        expect(JSON.stringify(seen)).toContain(batik)
        expect(seen.some(([type]) => type === "SantripreneurEnrolled")).toBe(true)
      }
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("an event it cannot decode is left out", () =>
    Effect.gen(function* () {
      const left = yield* FeedPolicy.feedPolicy.visible(otherAdmin, { streamName: `pesantren-${nspp}`, type: "Unknown", data: {} })
      expect(Option.isNone(left)).toBe(true)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
