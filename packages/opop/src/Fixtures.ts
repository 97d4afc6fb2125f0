/**
 * Shared test data for OPOP and the packages that read its events: two pesantren, their admins
 * and koperasi, the Dinas, a curator, curation scores with a given total, and the facts a
 * command carries that only a read of a stream issues (`FlagshipCandidate`,
 * `PesantrenStanding`), read from an in-memory store through the same `read` as the command
 * layer (adr/0014).
 *
 * @since 0.1.0
 */
import { Actor, Identifier } from "@jatim/kernel"
import type * as Curation from "./Curation.js"
import type * as FlagshipCandidate from "./FlagshipCandidate.js"
import { candidateOf, standingOf } from "./internal/readFromEvents.js"
import type { RegisterPesantren } from "./PesantrenCommand.js"
import type * as PesantrenStanding from "./PesantrenStanding.js"
import type { ProductId } from "./ProductId.js"

export const nspp = Identifier.Nspp.make("510035170001")
export const otherNspp = Identifier.Nspp.make("510035780002")
export const nik = Identifier.NikKoperasi.make("3517010000000001")
export const otherNik = Identifier.NikKoperasi.make("3578010000000002")

/** Pondok Pesantren Tebuireng (Jombang), pesantren `nspp`, as it registers: the fields of its registration. */
export const tebuireng: Omit<RegisterPesantren, "_tag" | "actor"> = {
  nspp,
  name: "Pondok Pesantren Tebuireng",
  regionCode: "35.17",
  pengasuh: "KH. Abdul Hakim",
  santriCount: 4200
}

export const dinas: Actor.Actor = Actor.DinasOfficer.make({ officerId: "dinas-01" })
export const curator: Actor.Actor = Actor.Curator.make({ curatorId: "kurator-07" })
export const admin: Actor.Actor = Actor.PesantrenAdmin.make({ nspp })
export const otherAdmin: Actor.Actor = Actor.PesantrenAdmin.make({ nspp: otherNspp })

/** Scores with the given total (6 to 18), filled from the first criterion on. */
export const scoresTotalling = (total: number): Curation.Scores => {
  let rest = total - 6
  const score = (): Curation.Score => {
    const extra = Math.min(2, rest)
    rest -= extra
    return (1 + extra) as Curation.Score
  }
  return {
    businessLegality: score(),
    productLegality: score(),
    qualityAndCapacity: score(),
    packaging: score(),
    marketNetwork: score(),
    competitiveness: score()
  }
}

/**
 * The flagship candidate `FlagshipCandidate.read` reads from a stream where `owner` proposed
 * `productId` and a curator graded it `grade` (`null`: not curated).
 */
export const candidate = (
  productId: ProductId,
  grade: Curation.Grade | null = "BERKEMBANG",
  owner: Identifier.Nspp = nspp
): FlagshipCandidate.FlagshipCandidate => candidateOf({ productId, nspp: owner, grade: grade ?? undefined })

/** The standing `PesantrenStanding.read` reads for `of`: registered (the default), not registered, or suspended. */
export const standing = (
  of: Identifier.Nspp = nspp,
  kind: "REGISTERED" | "UNREGISTERED" | "SUSPENDED" = "REGISTERED"
): PesantrenStanding.PesantrenStanding =>
  standingOf({ nspp: of, registered: kind !== "UNREGISTERED", suspension: kind === "SUSPENDED" ? "izin operasional dicabut" : undefined })
