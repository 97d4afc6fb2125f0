/**
 * AES-256-GCM of personal fields with Node's `crypto`. A field's value (as JSON) becomes an
 * envelope naming its subject and key; the envelope's nonce is derived from the field's place
 * (event id and path) and its value by HMAC-SHA-256 under a second key derived from the
 * subject's, so the same event sealed twice gives the same envelope (an append retried with the
 * same event ids is recognised as a retry) and two different values never share a nonce. The
 * subject, key id and place are the authenticated data: an envelope moved to another event or
 * field does not open.
 *
 * @internal
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto"
import type { SubjectKey } from "../../PersonalDataKeys.js"

/** A sealed personal field, as stored in the event's JSON data. */
export interface Envelope {
  readonly $personal: 1
  readonly subject: string
  readonly keyId: string
  /** Base64url: the 12-byte nonce. */
  readonly iv: string
  /** Base64url: the ciphertext followed by the 16-byte tag. */
  readonly data: string
}

/** Whether a stored value is a sealed personal field. */
export const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === "object" &&
  value !== null &&
  (value as { $personal?: unknown }).$personal === 1 &&
  typeof (value as Envelope).subject === "string" &&
  typeof (value as Envelope).keyId === "string" &&
  typeof (value as Envelope).iv === "string" &&
  typeof (value as Envelope).data === "string"

/** A subject's key with the keys derived from it, made once per key. */
export interface Keys {
  readonly keyId: string
  readonly encryption: Uint8Array
  readonly nonce: Uint8Array
}

/**
 * The encryption key and the nonce key of a subject's key. Each holds 32 bytes of its own: these
 * are kept (`CryptoShredding` keeps thousands), and a small `Buffer` is a slice of an 8 KB pool
 * that it keeps alive whole (4,000 subjects held 17 MB of such slabs).
 */
export const derive = (key: SubjectKey): Keys => ({
  keyId: key.keyId,
  encryption: new Uint8Array(key.key),
  nonce: new Uint8Array(hkdfSync("sha256", key.key, new Uint8Array(0), "jatim personal data nonce", 32))
})

const aad = (subject: string, keyId: string, place: string) => Buffer.from(`${subject}\u0000${keyId}\u0000${place}`, "utf8")

/** Seals `value` (any JSON value) of `subject` at `place` (event id and path). */
export const seal = (keys: Keys, subject: string, place: string, value: unknown): Envelope => {
  const plaintext = Buffer.from(JSON.stringify(value), "utf8")
  const associated = aad(subject, keys.keyId, place)
  // The length first: without it, place "e/phones.1" with 23 and "e/phones.12" with 3 would share a nonce.
  const length = Buffer.alloc(4)
  length.writeUInt32BE(associated.length)
  const iv = createHmac("sha256", keys.nonce).update(length).update(associated).update(plaintext).digest().subarray(0, 12)
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv)
  cipher.setAAD(associated)
  const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return { $personal: 1, subject, keyId: keys.keyId, iv: iv.toString("base64url"), data: data.toString("base64url") }
}

/**
 * The value sealed in `envelope` at `place` under the subject's `key`, or `undefined` when it
 * does not authenticate. Opening needs no derived key: the nonce is in the envelope.
 */
export const open = (key: Uint8Array, envelope: Envelope, place: string): { readonly value: unknown } | undefined => {
  try {
    const data = Buffer.from(envelope.data, "base64url")
    if (data.length < 16) return undefined
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(envelope.iv, "base64url"))
    decipher.setAAD(aad(envelope.subject, envelope.keyId, place))
    decipher.setAuthTag(data.subarray(data.length - 16))
    const plaintext = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()])
    return { value: JSON.parse(plaintext.toString("utf8")) }
  } catch {
    return undefined
  }
}
