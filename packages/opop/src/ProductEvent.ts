/**
 * The events of a product's stream `product-<productId>`: proposal, curation, certificates
 * and marketing.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CalendarDate, Identifier, Rupiah, Text } from "@jatim/kernel"
import { Certificate, CertificateKind } from "./Certificate.js"
import { Grade, Scores } from "./Curation.js"
import { MarketChannel } from "./MarketChannel.js"
import { ProductCategory } from "./ProductCategory.js"
import { ProductId } from "./ProductId.js"

/** Schema of a unit price: whole rupiah, at least Rp1. */
export const UnitPrice = Rupiah.Rupiah.pipe(Schema.filter((amount) => amount >= 1 || "a unit price is at least Rp1"))

/** Schema of a monthly production capacity: 1 to 10,000,000 units. */
export const MonthlyCapacity = Schema.Int.pipe(
  Schema.between(1, 10_000_000, { message: () => "a monthly capacity is a whole number of units from 1 to 10000000" })
)

/** A pesantren's admin proposed a product of the pesantren. */
export class ProductProposed extends Schema.TaggedClass<ProductProposed>()("ProductProposed", {
  productId: ProductId,
  /** The pesantren the product belongs to. */
  nspp: Identifier.Nspp,
  name: Text.Name,
  category: ProductCategory,
  description: Text.Description,
  unitPrice: UnitPrice,
  /** Units the pesantren can make in a month. */
  monthlyCapacity: MonthlyCapacity
}) {}

/** The product awaits a curator's score. */
export class ProductSubmittedForCuration extends Schema.TaggedClass<ProductSubmittedForCuration>()("ProductSubmittedForCuration", {
  productId: ProductId
}) {}

/** A curator scored the product; its grade follows from the total (see `Curation`). */
export class ProductCurated extends Schema.TaggedClass<ProductCurated>()("ProductCurated", {
  productId: ProductId,
  scores: Scores,
  total: Schema.Int,
  grade: Grade,
  curatorId: Schema.String,
  curatedOn: CalendarDate.CalendarDate
}) {}

/** The product holds a certificate (a renewal replaces the one of the same kind and number). */
export class CertificateAdded extends Schema.TaggedClass<CertificateAdded>()("CertificateAdded", {
  productId: ProductId,
  certificate: Certificate
}) {}

/** The Dinas revoked a certificate of the product. */
export class CertificateRevoked extends Schema.TaggedClass<CertificateRevoked>()("CertificateRevoked", {
  productId: ProductId,
  kind: CertificateKind,
  number: Schema.String,
  reason: Text.Reason
}) {}

/** A certificate of the product passed its validity date. */
export class CertificateExpired extends Schema.TaggedClass<CertificateExpired>()("CertificateExpired", {
  productId: ProductId,
  kind: CertificateKind,
  number: Schema.String,
  validUntil: CalendarDate.CalendarDate
}) {}

/** The product is marketed on a channel. */
export class ProductMarketed extends Schema.TaggedClass<ProductMarketed>()("ProductMarketed", {
  productId: ProductId,
  channel: MarketChannel,
  since: CalendarDate.CalendarDate
}) {}

/** The product left a channel. */
export class ProductWithdrawnFromMarket extends Schema.TaggedClass<ProductWithdrawnFromMarket>()("ProductWithdrawnFromMarket", {
  productId: ProductId,
  channel: MarketChannel,
  reason: Text.Reason
}) {}

/** The pesantren changed the product's unit price, on a day (WIB). */
export class ProductRepriced extends Schema.TaggedClass<ProductRepriced>()("ProductRepriced", {
  productId: ProductId,
  unitPrice: UnitPrice,
  repricedOn: CalendarDate.CalendarDate
}) {}

/** The pesantren changed the units it can make in a month. */
export class MonthlyCapacityChanged extends Schema.TaggedClass<MonthlyCapacityChanged>()("MonthlyCapacityChanged", {
  productId: ProductId,
  monthlyCapacity: MonthlyCapacity
}) {}

/** Schema of every event of a product stream. */
export const ProductEvent = Schema.Union(
  ProductProposed,
  ProductSubmittedForCuration,
  ProductCurated,
  CertificateAdded,
  CertificateRevoked,
  CertificateExpired,
  ProductMarketed,
  ProductWithdrawnFromMarket,
  ProductRepriced,
  MonthlyCapacityChanged
)

/** An event of a product stream. */
export type ProductEvent = typeof ProductEvent.Type
