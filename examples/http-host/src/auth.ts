/**
 * Bearer tokens: standard JSON Web Tokens (RFC 7519) signed and verified with `jose`.
 *
 * A token names its actor twice: `sub` is the actor's identity (officer, curator, NSPP, NIK, NIB
 * or learner id) and the `actor` claim the kernel's `Actor` (role and identity), which must
 * agree. `iat`, `nbf` and `exp` are always set (8 hours by default), `iss` and `aud` are checked,
 * and a small clock skew (30 s) is forgiven for a token from a clock a little ahead, never for an
 * expired one. HS256 with `TOKEN_SECRET` is the default; an RSA, EC or Ed25519
 * key pair can be configured instead (`TokenKeys.fromConfig`). Time comes from Effect's `Clock`.
 *
 * Two middlewares: `Authentication` (commands, the live feed) needs a valid token;
 * `OptionalAuthentication` (queries) reads without one as the anonymous viewer, but a token
 * that is sent must be valid.
 */
import { HttpApiMiddleware, HttpApiSecurity, HttpServerRequest } from "@effect/platform"
import { Clock, Config, Context, Duration, Effect, Either, Layer, Option, Redacted, Schema } from "effect"
import { errors, importPKCS8, importSPKI, jwtVerify, SignJWT } from "jose"
import { randomBytes } from "node:crypto"
import { Actor, Visibility } from "@jatim/kernel"
import { Unauthorized } from "./errors.js"
import { noteActorRole } from "./requestLog.js"

/** The actor of the current request. */
export class CurrentActor extends Context.Tag("@jatim/http-host/CurrentActor")<CurrentActor, Actor.Actor>() {}

/** Who reads in the current query: the token's actor, or `Visibility.anonymous` when no token was sent. */
export class CurrentViewer extends Context.Tag("@jatim/http-host/CurrentViewer")<CurrentViewer, Visibility.Viewer>() {}

/** The algorithms a token may be signed with. */
export const Algorithm = Schema.Literal("HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "EdDSA")
export type Algorithm = typeof Algorithm.Type

type Key = Awaited<ReturnType<typeof importSPKI>> | Uint8Array

/** The keys, names and lifetimes of the host's tokens. */
export interface TokenKeys {
  readonly algorithm: Algorithm
  /** Signs tokens; absent when only a public key was configured (tokens come from elsewhere). */
  readonly signingKey: Option.Option<Key>
  readonly verificationKey: Key
  /** `iss` of every token, checked. */
  readonly issuer: string
  /** `aud` of every token, checked. */
  readonly audience: string
  /** How long a token is valid unless said otherwise. */
  readonly ttl: Duration.Duration
  /** How far `exp`, `nbf` and `iat` may be off the host's clock. */
  readonly clockSkew: Duration.Duration
}

/** The token keys of the host. */
export const TokenKeys = Context.GenericTag<TokenKeys>("@jatim/http-host/TokenKeys")

/** The defaults of `TokenKeys`, besides the key. */
export const defaults: Pick<TokenKeys, "issuer" | "audience" | "ttl" | "clockSkew"> = {
  issuer: "jatim-koperasi",
  audience: "jatim-koperasi-api",
  ttl: Duration.hours(8),
  clockSkew: Duration.seconds(30)
}

/** A new random secret (printed at start when `TOKEN_SECRET` is not set). */
export const generateSecret = (): string => randomBytes(32).toString("base64url")

/** HS256 keys from a shared secret. */
export const fromSecret = (secret: string, overrides: Partial<typeof defaults> = {}): TokenKeys => {
  const key = new TextEncoder().encode(secret)
  return { ...defaults, ...overrides, algorithm: "HS256", signingKey: Option.some(key), verificationKey: key }
}

/**
 * Keys from the environment: `TOKEN_ALGORITHM` (HS256 by default) with `TOKEN_SECRET`, or an
 * asymmetric algorithm with `TOKEN_PUBLIC_KEY` (SPKI PEM) and, to sign, `TOKEN_PRIVATE_KEY`
 * (PKCS#8 PEM); `TOKEN_ISSUER`, `TOKEN_AUDIENCE`, `TOKEN_TTL` (e.g. "8 hours") and
 * `TOKEN_CLOCK_SKEW` override the defaults. `secret` is used when `TOKEN_SECRET` is not set.
 */
export const fromConfig = (secret: string) =>
  Effect.gen(function* () {
    const algorithm = yield* Schema.Config("TOKEN_ALGORITHM", Algorithm).pipe(Config.withDefault("HS256" as const))
    const names = {
      issuer: yield* Config.string("TOKEN_ISSUER").pipe(Config.withDefault(defaults.issuer)),
      audience: yield* Config.string("TOKEN_AUDIENCE").pipe(Config.withDefault(defaults.audience)),
      ttl: yield* Config.duration("TOKEN_TTL").pipe(Config.withDefault(defaults.ttl)),
      clockSkew: yield* Config.duration("TOKEN_CLOCK_SKEW").pipe(Config.withDefault(defaults.clockSkew))
    }
    if (algorithm.startsWith("HS")) {
      const configured = yield* Config.option(Config.redacted("TOKEN_SECRET"))
      const keys = fromSecret(Option.match(configured, { onNone: () => secret, onSome: Redacted.value }), names)
      return { ...keys, algorithm }
    }
    const publicKey = yield* Config.string("TOKEN_PUBLIC_KEY")
    const privateKey = yield* Config.option(Config.redacted("TOKEN_PRIVATE_KEY"))
    const verificationKey = yield* Effect.promise(() => importSPKI(publicKey, algorithm))
    const signingKey = Option.isSome(privateKey)
      ? Option.some(yield* Effect.promise(() => importPKCS8(Redacted.value(privateKey.value), algorithm)))
      : Option.none()
    return { ...names, algorithm, signingKey, verificationKey } satisfies TokenKeys
  })

const ActorClaim = Schema.Struct({ actor: Actor.Actor, sub: Schema.String })
const decodeClaims = Schema.decodeUnknownEither(ActorClaim)

/** Signs a token for `actor`, valid from now for `ttl` (the keys' default when absent). */
export const signToken = (
  keys: TokenKeys,
  actor: Actor.Actor,
  options: { readonly ttl?: Duration.DurationInput } = {}
): Effect.Effect<string> =>
  Effect.gen(function* () {
    if (Option.isNone(keys.signingKey)) return yield* Effect.dieMessage("No signing key is configured (TOKEN_PRIVATE_KEY).")
    const signingKey = keys.signingKey.value
    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const ttl = Math.floor(Duration.toSeconds(options.ttl ?? keys.ttl))
    return yield* Effect.promise(() =>
      new SignJWT({ actor: Schema.encodeSync(Actor.Actor)(actor) })
        .setProtectedHeader({ alg: keys.algorithm, typ: "JWT" })
        .setSubject(Actor.identityOf(actor))
        .setIssuer(keys.issuer)
        .setAudience(keys.audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + ttl)
        .sign(signingKey)
    )
  })

/** Why jose refused a token, in words a caller can act on. */
const reasonOf = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return "The bearer token has expired: ask for a new one."
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "nbf":
        return "The bearer token is not valid yet (nbf is in the future)."
      case "iat":
        return "The bearer token was issued in the future (iat)."
      case "iss":
        return "The bearer token was issued by someone else (iss)."
      case "aud":
        return "The bearer token is meant for another service (aud)."
      default:
        return `The bearer token's claim "${error.claim}" is not valid: ${error.reason}.`
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The bearer token's signature is invalid."
  if (error instanceof errors.JOSEAlgNotAllowed) return "The bearer token is signed with an algorithm this host does not accept."
  return "Malformed bearer token: it is not a JSON Web Token signed for this host."
}

/** Verifies a token and returns its actor, or why it is refused. */
export const verifyToken = (keys: TokenKeys, token: string): Effect.Effect<Actor.Actor, Unauthorized> =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const verified = yield* Effect.tryPromise({
      try: () =>
        jwtVerify(token, keys.verificationKey, {
          algorithms: [keys.algorithm],
          issuer: keys.issuer,
          audience: keys.audience,
          clockTolerance: Math.floor(Duration.toSeconds(keys.clockSkew)),
          currentDate: new Date(now),
          requiredClaims: ["sub", "iat", "nbf", "exp"]
        }),
      catch: (error) => new Unauthorized({ message: reasonOf(error) })
    })
    const claims = decodeClaims(verified.payload)
    if (Either.isLeft(claims)) {
      return yield* new Unauthorized({ message: "The bearer token does not carry a valid actor." })
    }
    // The skew forgives a token from a clock a little ahead (`nbf`, `iat`), never an expired one.
    const seconds = Math.floor(now / 1000)
    const { exp, iat } = verified.payload
    if (exp !== undefined && exp <= seconds) {
      return yield* new Unauthorized({ message: "The bearer token has expired: ask for a new one." })
    }
    if (iat !== undefined && iat > seconds + Duration.toSeconds(keys.clockSkew)) {
      return yield* new Unauthorized({ message: "The bearer token was issued in the future (iat)." })
    }
    const { actor, sub } = claims.right
    if (Actor.identityOf(actor) !== sub) {
      return yield* new Unauthorized({ message: "The bearer token's subject (sub) is not its actor's identity." })
    }
    return actor
  })

/** The authentication middleware: a valid bearer token, or 401 with the reason. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@jatim/http-host/Authentication", {
  failure: Unauthorized,
  provides: CurrentActor,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** The middleware's implementation, with the keys of the context. */
export const AuthenticationLive: Layer.Layer<Authentication, never, TokenKeys> = Layer.effect(
  Authentication,
  Effect.map(TokenKeys, (keys) =>
    Authentication.of({
      bearer: (token) => Effect.tap(verifyToken(keys, Redacted.value(token)), (actor) => noteActorRole(actor._tag))
    })
  )
)

/**
 * The middleware of queries: no `Authorization` header reads as `Visibility.anonymous`; a header
 * must carry a valid bearer token (else 401 with the reason, never anonymous).
 */
export class OptionalAuthentication extends HttpApiMiddleware.Tag<OptionalAuthentication>()("@jatim/http-host/OptionalAuthentication", {
  failure: Unauthorized,
  provides: CurrentViewer,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** The viewer of a request: anonymous without an `Authorization` header, else the actor of its valid token. */
export const viewerOf = (
  keys: TokenKeys,
  authorization: string | undefined,
  token: string
): Effect.Effect<Visibility.Viewer, Unauthorized> =>
  authorization === undefined ? Effect.succeed(Visibility.anonymous) : verifyToken(keys, token)

/** The optional middleware's implementation, with the keys of the context. */
export const OptionalAuthenticationLive: Layer.Layer<OptionalAuthentication, never, TokenKeys> = Layer.effect(
  OptionalAuthentication,
  Effect.map(TokenKeys, (keys) =>
    OptionalAuthentication.of({
      bearer: (token) =>
        Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
          viewerOf(keys, request.headers["authorization"], Redacted.value(token))
        ).pipe(
          // The request's log line names the viewer's role (`ANONYMOUS` without a token).
          Effect.tap((viewer) => noteActorRole(viewer._tag))
        )
    })
  )
)
