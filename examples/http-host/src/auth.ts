/**
 * Bearer tokens that carry the actor (the kernel's `Actor`: role and identity), signed with
 * HMAC-SHA256 so they cannot be forged: `base64url(JSON {actor, iat}) "." base64url(hmac)`.
 */
import { HttpApiMiddleware, HttpApiSecurity } from "@effect/platform"
import { Context, Effect, Either, Layer, Redacted, Schema } from "effect"
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import { Actor } from "@jatim/kernel"
import { Unauthorized } from "./errors.js"

/** The actor of the current request. */
export class CurrentActor extends Context.Tag("@jatim/http-host/CurrentActor")<CurrentActor, Actor.Actor>() {}

/** The secret tokens are signed with. */
export class TokenSecret extends Context.Tag("@jatim/http-host/TokenSecret")<TokenSecret, Redacted.Redacted<string>>() {}

/** A new random secret (printed at start when `TOKEN_SECRET` is not set). */
export const generateSecret = (): string => randomBytes(32).toString("base64url")

const TokenPayload = Schema.parseJson(Schema.Struct({ actor: Actor.Actor, iat: Schema.Int }))

const sign = (secret: string, body: string): Buffer => createHmac("sha256", secret).update(body).digest()

/** Signs a token for `actor`. */
export const signToken = (secret: string, actor: Actor.Actor): string => {
  const body = Buffer.from(
    Schema.encodeSync(TokenPayload)({ actor, iat: Math.floor(Date.now() / 1000) }),
    "utf8"
  ).toString("base64url")
  return `${body}.${sign(secret, body).toString("base64url")}`
}

/** Verifies a token and returns its actor. */
export const verifyToken = (secret: string, token: string): Either.Either<Actor.Actor, Unauthorized> => {
  const [body, signature, ...rest] = token.split(".")
  if (body === undefined || signature === undefined || rest.length > 0 || body === "") {
    return Either.left(new Unauthorized({ message: "Malformed bearer token." }))
  }
  const expected = sign(secret, body)
  const given = Buffer.from(signature, "base64url")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return Either.left(new Unauthorized({ message: "The bearer token's signature is invalid." }))
  }
  return Schema.decodeUnknownEither(TokenPayload)(Buffer.from(body, "base64url").toString("utf8")).pipe(
    Either.map((payload) => payload.actor),
    Either.mapLeft(() => new Unauthorized({ message: "The bearer token does not carry a valid actor." }))
  )
}

/** The authentication middleware: a bearer token, or 401. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@jatim/http-host/Authentication", {
  failure: Unauthorized,
  provides: CurrentActor,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** The middleware's implementation, with the secret of the context. */
export const AuthenticationLive: Layer.Layer<Authentication, never, TokenSecret> = Layer.effect(
  Authentication,
  Effect.map(TokenSecret, (secret) =>
    Authentication.of({
      bearer: (token) => verifyToken(Redacted.value(secret), Redacted.value(token))
    }))
)
