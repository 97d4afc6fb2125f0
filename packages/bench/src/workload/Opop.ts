/**
 * OPOP in the workload: each script is one pesantren's life. It is registered, links its
 * Kopontren and is verified by the Dinas (most are); its admin proposes one to three products
 * (the pesantren's standing read from its stream), adds the certificates food and drink need,
 * submits them for curation and a curator scores them; market-ready products go on market
 * channels and one becomes the flagship (read from the product's stream), sometimes replaced by a
 * later one; a few santri become santripreneurs; now and then the Dinas suspends and reinstates.
 */
import { Either, Option } from "effect"
import { CalendarDate, type Region } from "@jatim/kernel"
import {
  Curation,
  FlagshipCandidate,
  PesantrenCommand,
  PesantrenStanding,
  Pesantren,
  Product,
  ProductCategory,
  ProductCommand,
  ProductId,
  Santripreneur,
  SantripreneurCommand
} from "@jatim/opop"
import { actor, command, decode, digits, digitsOf, officials, personName, regions, type Script, type Steps } from "./Script.js"
import type { World } from "./World.js"

const productNames: Readonly<Record<ProductCategory.ProductCategory, ReadonlyArray<string>>> = {
  MAKANAN: ["Keripik Tempe", "Sambal Bawang", "Kerupuk Ikan", "Dodol Nangka", "Abon Lele"],
  MINUMAN: ["Kopi Arabika", "Wedang Jahe", "Teh Rosela", "Sirup Markisa"],
  KERAJINAN: ["Batik Tulis", "Anyaman Bambu", "Gerabah Hias"],
  FASHION: ["Sarung Tenun", "Kopiah Rajut", "Gamis Santri"],
  TEKNOLOGI: ["Aplikasi Kasir", "Lampu Tenaga Surya"]
}

/**
 * A curator's scores adding up to `total` (6–18), one per criterion in the form's order: each
 * criterion 1, plus up to 2 of what is left above the lowest total, the first criteria first.
 */
const scoresFor = (total: number) =>
  Object.fromEntries(
    Curation.criteria.map((criterion, i) => [criterion, 1 + Math.max(0, Math.min(2, total - Curation.totalRange.min - 2 * i))])
  )

/** OPOP's scripts in one world. */
export const make = (w: World) => {
  let pesantrenCount = 0
  let certificateCount = 0
  let santriCount = 0

  const today = () => CalendarDate.fromEpochMillis(w.clock.now())

  /** Halal and P-IRT (or BPOM) for food and drink; sometimes a trademark for the rest. */
  const certificatesFor = (category: ProductCategory.ProductCategory, region: Region.RegionCode) => {
    const issuedOn = CalendarDate.addDays(today(), -w.int(0, 700))
    const n = ++certificateCount
    if (!ProductCategory.isFoodOrDrink(category)) {
      return w.chance(0.3)
        ? [{ _tag: "TRADEMARK", number: `IDM${digits(n, 9)}`, issuedOn, validUntil: CalendarDate.addYears(issuedOn, 10) }]
        : []
    }
    const halal = {
      _tag: "HALAL",
      number: `ID${digitsOf(region)}${digits(n, 12)}`,
      issuedOn,
      validUntil: CalendarDate.addYears(issuedOn, w.int(2, 4))
    }
    const pirtIssued = CalendarDate.addDays(today(), -w.int(0, 1200))
    const registration = w.chance(0.7)
      ? {
          _tag: "PIRT",
          number: `2${digits(w.int(1, 99), 2)}${digitsOf(region)}${digits(n % 10_000, 4)}${digits(w.int(1, 99), 2)}${String(Number(pirtIssued.slice(0, 4)) + 5).slice(2)}`,
          issuedOn: pirtIssued
        }
      : { _tag: "BPOM", number: `MD${digits(n, 12)}`, issuedOn, validUntil: CalendarDate.addYears(issuedOn, 5) }
    return [halal, registration]
  }

  function* pesantren(): Steps {
    const n = ++pesantrenCount
    const region = w.pick(regions)
    const nspp = decode(PesantrenCommand.RegisterPesantren.fields.nspp, `51${digitsOf(region)}${digits(n, 6)}`)
    const stream = Pesantren.streamName(nspp)
    const admin = actor({ _tag: "PESANTREN_ADMIN", nspp })
    const dinas = w.pick(officials.dinas)
    const registered = w.pesantren.decide(
      stream,
      command(PesantrenCommand.RegisterPesantren, {
        actor: w.chance(0.5) ? dinas : admin,
        nspp,
        name: `Pondok Pesantren ${personName(n)} ${n}`,
        regionCode: region,
        pengasuh: `KH. ${personName(n * 7 + 3)}`,
        santriCount: w.int(40, 9000)
      })
    )
    if (Either.isLeft(registered)) return
    yield
    w.pesantren.decide(
      stream,
      command(PesantrenCommand.LinkKopontren, { actor: admin, nspp, nik: `${digitsOf(region)}03${digits(n, 10)}` })
    )
    yield
    if (w.chance(0.9)) {
      w.pesantren.decide(stream, command(PesantrenCommand.VerifyPesantren, { actor: dinas, nspp }))
      yield
    }
    const products: Array<ProductId.ProductId> = []
    const productCount = w.int(1, 3)
    for (let i = 1; i <= productCount; i++) {
      const category = w.pick(ProductCategory.categories)
      const productId = decode(ProductId.ProductId, `produk-${nspp}-${i}`)
      const productStream = Product.streamName(productId)
      const standing = w.read(PesantrenStanding.read(nspp))
      if (Either.isLeft(standing)) break
      const name = w.pick(productNames[category])
      const proposed = w.product.decide(
        productStream,
        command(ProductCommand.ProposeProduct, {
          actor: admin,
          productId,
          nspp,
          pesantren: standing.right,
          name: `${name} ${n}`,
          category,
          description: `${name}, produk unggulan pesantren`,
          unitPrice: w.int(5, 400) * 1000,
          monthlyCapacity: w.int(50, 5000)
        })
      )
      if (Either.isLeft(proposed)) continue
      yield
      for (const certificate of certificatesFor(category, region)) {
        w.product.decide(productStream, command(ProductCommand.AddCertificate, { actor: admin, productId, certificate }))
        yield
      }
      if (w.chance(0.1)) continue
      w.product.decide(productStream, command(ProductCommand.SubmitProductForCuration, { actor: admin, productId }))
      yield
      const total = w.int(8, 18)
      const scored = w.product.decide(
        productStream,
        command(ProductCommand.ScoreProduct, { actor: w.pick(officials.curators), productId, scores: scoresFor(total) })
      )
      yield
      if (Either.isLeft(scored) || !Curation.isMarketReady(Curation.gradeOf(total))) continue
      products.push(productId)
      const channels = ["OPOP_MART", "MARKETPLACE", "KATALOG_OPOP", "EXPO"].filter(() => w.chance(0.4))
      for (const channel of channels) {
        w.product.decide(productStream, command(ProductCommand.MarketProduct, { actor: admin, productId, channel }))
        yield
      }
    }
    // The flagship, and sometimes a later one that replaces it.
    for (const productId of products.slice(0, w.chance(0.2) ? 2 : 1)) {
      const candidate = w.read(FlagshipCandidate.read(productId))
      if (Either.isLeft(candidate) || Option.isNone(candidate.right)) continue
      w.pesantren.decide(
        stream,
        command(PesantrenCommand.DesignateFlagship, {
          actor: admin,
          nspp,
          candidate: candidate.right.value,
          retiring: Pesantren.activeFlagship(w.pesantren.state(stream))
        })
      )
      yield
    }
    const santri = w.chance(0.3) ? w.int(1, 3) : 0
    for (let i = 0; i < santri; i++) {
      const santriId = decode(SantripreneurCommand.EnrollSantripreneur.fields.santriId, `santri-${++santriCount}`)
      const santriStream = Santripreneur.streamName(santriId)
      const enrolled = w.santripreneur.decide(
        santriStream,
        command(SantripreneurCommand.EnrollSantripreneur, { actor: admin, santriId, nspp, name: personName(santriCount * 5 + 1) })
      )
      if (Either.isLeft(enrolled)) break
      yield
      w.santripreneur.decide(santriStream, command(SantripreneurCommand.RecordTraining, { actor: admin, santriId, topic: "KEWIRAUSAHAAN" }))
      yield
      if (w.chance(0.6)) {
        w.santripreneur.decide(
          santriStream,
          command(SantripreneurCommand.StartVenture, {
            actor: admin,
            santriId,
            ventureName: `Usaha ${personName(santriCount)}`,
            category: w.pick(ProductCategory.categories)
          })
        )
        yield
        if (w.chance(0.5)) {
          w.santripreneur.decide(santriStream, command(SantripreneurCommand.GraduateSantripreneur, { actor: admin, santriId }))
          yield
        }
      }
      w.santripreneur.forget(santriStream)
    }
    if (w.chance(0.03)) {
      w.pesantren.decide(
        stream,
        command(PesantrenCommand.SuspendPesantren, { actor: dinas, nspp, reason: "Laporan keuangan belum diserahkan" })
      )
      yield
      if (w.chance(0.7)) {
        w.pesantren.decide(stream, command(PesantrenCommand.ReinstatePesantren, { actor: dinas, nspp }))
        yield
      }
    }
    for (let i = 1; i <= productCount; i++) w.product.forget(Product.streamName(decode(ProductId.ProductId, `produk-${nspp}-${i}`)))
    w.pesantren.forget(stream)
  }

  return {
    /** A new pesantren's life. */
    spawn: (): Script => ({ program: "OPOP", steps: pesantren() })
  }
}
