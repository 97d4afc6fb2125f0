/**
 * Event ids: random UUIDs (version 4) drawn from Effect's `Random`, so tests that fix the
 * random seed get the same ids every run.
 *
 * @since 0.1.0
 */
import { Effect, Random } from "effect"

const hex = (n: number) => n.toString(16).padStart(2, "0")

/** A new random UUID v4. */
export const make: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 16 }, () => Random.nextIntBetween(0, 256))),
  (bytes) => {
    bytes[6] = (bytes[6]! & 0x0f) | 0x40
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const h = bytes.map(hex).join("")
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
)

const namespaceBytes = (namespace: string) => new TextEncoder().encode(`@jatim/eventstore:${namespace}:`)

/**
 * A name-based UUID (version 5: SHA-1 of a namespace and a name): the same inputs always give
 * the same id. Used to make the events caused by one message idempotent across redeliveries.
 */
export const fromName = (namespace: string, name: string): Effect.Effect<string> =>
  Effect.promise(async () => {
    const prefix = namespaceBytes(namespace)
    const suffix = new TextEncoder().encode(name)
    const input = new Uint8Array(prefix.length + suffix.length)
    input.set(prefix)
    input.set(suffix, prefix.length)
    const bytes = Array.from(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-1", input)).slice(0, 16))
    bytes[6] = (bytes[6]! & 0x0f) | 0x50
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const h = bytes.map(hex).join("")
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  })
