/** A pesantren with curated products, set up through the real command handlers, and a store that makes commands race. */
import { Deferred, Effect, Ref } from "effect"
import { EventStore } from "@jatim/eventstore"
import { Rupiah } from "@jatim/kernel"
import { Commands, PesantrenCommand, ProductCommand, type ProductId } from "../src/index.js"
import { admin, curator, dinas, nik, nspp, scoresTotalling, tebuireng } from "./fixtures.js"

/** Registers, links and verifies the pesantren; proposes, submits and scores `products` (crafts, BERKEMBANG). */
export const onboard = (products: ReadonlyArray<ProductId.ProductId>) =>
  Effect.gen(function* () {
    yield* Commands.pesantren(new PesantrenCommand.RegisterPesantren({ actor: admin, ...tebuireng }))
    yield* Commands.pesantren(new PesantrenCommand.LinkKopontren({ actor: admin, nspp, nik }))
    yield* Commands.pesantren(new PesantrenCommand.VerifyPesantren({ actor: dinas, nspp }))
    for (const productId of products) {
      yield* Commands.proposeProduct({
        actor: admin,
        productId,
        nspp,
        name: `Kerajinan ${productId}`,
        category: "KERAJINAN",
        description: "Kerajinan tangan santri",
        unitPrice: Rupiah.unsafeMake(120_000),
        monthlyCapacity: 300
      })
      yield* Commands.product(new ProductCommand.SubmitProductForCuration({ actor: admin, productId }))
      yield* Commands.product(new ProductCommand.ScoreProduct({ actor: curator, productId, scores: scoresTotalling(13) }))
    }
  })

/**
 * Runs `body` with an `EventStore` that holds the first `parties` reads of pesantren streams
 * until all of them have read, so that every party decides on the same version before any
 * appends, and counts the expected-version conflicts the store returns.
 */
export const racing = <A, E>(parties: number, body: Effect.Effect<A, E, EventStore.EventStore>) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const reads = yield* Ref.make(0)
    const allRead = yield* Deferred.make<void>()
    const conflicts = yield* Ref.make(0)
    const gated = EventStore.EventStore.of({
      ...store,
      readStream: (streamName, options) =>
        Effect.tap(store.readStream(streamName, options), () =>
          streamName.startsWith("pesantren-")
            ? Effect.gen(function* () {
                const n = yield* Ref.updateAndGet(reads, (count) => count + 1)
                if (n === parties) yield* Deferred.succeed(allRead, undefined)
                if (n <= parties) yield* Deferred.await(allRead)
              })
            : Effect.void
        ),
      appendToStream: (streamName, events, options) =>
        Effect.tapError(store.appendToStream(streamName, events, options), (error) =>
          error._tag === "ExpectedVersionConflict" ? Ref.update(conflicts, (count) => count + 1) : Effect.void
        )
    })
    const result = yield* Effect.provideService(body, EventStore.EventStore, gated).pipe(
      Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error("the racing parties never all read the stream") })
    )
    return { result, conflicts: yield* Ref.get(conflicts), reads: yield* Ref.get(reads) }
  })
