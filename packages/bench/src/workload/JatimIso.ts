/**
 * JATIM ISO in the workload: each script is one UMKM's onboarding. Its owner registers it; the
 * Dinas verifies its legality (or rejects it); workshops on packaging, digital marketing and
 * product photos are recorded; the owner submits a listing, which the Dinas approves or sends
 * back (then a corrected one is submitted); storefronts open on one or two marketplaces; the
 * Dinas completes the onboarding. Some stall at a stage and some withdraw, as onboardings do.
 */
import { Either } from "effect"
import { Marketplace, MarketplaceRegistry, Sector, Scale, Umkm, UmkmCommand, VerifiedMarketplace } from "@jatim/jatim-iso"
import { actor, command, decode, digits, officials, personName, regions, type Script, type Steps } from "./Script.js"
import type { World } from "./World.js"

const businesses = ["Keripik", "Batik", "Anyaman", "Sambal", "Kopi", "Tas Rajut", "Sabun Herbal", "Bordir", "Madu", "Kue Kering"]

/** JATIM ISO's scripts in one world. */
export const make = (w: World) => {
  let umkmCount = 0

  function* umkm(): Steps {
    const n = ++umkmCount
    const nib = decode(UmkmCommand.RegisterUmkm.fields.nib, `91${digits(n, 11)}`)
    const stream = Umkm.streamName(nib)
    const owner = actor({ _tag: "UMKM_OWNER", nib })
    const dinas = () => w.pick(officials.dinas)
    const business = w.pick(businesses)
    const stalls = () => w.chance(0.08)
    const registered = w.umkm.decide(
      stream,
      command(UmkmCommand.RegisterUmkm, {
        actor: owner,
        nib,
        businessName: `${business} ${personName(n)}`,
        ownerName: personName(n * 3 + 1),
        region: w.pick(regions),
        sector: w.pick(Sector.sectors),
        scale: w.pick([...Scale.scales, "MIKRO", "MIKRO", "MIKRO", "KECIL"])
      })
    )
    if (Either.isLeft(registered)) return
    yield
    try {
      if (stalls()) return
      if (w.chance(0.07)) {
        w.umkm.decide(stream, command(UmkmCommand.RejectLegality, { actor: dinas(), nib, reason: "NIB tidak sesuai dengan data OSS" }))
        yield
        return
      }
      w.umkm.decide(stream, command(UmkmCommand.VerifyLegality, { actor: dinas(), nib }))
      yield
      const trained = new Set<string>()
      for (const [training, chance] of [
        ["KEMASAN", 0.9],
        ["PEMASARAN_DIGITAL", 0.85],
        ["FOTO_PRODUK", 0.4]
      ] as const) {
        if (stalls()) return
        if (!w.chance(chance)) continue
        const heldOn = new Date(w.clock.now() - w.int(1, 30) * 86_400_000).toISOString()
        w.umkm.decide(
          stream,
          command(UmkmCommand.RecordTraining, {
            actor: dinas(),
            nib,
            training,
            source: { _tag: "WORKSHOP", workshopName: `Pelatihan ${training.toLowerCase()} UPT Surabaya`, heldOn }
          })
        )
        trained.add(training)
        yield
      }
      const details = (attempt: number) => ({
        productName: `${business} ${personName(n)}`,
        price: w.int(5, 250) * 1000,
        weightGrams: w.int(50, 2000),
        photos: [1, 2, 3, 4].slice(0, w.int(3, 4)).map((i) => `https://cdn.jatimiso.example/${nib}/${attempt}/${i}.jpg`),
        checklist: {
          brandAndProductName: true,
          compositionAndNetWeight: true,
          producerAddress: true,
          expiryOrProductionCode: true,
          sealedForShipping: true
        }
      })
      let approved = false
      for (let attempt = 1; attempt <= 2 && !approved; attempt++) {
        if (stalls()) return
        const listingId = `produk-${n}-${attempt}`
        w.umkm.decide(stream, command(UmkmCommand.SubmitListing, { actor: owner, nib, listingId, details: details(attempt) }))
        yield
        if (attempt === 1 && w.chance(0.2)) {
          w.umkm.decide(
            stream,
            command(UmkmCommand.SendBackListing, {
              actor: dinas(),
              nib,
              listingId,
              notes: "Foto produk kurang jelas, tambahkan berat bersih"
            })
          )
          yield
        } else {
          approved = Either.isRight(w.umkm.decide(stream, command(UmkmCommand.ApproveListing, { actor: dinas(), nib, listingId })))
          yield
        }
      }
      const storefronts = w.chance(0.3) ? 2 : 1
      const marketplaces = [...Marketplace.marketplaces]
      for (let i = 0; i < storefronts; i++) {
        if (stalls()) return
        const code = marketplaces.splice(w.int(0, marketplaces.length - 1), 1)[0] ?? "SHOPEE"
        // The founding marketplaces, as the registry's initial state holds them (the workload never retires one).
        const found = VerifiedMarketplace.ofRegistry(MarketplaceRegistry.initialState, code)
        if (found._tag !== "Active") return
        w.umkm.decide(
          stream,
          new UmkmCommand.OpenStorefront({
            actor: owner,
            nib,
            marketplace: found.marketplace,
            url: `https://${found.marketplace.domain}/umkm${nib}`
          })
        )
        yield
      }
      if (w.chance(0.03)) {
        w.umkm.decide(stream, command(UmkmCommand.WithdrawUmkm, { actor: owner, nib, reason: "Usaha berhenti beroperasi" }))
        yield
        return
      }
      // The Dinas completes an onboarding whose requirements are there (both core trainings, an approved listing).
      if (stalls() || !approved || !trained.has("KEMASAN") || !trained.has("PEMASARAN_DIGITAL")) return
      w.umkm.decide(stream, command(UmkmCommand.CompleteOnboarding, { actor: dinas(), nib }))
      yield
    } finally {
      w.umkm.forget(stream)
    }
  }

  return {
    /** A new UMKM's onboarding. */
    spawn: (): Script => ({ program: "JATIM ISO", steps: umkm() })
  }
}
