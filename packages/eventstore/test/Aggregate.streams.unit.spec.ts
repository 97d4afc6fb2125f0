import { describe, expect, it } from "vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { Aggregate, StreamName } from "../src/index.js"

describe("Aggregate.streamsById", () => {
  it("names the stream <category>-<id> of the id a command carries, a stream name the store accepts", () => {
    const streams = Aggregate.streamsById("product", (command: { readonly productId: string }) => command.productId)
    expect(streams.category).toBe("product")
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), (productId) => {
        expect(streams.streamName(productId)).toBe(`product-${productId}`)
        expect(streams.streamNameOf({ productId })).toBe(streams.streamName(productId))
        const parsed = Either.getOrThrow(StreamName.parse(streams.streamNameOf({ productId })))
        expect(StreamName.category(parsed)).toBe("product")
        expect(StreamName.id(parsed)).toBe(productId)
      })
    )
  })
})
