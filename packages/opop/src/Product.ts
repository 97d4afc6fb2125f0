/**
 * The product aggregate, one stream per product (`product-<productId>`): proposed by its
 * pesantren's admin → submitted for curation → scored by a curator and graded → certificates
 * added, revoked, expired → marketed on channels.
 *
 * The market rule (adr/0010): a food or drink product is graded market-ready (`BERKEMBANG`,
 * `UNGGULAN`) or marketed only while it holds, on the `Clock`'s day (WIB), a valid halal
 * certificate and a valid P-IRT or BPOM registration. When a revocation or an expiry breaks
 * the rule, the product leaves every channel in the same append.
 *
 * A revoked certificate number stays revoked for the product, whatever dates it is added with
 * again (adr/0014): `decide` refuses it, and `evolve` keeps it revoked even if a stream written
 * before the rule holds such an addition. A product is proposed only for a registered pesantren
 * that is not suspended, as its stream says (`PesantrenStanding`).
 *
 * @since 0.1.0
 */
import { Effect, Struct } from "effect"
import { Aggregate, Decider, EventCodec, Lifecycle } from "@jatim/eventstore"
import { type Actor, CalendarDate, type Identifier, type Rupiah, type Visibility } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import * as Certificate from "./Certificate.js"
import * as Curation from "./Curation.js"
import type { MarketChannel } from "./MarketChannel.js"
import * as PesantrenStanding from "./PesantrenStanding.js"
import type { ProductCategory } from "./ProductCategory.js"
import type { AddCertificate, ProductCommand, ProposeProduct, RevokeCertificate, ScoreProduct } from "./ProductCommand.js"
import {
  AlreadyMarketedOnChannel,
  CertificateAlreadyRecorded,
  CertificateNotInForce,
  CertificateNumberRevoked,
  CertificationRequired,
  InvalidCertificateDates,
  InvalidProductTransition,
  NotMarketedOnChannel,
  ProductAlreadyProposed,
  ProductNotFound,
  ProductNotMarketReady,
  PesantrenStandingUnverified,
  ProposalPesantrenNotRegistered,
  ProposalPesantrenSuspended,
  type ProductError
} from "./ProductError.js"
import {
  CertificateAdded,
  CertificateExpired,
  CertificateRevoked,
  MonthlyCapacityChanged,
  ProductCurated,
  ProductEvent,
  ProductMarketed,
  ProductProposed,
  ProductRepriced,
  ProductSubmittedForCuration,
  ProductWithdrawnFromMarket
} from "./ProductEvent.js"
import type { ProductId } from "./ProductId.js"
import type { ProductStatus } from "./ProductStatus.js"

/** The streams of products, one a product: `product-<productId>`; a command is decided on its productId's (category `"product"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("product", (command: ProductCommand) => command.productId)

/** A certificate the product holds, and whether it is still in force. */
export interface HeldCertificate {
  readonly certificate: Certificate.Certificate
  readonly status: "IN_FORCE" | "REVOKED" | "EXPIRED"
}

/** The latest curation of a product. */
export interface CurationResult {
  readonly scores: Curation.Scores
  readonly total: number
  readonly grade: Curation.Grade
  readonly curatedOn: CalendarDate.CalendarDate
}

/** No product was proposed under this id. */
export interface NotProposed {
  readonly _tag: "NotProposed"
}

/** A proposed product. */
export interface Proposed {
  readonly _tag: "Proposed"
  readonly productId: ProductId
  readonly nspp: Identifier.Nspp
  readonly name: string
  readonly category: ProductCategory
  readonly description: string
  readonly unitPrice: Rupiah.Rupiah
  readonly monthlyCapacity: number
  readonly status: ProductStatus
  /** The latest curation, kept while the product is curated again. */
  readonly curation: CurationResult | undefined
  readonly certificates: ReadonlyArray<HeldCertificate>
  /** The channels it is marketed on. */
  readonly channels: ReadonlyArray<MarketChannel>
}

/** The state of a product stream. */
export type State = NotProposed | Proposed

/** Whether `held` is the certificate of that kind and number: numbers compare without regard to case (`abc/123` is `ABC/123`). */
const sameCertificate = (held: HeldCertificate, kind: Certificate.CertificateKind, number: string) =>
  held.certificate._tag === kind && held.certificate.number.toUpperCase() === number.toUpperCase()

const markCertificate = (
  certificates: ReadonlyArray<HeldCertificate>,
  kind: Certificate.CertificateKind,
  number: string,
  status: HeldCertificate["status"]
): ReadonlyArray<HeldCertificate> =>
  certificates.map((held) =>
    held.status === "IN_FORCE" && sameCertificate(held, kind, number) ? { certificate: held.certificate, status } : held
  )

/** Whether the product's certificate `kind` `number` was revoked: it then stays revoked, whatever its dates. */
export const isRevoked = (product: Proposed, kind: Certificate.CertificateKind, number: string): boolean =>
  product.certificates.some((held) => held.status === "REVOKED" && sameCertificate(held, kind, number))

/**
 * `initialState` is the state of a stream with no events (`NotProposed`), `evolve` the state after
 * one more event. Events that do not apply to the state leave it as it is.
 */
export const { initialState, evolve } = Lifecycle.make<State, ProductEvent>()({
  initial: "NotProposed",
  creation: "ProductProposed",
  create: (event) => ({
    ...Struct.omit(event, "_tag"),
    _tag: "Proposed",
    status: "PROPOSED",
    curation: undefined,
    certificates: [],
    channels: []
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "ProductSubmittedForCuration":
        return { ...state, status: "IN_CURATION" }
      case "ProductCurated":
        return {
          ...state,
          status: "CURATED",
          curation: { scores: event.scores, total: event.total, grade: event.grade, curatedOn: event.curatedOn }
        }
      case "CertificateAdded":
        return isRevoked(state, event.certificate._tag, event.certificate.number)
          ? state
          : {
              ...state,
              certificates: [
                ...state.certificates.filter((held) => !sameCertificate(held, event.certificate._tag, event.certificate.number)),
                { certificate: event.certificate, status: "IN_FORCE" }
              ]
            }
      case "CertificateRevoked":
        return { ...state, certificates: markCertificate(state.certificates, event.kind, event.number, "REVOKED") }
      case "CertificateExpired":
        return { ...state, certificates: markCertificate(state.certificates, event.kind, event.number, "EXPIRED") }
      case "ProductMarketed":
        return state.channels.includes(event.channel) ? state : { ...state, channels: [...state.channels, event.channel] }
      case "ProductWithdrawnFromMarket":
        return { ...state, channels: state.channels.filter((channel) => channel !== event.channel) }
      case "ProductRepriced":
        return { ...state, unitPrice: event.unitPrice }
      case "MonthlyCapacityChanged":
        return { ...state, monthlyCapacity: event.monthlyCapacity }
    }
  }
})

/** The certificates of a product neither revoked nor recorded as expired. */
export const certificatesInForce = (product: Proposed): ReadonlyArray<Certificate.Certificate> =>
  product.certificates.filter((held) => held.status === "IN_FORCE").map((held) => held.certificate)

/** What the product lacks on `date` to be graded market-ready or marketed (nothing outside food and drink). */
export const missingForMarket = (product: Proposed, date: CalendarDate.CalendarDate): ReadonlyArray<Certificate.MarketRequirement> =>
  Certificate.missingForMarket(product.category, certificatesInForce(product), date)

/** The current grade: the latest curation's while the product is curated, none while (re)curation is pending. */
export const currentGrade = (state: State): Curation.Grade | undefined =>
  state._tag === "Proposed" && state.status === "CURATED" ? state.curation?.grade : undefined

/** Whether the product is on the market and meets the market rule on `date`. */
export const isMarketableOn = (state: State, date: CalendarDate.CalendarDate): boolean =>
  state._tag === "Proposed" && state.channels.length > 0 && missingForMarket(state, date).length === 0

/** What the visibility of a product depends on: its pesantren, status and channels. */
export interface VisibilityFacts {
  readonly nspp: Identifier.Nspp
  readonly status: ProductStatus
  readonly channels: ReadonlyArray<MarketChannel>
}

/** Whether a product is public (in the OPOP catalogue): curated now, or on a market channel. */
export const isPublic = (product: VisibilityFacts): boolean => product.status === "CURATED" || product.channels.length > 0

/**
 * Whether `actor` may know of the product (adr/0014): everyone once it is public; its
 * pesantren's own admin and the Dinas always; a curator while it awaits a curator's score
 * (`IN_CURATION`). To anyone else it does not exist, in queries and in commands alike.
 */
export const canSee = (actor: Visibility.Viewer, product: VisibilityFacts): boolean =>
  isPublic(product) ||
  actor._tag === "DINAS_OFFICER" ||
  (actor._tag === "PESANTREN_ADMIN" && actor.nspp === product.nspp) ||
  (actor._tag === "CURATOR" && product.status === "IN_CURATION")

/**
 * The product, for a command by `actor`: `ProductNotFound` when there is none, and likewise when
 * `actor` may not know of it (so a refusal never tells a stranger whose draft it is).
 */
const existing = (state: State, command: { readonly productId: ProductId; readonly actor: Actor.Actor }, action: string) =>
  state._tag === "Proposed" && canSee(command.actor, state)
    ? Effect.succeed(state)
    : Effect.fail(new ProductNotFound({ productId: command.productId, action }))

/** Withdrawals from every channel when the product no longer meets the market rule. */
const withdrawalsIfUnmarketable = (
  product: Proposed,
  date: CalendarDate.CalendarDate,
  reason: string
): ReadonlyArray<ProductWithdrawnFromMarket> =>
  missingForMarket(product, date).length === 0
    ? []
    : product.channels.map((channel) => new ProductWithdrawnFromMarket({ productId: product.productId, channel, reason }))

const propose = (command: ProposeProduct, state: State) =>
  Effect.gen(function* () {
    yield* Authorization.authorize("ProposeProduct", command.actor, command.nspp)
    if (state._tag === "Proposed") return yield* new ProductAlreadyProposed({ productId: command.productId })
    const standing: unknown = command.pesantren
    if (!PesantrenStanding.isRead(standing)) {
      return yield* new PesantrenStandingUnverified({
        productId: command.productId,
        nspp: command.nspp,
        reason: "the standing it carries was not read from the pesantren's stream"
      })
    }
    if (standing.nspp !== command.nspp) {
      return yield* new PesantrenStandingUnverified({
        productId: command.productId,
        nspp: command.nspp,
        reason: `the standing it carries is pesantren ${standing.nspp}'s`
      })
    }
    if (!standing.registered) {
      return yield* new ProposalPesantrenNotRegistered({ productId: command.productId, nspp: command.nspp })
    }
    if (standing.suspension !== undefined) {
      return yield* new ProposalPesantrenSuspended({ productId: command.productId, nspp: command.nspp, reason: standing.suspension })
    }
    const { productId, nspp, name, category, description, unitPrice, monthlyCapacity } = command
    return [new ProductProposed({ productId, nspp, name, category, description, unitPrice, monthlyCapacity })]
  })

const score = (command: ScoreProduct, state: State) =>
  Effect.gen(function* () {
    const product = yield* existing(state, command, "score it")
    yield* Authorization.authorize("ScoreProduct", command.actor, product.nspp)
    if (product.status !== "IN_CURATION") {
      return yield* new InvalidProductTransition({
        productId: product.productId,
        status: product.status,
        action: "score it",
        rule: "a curator scores only a product submitted for curation"
      })
    }
    const total = Curation.total(command.scores)
    const grade = Curation.gradeOf(total)
    const today = yield* CalendarDate.today
    const missing = missingForMarket(product, today)
    if (Curation.isMarketReady(grade) && missing.length > 0) {
      return yield* new CertificationRequired({
        productId: product.productId,
        category: product.category,
        action: `be graded ${grade} (a total of ${total})`,
        missing,
        on: today
      })
    }
    const curatorId = command.actor._tag === "CURATOR" ? command.actor.curatorId : ""
    return [new ProductCurated({ productId: product.productId, scores: command.scores, total, grade, curatorId, curatedOn: today })]
  })

const addCertificate = (command: AddCertificate, state: State) =>
  Effect.gen(function* () {
    const product = yield* existing(state, command, "add a certificate to it")
    yield* Authorization.authorize("AddCertificate", command.actor, product.nspp)
    const certificate = Certificate.fromSubmission(command.certificate)
    if (isRevoked(product, certificate._tag, certificate.number)) {
      return yield* new CertificateNumberRevoked({ productId: product.productId, kind: certificate._tag, number: certificate.number })
    }
    const today = yield* CalendarDate.today
    const { validUntil } = certificate
    const problem =
      certificate.issuedOn > today
        ? "it cannot be issued after today"
        : validUntil !== undefined && validUntil < certificate.issuedOn
          ? "it cannot expire before it is issued"
          : validUntil !== undefined && validUntil < today
            ? "it has expired already; add its renewal instead"
            : undefined
    if (problem !== undefined) {
      return yield* new InvalidCertificateDates({
        productId: product.productId,
        kind: certificate._tag,
        number: certificate.number,
        issuedOn: certificate.issuedOn,
        validUntil,
        today,
        reason: problem
      })
    }
    const duplicate = product.certificates.some(
      (held) => sameCertificate(held, certificate._tag, certificate.number) && held.certificate.issuedOn === certificate.issuedOn
    )
    if (duplicate) {
      return yield* new CertificateAlreadyRecorded({
        productId: product.productId,
        kind: certificate._tag,
        number: certificate.number,
        issuedOn: certificate.issuedOn
      })
    }
    return [new CertificateAdded({ productId: product.productId, certificate })]
  })

const revokeCertificate = (command: RevokeCertificate, state: State) =>
  Effect.gen(function* () {
    const product = yield* existing(state, command, "revoke its certificate")
    yield* Authorization.authorize("RevokeCertificate", command.actor, product.nspp)
    const { kind, number } = command
    if (!product.certificates.some((held) => held.status === "IN_FORCE" && sameCertificate(held, kind, number))) {
      return yield* new CertificateNotInForce({ productId: product.productId, kind, number })
    }
    const revoked = new CertificateRevoked({ productId: product.productId, kind, number, reason: command.reason })
    const after = evolve(product, revoked)
    const today = yield* CalendarDate.today
    return [
      revoked,
      ...(after._tag === "Proposed"
        ? withdrawalsIfUnmarketable(after, today, `${kind} ${number}, which the market rule needs, was revoked`)
        : [])
    ]
  })

/** The events a command produces on a product stream, or the rule that refuses it. */
export const decide = (command: ProductCommand, state: State): Effect.Effect<ReadonlyArray<ProductEvent>, ProductError> => {
  switch (command._tag) {
    case "ProposeProduct":
      return propose(command, state)
    case "SubmitProductForCuration":
      return Effect.gen(function* () {
        const action = "submit it for curation"
        const product = yield* existing(state, command, action)
        yield* Authorization.authorize("SubmitProductForCuration", command.actor, product.nspp)
        if (product.status === "IN_CURATION") {
          return yield* new InvalidProductTransition({
            productId: product.productId,
            status: product.status,
            action,
            rule: "it awaits a curator's score already"
          })
        }
        if (product.channels.length > 0) {
          return yield* new InvalidProductTransition({
            productId: product.productId,
            status: product.status,
            action,
            rule: `a product is curated again only off the market, and it is on ${product.channels.join(", ")}: withdraw it first`
          })
        }
        return [new ProductSubmittedForCuration({ productId: product.productId })]
      })
    case "ScoreProduct":
      return score(command, state)
    case "AddCertificate":
      return addCertificate(command, state)
    case "RevokeCertificate":
      return revokeCertificate(command, state)
    case "ExpireCertificates":
      return Effect.gen(function* () {
        const product = yield* existing(state, command, "record the expiry of its certificates")
        yield* Authorization.authorize("ExpireCertificates", command.actor, product.nspp)
        const today = yield* CalendarDate.today
        const expired = certificatesInForce(product).flatMap((certificate) =>
          certificate.validUntil !== undefined && Certificate.hasLapsedOn(certificate, today)
            ? [
                new CertificateExpired({
                  productId: product.productId,
                  kind: certificate._tag,
                  number: certificate.number,
                  validUntil: certificate.validUntil
                })
              ]
            : []
        )
        if (expired.length === 0) return []
        const after = expired.reduce(evolve, product)
        return [
          ...expired,
          ...(after._tag === "Proposed" ? withdrawalsIfUnmarketable(after, today, "a certificate the market rule needs has expired") : [])
        ]
      })
    case "MarketProduct":
      return Effect.gen(function* () {
        const action = "market it"
        const product = yield* existing(state, command, action)
        yield* Authorization.authorize("MarketProduct", command.actor, product.nspp)
        if (product.status !== "CURATED" || product.curation === undefined) {
          return yield* new InvalidProductTransition({
            productId: product.productId,
            status: product.status,
            action,
            rule: "only a curated product is marketed"
          })
        }
        if (!Curation.isMarketReady(product.curation.grade)) {
          return yield* new ProductNotMarketReady({ productId: product.productId, grade: product.curation.grade })
        }
        if (product.channels.includes(command.channel)) {
          return yield* new AlreadyMarketedOnChannel({ productId: product.productId, channel: command.channel })
        }
        const today = yield* CalendarDate.today
        const missing = missingForMarket(product, today)
        if (missing.length > 0) {
          return yield* new CertificationRequired({
            productId: product.productId,
            category: product.category,
            action: `be marketed on ${command.channel}`,
            missing,
            on: today
          })
        }
        return [new ProductMarketed({ productId: product.productId, channel: command.channel, since: today })]
      })
    case "WithdrawProductFromMarket":
      return Effect.gen(function* () {
        const product = yield* existing(state, command, "withdraw it from the market")
        yield* Authorization.authorize("WithdrawProductFromMarket", command.actor, product.nspp)
        if (!product.channels.includes(command.channel)) {
          return yield* new NotMarketedOnChannel({ productId: product.productId, channel: command.channel })
        }
        return [new ProductWithdrawnFromMarket({ productId: product.productId, channel: command.channel, reason: command.reason })]
      })
    case "RepriceProduct":
      return Effect.gen(function* () {
        const product = yield* existing(state, command, "reprice it")
        yield* Authorization.authorize("RepriceProduct", command.actor, product.nspp)
        if (product.unitPrice === command.unitPrice) return []
        return [new ProductRepriced({ productId: product.productId, unitPrice: command.unitPrice, repricedOn: yield* CalendarDate.today })]
      })
    case "ChangeMonthlyCapacity":
      return Effect.gen(function* () {
        const product = yield* existing(state, command, "change its monthly capacity")
        yield* Authorization.authorize("ChangeMonthlyCapacity", command.actor, product.nspp)
        if (product.monthlyCapacity === command.monthlyCapacity) return []
        return [new MonthlyCapacityChanged({ productId: product.productId, monthlyCapacity: command.monthlyCapacity })]
      })
  }
}

/** The product decider. */
export const decider: Decider.Decider<ProductCommand, ProductEvent, State, ProductError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of product events. */
export const codec: EventCodec.EventCodec<ProductEvent> = EventCodec.make(ProductEvent)
