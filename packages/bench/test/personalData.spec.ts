import { Effect } from "effect"
import fc from "fast-check"
import { CryptoShredding, InMemoryEventStore, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { describe, expect, it } from "vitest"
import { classification, nameOf, personEvent, personId, subjectOf } from "../src/scenarios/personalData.js"

describe("the personal-data scenario's codec", () => {
  it("has one personal field, the name, about person:<personId>", () => {
    expect([...classification.keys()]).toEqual(["SimpananPribadiDisetor"])
    const fields = classification.get("SimpananPribadiDisetor")!
    expect(fields.map((f) => ({ path: f.path, subject: f.subject, idField: f.idField }))).toEqual([
      { path: ["name"], subject: "person", idField: "personId" }
    ])
  })

  it("seals the name through CryptoShredding, opens it on read, and reads it as erased once forgotten", async () => {
    const id = personId(42)
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const inner = yield* InMemoryEventStore.make()
        const keys = yield* PersonalDataKeys.makeInMemory
        const store = CryptoShredding.make(inner, keys, classification)
        yield* store.appendToStream("pribadi-1", [personEvent(id, 7)])
        const stored = (yield* inner.readStream("pribadi-1")).events[0]!.data
        const read = (yield* store.readStream("pribadi-1")).events[0]!.data
        yield* keys.forget(PersonalData.subject("person", id))
        const erased = (yield* store.readStream("pribadi-1")).events[0]!.data
        return { stored, read, erased }
      })
    )
    expect(JSON.stringify(result.stored)).not.toContain(nameOf(id))
    expect(result.stored["personId"]).toBe(id)
    expect(result.read).toMatchObject({ personId: id, name: nameOf(id), amount: 7 })
    expect(result.erased).toMatchObject({ personId: id, name: PersonalData.erasedText, amount: 7 })
  })
})

describe("subjectOf", () => {
  it("gives a subject number in [0, subjects) for every event", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 1_000_000 }), (i, subjects) => {
        const n = subjectOf(i, subjects)
        return Number.isInteger(n) && n >= 0 && n < subjects
      })
    )
  })

  it("spreads 20,000 events over nearly all of 2,000 subjects", () => {
    const seen = new Set(Array.from({ length: 20_000 }, (_, i) => subjectOf(i, 2_000)))
    expect(seen.size).toBeGreaterThan(1_990)
  })
})

describe("nameOf", () => {
  it("ends with the last four characters of the id, after a given and a family name", () => {
    fc.assert(
      fc.property(fc.nat({ max: 999_999 }), (n) => {
        const id = personId(n)
        return /^[A-Z][a-z]+ [A-Z][a-z]+ \d{4}$/.test(nameOf(id)) && nameOf(id).endsWith(` ${id.slice(-4)}`)
      })
    )
  })
})
