/**
 * OPOP's application surface, `Commands`: command handling on the `EventStore` of the context
 * (any adapter). Each function takes a command (which carries its actor) and works out the
 * stream its id names, with its actor in the events' metadata. The handler loads
 * the stream, decides, appends with the version it loaded (`Exact(n)`) and decides again on a
 * conflict, so two commands never both succeed on the same state of a stream.
 *
 * Commands that need another stream's facts (`DesignateFlagship` the product's grade,
 * `ProposeProduct` the pesantren's standing) carry them only as this package reads them
 * (adr/0014): `designateFlagship` and `proposeProduct` read them before deciding.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Struct } from "effect"
import { Aggregate, type CommandHandler, type EventStore } from "@jatim/eventstore"
import { Actor, Identifier } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import * as FlagshipCandidate from "./FlagshipCandidate.js"
import * as Pesantren from "./Pesantren.js"
import { DesignateFlagship } from "./PesantrenCommand.js"
import type { PesantrenEvent } from "./PesantrenEvent.js"
import * as Product from "./Product.js"
import * as PesantrenStanding from "./PesantrenStanding.js"
import { ProposeProduct } from "./ProductCommand.js"
import type { PesantrenError } from "./PesantrenError.js"
import { type ProductError, ProductNotFound } from "./ProductError.js"
import type { ProductEvent } from "./ProductEvent.js"
import { ProductId } from "./ProductId.js"
import * as Santripreneur from "./Santripreneur.js"

/** Options of a command: correlation, causation, and optionally the version the caller saw. */
export type CommandOptions = CommandHandler.CommandOptions

/** What handling a command returns. */
export type Result<Event, State> = CommandHandler.HandleResult<Event, State>

/** What the event store can fail with while a command is handled. */
export type StoreError = CommandHandler.StoreError

/** `pesantren` handles a pesantren command on `pesantren-<nspp>`; `pesantrenHandler` on the stream the caller names. */
export const { handle: pesantren, handler: pesantrenHandler } = Aggregate.commands(Pesantren, Actor.refOfCommand)

/** `product` handles a product command on `product-<productId>`; `productHandler` on the stream the caller names. */
export const { handle: product, handler: productHandler } = Aggregate.commands(Product, Actor.refOfCommand)

/** `santripreneur` handles a santripreneur command on `santripreneur-<santriId>`; `santripreneurHandler` on the stream the caller names. */
export const { handle: santripreneur, handler: santripreneurHandler } = Aggregate.commands(Santripreneur, Actor.refOfCommand)

/** Schema of what `designateFlagship` needs: who designates which product for which pesantren, retiring which. */
export const DesignationRequest = Schema.Struct({
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  productId: ProductId,
  /** The active flagship the designation retires, as the caller last saw it (absent: none). */
  retiring: Schema.optional(ProductId).annotations({
    description: "the active flagship the designation retires, as the caller last saw it (absent: none)"
  })
})

/** What `designateFlagship` needs: who designates which product for which pesantren, retiring which. */
export interface DesignationRequest extends Schema.Schema.Type<typeof DesignationRequest> {}

/**
 * Designates a flagship: reads the product's stream for its pesantren and current grade
 * (`FlagshipCandidate.read`), then
 * decides `DesignateFlagship` on the pesantren's stream, where One Pesantren One Product holds.
 */
export const designateFlagship = (
  request: DesignationRequest,
  options?: CommandOptions
): Effect.Effect<Result<PesantrenEvent, Pesantren.State>, PesantrenError | ProductNotFound | StoreError, EventStore.EventStore> =>
  Effect.gen(function* () {
    // Who may designate comes first; then another pesantren's product answers as one that does
    // not exist, so a designation never tells whose product an id is (adr/0014).
    yield* Authorization.authorize("DesignateFlagship", request.actor, request.nspp)
    const candidate = yield* FlagshipCandidate.read(request.productId)
    if (Option.isNone(candidate) || candidate.value.nspp !== request.nspp) {
      return yield* new ProductNotFound({ productId: request.productId, action: "designate it a flagship" })
    }
    return yield* pesantren(
      new DesignateFlagship({ actor: request.actor, nspp: request.nspp, candidate: candidate.value, retiring: request.retiring }),
      options
    )
  })

/** Schema of what `proposeProduct` needs: `ProposeProduct` without the pesantren's standing, which is read. */
export const ProposalRequest = Schema.Struct(Struct.omit(ProposeProduct.fields, "_tag", "pesantren"))

/** What `proposeProduct` needs: `ProposeProduct` without the pesantren's standing, which is read. */
export interface ProposalRequest extends Schema.Schema.Type<typeof ProposalRequest> {}

/**
 * Proposes a product: reads the pesantren's standing (registered, suspended) from its stream,
 * then decides `ProposeProduct` on the product's stream, which refuses a pesantren that is not
 * registered or is suspended.
 */
export const proposeProduct = (
  request: ProposalRequest,
  options?: CommandOptions
): Effect.Effect<Result<ProductEvent, Product.State>, ProductError | StoreError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const standing = yield* PesantrenStanding.read(request.nspp)
    return yield* product(new ProposeProduct({ ...request, pesantren: standing }), options)
  })
