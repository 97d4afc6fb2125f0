import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { appendedOf, appendedPayload } from "../src/internal/notifier.js"
import { heartbeatPayload } from "../src/internal/listener.js"

const category = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/)
const sender = fc.stringMatching(/^[a-z0-9]{1,14}$/)

describe("the store's notifications", () => {
  it("name their sender and the categories appended, there and back", () => {
    fc.assert(
      fc.property(sender, fc.uniqueArray(category, { minLength: 1, maxLength: 8 }), (from, categories) => {
        const payload = appendedPayload(from, categories)
        expect(payload.length).toBeLessThan(8000)
        expect(appendedOf(payload)).toEqual({ sender: from, categories })
      })
    )
  })

  it("name no category when the list is too long for a notification, which wakes every subscriber", () => {
    const many = Array.from({ length: 400 }, (_, i) => `category_${i}`)
    const payload = appendedPayload("s1", many)
    expect(payload.length).toBeLessThan(8000)
    expect(appendedOf(payload)).toEqual({ sender: "s1" })
  })

  it("read an append in a caller's transaction (its category alone) and the payload of earlier versions", () => {
    expect(appendedOf("pesantren")).toEqual({ categories: ["pesantren"] })
    expect(appendedOf("appended")).toEqual({})
    expect(heartbeatPayload).not.toMatch(/^appended/)
  })
})
