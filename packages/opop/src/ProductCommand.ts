/**
 * The commands of a product's stream. Each carries the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Text } from "@jatim/kernel"
import { CertificateKind, CertificateSubmission } from "./Certificate.js"
import { Scores } from "./Curation.js"
import { MarketChannel } from "./MarketChannel.js"
import { PesantrenStandingSchema } from "./PesantrenStanding.js"
import { ProductCategory } from "./ProductCategory.js"
import { MonthlyCapacity, UnitPrice } from "./ProductEvent.js"
import { ProductId } from "./ProductId.js"

/**
 * Propose a product of the pesantren `nspp` (the pesantren's own admin), registered and not
 * suspended: `pesantren` is its standing as `PesantrenStanding.read` read it from its stream
 * (`Commands.proposeProduct` reads it), never the caller's word.
 */
export class ProposeProduct extends Schema.TaggedClass<ProposeProduct>()("ProposeProduct", {
  actor: Actor.Actor,
  productId: ProductId,
  nspp: Identifier.Nspp,
  pesantren: PesantrenStandingSchema,
  name: Text.Name,
  category: ProductCategory,
  description: Text.Description,
  unitPrice: UnitPrice,
  monthlyCapacity: MonthlyCapacity
}) {}

/** Submit the product for curation, or for curation again (its pesantren's admin). */
export class SubmitProductForCuration extends Schema.TaggedClass<SubmitProductForCuration>()("SubmitProductForCuration", {
  actor: Actor.Actor,
  productId: ProductId
}) {}

/** Score the product on the six criteria (a curator). */
export class ScoreProduct extends Schema.TaggedClass<ScoreProduct>()("ScoreProduct", {
  actor: Actor.Actor,
  productId: ProductId,
  scores: Scores
}) {}

/** Add a certificate to the product (its pesantren's admin, or a Dinas officer). */
export class AddCertificate extends Schema.TaggedClass<AddCertificate>()("AddCertificate", {
  actor: Actor.Actor,
  productId: ProductId,
  certificate: CertificateSubmission
}) {}

/** Revoke a certificate of the product (a Dinas officer). */
export class RevokeCertificate extends Schema.TaggedClass<RevokeCertificate>()("RevokeCertificate", {
  actor: Actor.Actor,
  productId: ProductId,
  kind: CertificateKind,
  number: Schema.String,
  reason: Text.Reason
}) {}

/**
 * Record every certificate of the product whose validity has passed, by the `Clock`, and take
 * the product off the market if it no longer meets the market rule (a Dinas officer, usually
 * its scheduler, daily).
 */
export class ExpireCertificates extends Schema.TaggedClass<ExpireCertificates>()("ExpireCertificates", {
  actor: Actor.Actor,
  productId: ProductId
}) {}

/** Market the product on a channel (its pesantren's admin, or a Dinas officer). */
export class MarketProduct extends Schema.TaggedClass<MarketProduct>()("MarketProduct", {
  actor: Actor.Actor,
  productId: ProductId,
  channel: MarketChannel
}) {}

/** Take the product off a channel (its pesantren's admin, or a Dinas officer). */
export class WithdrawProductFromMarket extends Schema.TaggedClass<WithdrawProductFromMarket>()("WithdrawProductFromMarket", {
  actor: Actor.Actor,
  productId: ProductId,
  channel: MarketChannel,
  reason: Text.Reason
}) {}

/** Change the product's unit price (its pesantren's admin); the same price changes nothing. */
export class RepriceProduct extends Schema.TaggedClass<RepriceProduct>()("RepriceProduct", {
  actor: Actor.Actor,
  productId: ProductId,
  unitPrice: UnitPrice
}) {}

/** Change the units the pesantren can make in a month (its admin); the same capacity changes nothing. */
export class ChangeMonthlyCapacity extends Schema.TaggedClass<ChangeMonthlyCapacity>()("ChangeMonthlyCapacity", {
  actor: Actor.Actor,
  productId: ProductId,
  monthlyCapacity: MonthlyCapacity
}) {}

/** Schema of every command of a product stream. */
export const ProductCommand = Schema.Union(
  ProposeProduct,
  SubmitProductForCuration,
  ScoreProduct,
  AddCertificate,
  RevokeCertificate,
  ExpireCertificates,
  MarketProduct,
  WithdrawProductFromMarket,
  RepriceProduct,
  ChangeMonthlyCapacity
)

/** A command of a product stream. */
export type ProductCommand = typeof ProductCommand.Type
