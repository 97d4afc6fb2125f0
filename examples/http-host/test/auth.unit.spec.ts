/**
 * Bearer tokens: what a signed token proves, and every way a token is refused (with its reason),
 * on the clock of the test (`TestClock`), so no test waits for a token to expire.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Duration, Effect, Either, FastCheck, Option, Schema, TestClock } from "effect"
import { type JWTPayload, SignJWT, UnsecuredJWT } from "jose"
import { Actor, Visibility } from "@jatim/kernel"
import { fromSecret, signToken, verifyToken, viewerOf } from "../src/auth.js"
import { parseTokenArgs, parseTtl } from "../src/tokenArgs.js"
import { clockAt } from "./support.js"

const keys = fromSecret("a-secret-of-thirty-two-bytes-or-more!")
const learner = Schema.decodeUnknownSync(Actor.Actor)({ _tag: "LEARNER", learnerId: "L-2025-000123" })
const start = Date.UTC(2026, 11, 7, 6, 0, 0)

/** The reason a token is refused now, or "accepted". */
const outcome = (token: string) =>
  Effect.map(Effect.either(verifyToken(keys, token)), Either.match({ onLeft: (error) => error.message, onRight: () => "accepted" }))

const signedAt = (millis: number, actor: Actor.Actor = learner, ttl?: Duration.DurationInput) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(millis)
    return yield* signToken(keys, actor, ttl === undefined ? {} : { ttl })
  })

/**
 * A token signed with the test keys outside `signToken`, at `start`: `payload` with subject
 * `subject` and the host's claims (iat, nbf unless `notBefore` is false, exp a minute later,
 * iss, aud).
 */
const signedByHand = (payload: JWTPayload, subject: string, options: { readonly notBefore?: boolean } = {}) =>
  Effect.promise(() => {
    const now = start / 1000
    const jwt = new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).setSubject(subject).setIssuedAt(now)
    if (options.notBefore !== false) jwt.setNotBefore(now)
    return jwt
      .setExpirationTime(now + 60)
      .setIssuer(keys.issuer)
      .setAudience(keys.audience)
      .sign(Option.getOrThrow(keys.signingKey))
  })

describe("bearer tokens", () => {
  it.effect("a token verifies back to the actor it was signed for, whoever that is", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(start)
      const actors = FastCheck.sample(Arbitrary.make(Actor.Actor), 50)
      for (const actor of actors) {
        const token = yield* signToken(keys, actor)
        expect(yield* verifyToken(keys, token)).toEqual(actor)
      }
    })
  )

  it.effect("carries sub, iat, nbf, exp (8 hours by default), iss and aud", () =>
    Effect.gen(function* () {
      const token = yield* signedAt(start)
      const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"))
      const now = start / 1000
      expect(payload).toMatchObject({
        sub: "L-2025-000123",
        actor: { _tag: "LEARNER", learnerId: "L-2025-000123" },
        iat: now,
        nbf: now,
        exp: now + 8 * 3600,
        iss: "jatim-koperasi",
        aud: "jatim-koperasi-api"
      })
    })
  )

  it.effect("a query's viewer: anonymous without an Authorization header, else the token's actor or the reason it is refused", () =>
    Effect.gen(function* () {
      const token = yield* signedAt(start)
      expect(yield* viewerOf(keys, undefined, "")).toEqual(Visibility.anonymous)
      expect(yield* viewerOf(keys, `Bearer ${token}`, token)).toEqual(learner)
      // A header that is sent must hold a valid token: never read as anonymous.
      for (const [header, sent] of [
        ["Bearer ", ""],
        ["Bearer nonsense", "nonsense"],
        ["Basic dXNlcjpwdw==", "c dXNlcjpwdw=="]
      ] as const) {
        const refused = yield* Effect.flip(viewerOf(keys, header, sent))
        expect(refused.message).toContain("Malformed bearer token")
      }
      yield* TestClock.setTime(start + 9 * 3_600_000)
      expect((yield* Effect.flip(viewerOf(keys, `Bearer ${token}`, token))).message).toBe(
        "The bearer token has expired: ask for a new one."
      )
    })
  )

  it.effect("is refused one second past exp, and accepted one second before", () =>
    Effect.gen(function* () {
      const token = yield* signedAt(start, learner, "1 hour")
      yield* TestClock.setTime(start + 3_600_000 - 1_000)
      expect(yield* outcome(token)).toBe("accepted")
      yield* TestClock.setTime(start + 3_600_000 + 1_000)
      expect(yield* outcome(token)).toBe("The bearer token has expired: ask for a new one.")
    })
  )

  it.effect("forgives a clock a little ahead, not a token from further in the future", () =>
    Effect.gen(function* () {
      const slightlyAhead = yield* signedAt(start + 10_000)
      const farAhead = yield* signedAt(start + 120_000)
      yield* TestClock.setTime(start)
      // TestClock only moves forward: verify at `start` on a clock set back through a fresh fiber.
      expect(yield* outcome(slightlyAhead).pipe(Effect.withClock(clockAt(start)))).toBe("accepted")
      expect(yield* outcome(farAhead).pipe(Effect.withClock(clockAt(start)))).toBe(
        "The bearer token is not valid yet (nbf is in the future)."
      )
    })
  )

  it.effect("refuses a re-encoded token: another actor in the payload, the old signature", () =>
    Effect.gen(function* () {
      const token = yield* signedAt(start)
      const [header, body, signature] = token.split(".")
      const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8"))
      const forged = Buffer.from(JSON.stringify({ ...payload, actor: { _tag: "DINAS_OFFICER", officerId: "L-2025-000123" } })).toString(
        "base64url"
      )
      expect(yield* outcome(`${header}.${forged}.${signature}`)).toBe("The bearer token's signature is invalid.")
      // The same payload encoded again with other whitespace: a different signing input.
      const reencoded = Buffer.from(JSON.stringify(payload, null, 1)).toString("base64url")
      expect(yield* outcome(`${header}.${reencoded}.${signature}`)).toBe("The bearer token's signature is invalid.")
    })
  )

  it.effect("refuses a token signed with another key, for another audience or by another issuer", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(start)
      const other = yield* signToken(fromSecret("another-secret-of-thirty-two-bytes!"), learner)
      expect(yield* outcome(other)).toBe("The bearer token's signature is invalid.")
      const audience = yield* signToken({ ...keys, audience: "another-api" }, learner)
      expect(yield* outcome(audience)).toBe("The bearer token is meant for another service (aud).")
      const issuer = yield* signToken({ ...keys, issuer: "someone-else" }, learner)
      expect(yield* outcome(issuer)).toBe("The bearer token was issued by someone else (iss).")
    })
  )

  it.effect("refuses what is not a signed JWT: garbage, an unsecured token, a subject that is not the actor", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(start)
      const now = start / 1000
      expect(yield* outcome("not-a-token")).toBe("Malformed bearer token: it is not a JSON Web Token signed for this host.")
      const unsecured = new UnsecuredJWT({ actor: learner })
        .setSubject("L-2025-000123")
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + 60)
        .setIssuer(keys.issuer)
        .setAudience(keys.audience)
        .encode()
      expect(yield* outcome(unsecured)).not.toBe("accepted")
      expect(yield* outcome(yield* signedByHand({ actor: learner }, "L-2025-999999"))).toBe(
        "The bearer token's subject (sub) is not its actor's identity."
      )
      expect(yield* outcome(yield* signedByHand({}, "L-2025-000123"))).toBe("The bearer token does not carry a valid actor.")
      // Every claim the host sets is required: a token without nbf is not one of its tokens.
      const noNotBefore = yield* signedByHand({ actor: learner }, "L-2025-000123", { notBefore: false })
      expect(yield* outcome(noNotBefore)).not.toBe("accepted")
    })
  )
})

describe("npm run token", () => {
  it.effect("makes the actor of --role and --id, with --ttl", () =>
    Effect.gen(function* () {
      const parsed = yield* parseTokenArgs(["--role", "KOPERASI_ADMIN", "--id", "3517010000000001", "--ttl", "1h"])
      expect(parsed.actor).toEqual({ _tag: "KOPERASI_ADMIN", nik: "3517010000000001" })
      expect(Option.map(parsed.ttl, Duration.toSeconds)).toEqual(Option.some(3600))
    })
  )

  it.effect("says what is wrong with a role, an identity or a duration", () =>
    Effect.gen(function* () {
      const message = (args: ReadonlyArray<string>) => Effect.map(Effect.flip(parseTokenArgs(args)), (error) => error.message)
      expect(yield* message(["--role", "MAYOR", "--id", "x"])).toContain('Unknown role "MAYOR"')
      expect(yield* message(["--role", "UMKM_OWNER", "--id", "12"])).toContain('"12" is not a valid identity for UMKM_OWNER')
      expect(yield* message(["--role", "LEARNER", "--id", "L-1", "--ttl", "soon"])).toContain('"soon" is not a duration')
      expect(yield* message(["--role", "LEARNER"])).toContain("Usage: npm run token")
    })
  )

  it("reads short and long durations, never zero or negative", () => {
    expect(Option.map(parseTtl("30m"), Duration.toSeconds)).toEqual(Option.some(1800))
    expect(Option.map(parseTtl("2d"), Duration.toSeconds)).toEqual(Option.some(172800))
    expect(Option.map(parseTtl("90 minutes"), Duration.toSeconds)).toEqual(Option.some(5400))
    expect(parseTtl("0s")).toEqual(Option.none())
  })
})
