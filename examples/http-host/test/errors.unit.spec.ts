import { describe, expect, it } from "vitest"
import {
  EventStoreUnavailable,
  ExpectedVersion,
  ExpectedVersionConflict,
  InvalidCategory,
  InvalidEvent,
  InvalidExpectedVersion,
  InvalidReadRequest,
  InvalidStreamName
} from "@jatim/eventstore"
import { toHttpError } from "../src/errors.js"

describe("toHttpError: the store's errors", () => {
  it("what the request holds and the store can never keep is the client's to change: 400 InvalidInput", () => {
    const refusals = [
      new InvalidEvent({ eventId: "e-1", eventType: "PesantrenRegistered", reason: "data.name holds a lone surrogate" }),
      new InvalidStreamName({ streamName: "pesantren-", reason: "the id is empty" }),
      new InvalidCategory({ category: "", reason: "it is empty" }),
      new InvalidExpectedVersion({ streamName: "pesantren-1", reason: "Exact needs a whole version" }),
      new InvalidReadRequest({ reason: "fromVersion must be a whole number from 1" })
    ]
    for (const refusal of refusals) {
      expect(toHttpError(refusal)).toMatchObject({ _tag: "InvalidInput", rule: refusal._tag, message: refusal.message })
    }
  })

  it("a store that failed is 503, a lost race 409", () => {
    expect(toHttpError(new EventStoreUnavailable({ operation: "append", reason: "connection lost" }))).toMatchObject({
      _tag: "StoreFailure",
      rule: "EventStoreUnavailable"
    })
    expect(
      toHttpError(new ExpectedVersionConflict({ streamName: "pesantren-1", expected: ExpectedVersion.exact(1), actual: 2 }))
    ).toMatchObject({ _tag: "Conflict", rule: "ExpectedVersionConflict" })
  })
})
