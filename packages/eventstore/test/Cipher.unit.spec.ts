/** The keys sealing derives from a subject's key: what `CryptoShredding` keeps for every subject it seals. */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import * as Cipher from "../src/internal/personalData/cipher.js"
import { PersonalDataKeys } from "../src/index.js"

describe("Derived keys", () => {
  it("hold 32 bytes of their own, never a slice of a shared pool that a kept key would keep alive", () => {
    fc.assert(
      fc.property(fc.constantFrom("learner", "pengasuh", "umkm-owner"), fc.string({ minLength: 1, maxLength: 20 }), (kind, id) => {
        const keys = Cipher.derive(PersonalDataKeys.generate(`${kind}:${id}`))
        for (const key of [keys.encryption, keys.nonce]) {
          expect(key.byteLength).toBe(32)
          expect(key.buffer.byteLength).toBe(32)
        }
      })
    )
  })

  it("seal and open a value with the keys derived, and with those alone", () => {
    const subject = "learner:L-1"
    const key = PersonalDataKeys.generate(subject)
    const envelope = Cipher.seal(Cipher.derive(key), subject, "place", "Siti Aminah")
    expect(Cipher.open(key.key, envelope, "place")).toEqual({ value: "Siti Aminah" })
    expect(Cipher.open(PersonalDataKeys.generate(subject).key, envelope, "place")).toBeUndefined()
  })
})
