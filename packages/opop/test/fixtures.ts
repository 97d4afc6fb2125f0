/** Shared test data: two pesantren, their admins, the Dinas, a curator, and event builders. */
import { Actor, CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import { Certificate, Curation, PesantrenEvent, ProductEvent, ProductId, SantriId } from "../src/index.js"
import { admin, curator, dinas, nik, nspp, otherAdmin, scoresTotalling, tebuireng } from "../src/Fixtures.js"

export {
  admin,
  candidate,
  curator,
  dinas,
  nik,
  nspp,
  otherAdmin,
  otherNik,
  otherNspp,
  scoresTotalling,
  standing,
  tebuireng
} from "../src/Fixtures.js"

export const date = CalendarDate.unsafeMake

export const koperasiAdmin: Actor.Actor = Actor.KoperasiAdmin.make({ nik })
export const umkmOwner: Actor.Actor = Actor.UmkmOwner.make({ nib: Identifier.Nib.make("9120001234567") })
export const learner: Actor.Actor = Actor.Learner.make({ learnerId: "learner-1" })

/** Every actor, for "only X may" tables. */
export const everyone: ReadonlyArray<Actor.Actor> = [dinas, curator, admin, otherAdmin, koperasiAdmin, umkmOwner, learner]

export const keripik = ProductId.ProductId.make("keripik-tempe")
export const batik = ProductId.ProductId.make("batik-tulis")
export const kopi = ProductId.ProductId.make("kopi-arabika")
export const santri = SantriId.SantriId.make("santri-001")

const productNames: Readonly<Record<string, string>> = {
  [keripik]: "Keripik Tempe Santri",
  [batik]: "Batik Tulis Al-Hikmah",
  [kopi]: "Kopi Arabika Ijen"
}

/** 1 June 2024, 10:00 WIB. */
export const now = "2024-06-01T03:00:00Z"
export const today = date("2024-06-01")

export const registered = new PesantrenEvent.PesantrenRegistered(tebuireng)
export const linked = new PesantrenEvent.KopontrenLinked({ nspp, nik })
export const verified = new PesantrenEvent.PesantrenVerified({ nspp, verifiedOn: date("2024-01-10") })
export const verifiedPesantren = [registered, linked, verified]

export const designated = (productId: ProductId.ProductId, grade: Curation.Grade = "BERKEMBANG", on = today) =>
  new PesantrenEvent.FlagshipDesignated({ nspp, productId, grade, designatedOn: on })

export const proposed = (
  productId: ProductId.ProductId,
  category: "MAKANAN" | "MINUMAN" | "KERAJINAN" | "FASHION" | "TEKNOLOGI" = "MAKANAN",
  owner: Identifier.Nspp = nspp
) =>
  new ProductEvent.ProductProposed({
    productId,
    nspp: owner,
    name: productNames[productId] ?? "Produk Santri",
    category,
    description: "Produk unggulan pesantren",
    unitPrice: Rupiah.unsafeMake(15_000),
    monthlyCapacity: 2_000
  })

export const submitted = (productId: ProductId.ProductId) => new ProductEvent.ProductSubmittedForCuration({ productId })

export const curated = (productId: ProductId.ProductId, total: number, on = today) =>
  new ProductEvent.ProductCurated({
    productId,
    scores: scoresTotalling(total),
    total,
    grade: Curation.gradeOf(total),
    curatorId: "kurator-07",
    curatedOn: on
  })

export const halal = Certificate.Halal.make({
  number: Identifier.HalalCertificateNumber.make("ID35110000123450922"),
  issuedOn: date("2023-03-01"),
  validUntil: date("2027-02-28")
})
export const pirt = Certificate.Pirt.make({
  number: Identifier.PirtNumber.make("206351701000127"),
  issuedOn: date("2022-01-15"),
  validUntil: date("2027-01-14")
})
export const bpom = Certificate.Bpom.make({
  number: Identifier.BpomNumber.make("MD224513001234"),
  issuedOn: date("2023-05-01"),
  validUntil: date("2028-04-30")
})

export const certified = (productId: ProductId.ProductId, certificate: Certificate.Certificate) =>
  new ProductEvent.CertificateAdded({ productId, certificate })
