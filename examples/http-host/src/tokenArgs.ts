/**
 * The arguments of `npm run token`: `--role`, `--id` and `--ttl`, read into an actor and a
 * lifetime, or a usage error that says what is wrong.
 */
import { Data, Duration, Effect, Either, Option, ParseResult, Schema } from "effect"
import { parseArgs } from "node:util"
import { Actor } from "@jatim/kernel"
import { fromConfig, signToken } from "./auth.js"

/** The field that carries each role's identity. */
const identityField: Record<Actor.Role, string> = {
  DINAS_OFFICER: "officerId",
  CURATOR: "curatorId",
  PESANTREN_ADMIN: "nspp",
  KOPERASI_ADMIN: "nik",
  UMKM_OWNER: "nib",
  LEARNER: "learnerId"
}

/** A command line that cannot make a token. */
export class TokenUsageError extends Data.TaggedError("TokenUsageError")<{ readonly message: string }> {}

export const usage = `Usage: npm run token -- --role ROLE --id ID [--ttl 1h]
  ROLE: ${Object.keys(identityField).join(", ")}
  ID:   the actor's identity (officer or curator id, NSPP, NIK Koperasi, NIB, learner id)
  TTL:  how long the token is valid: 30m, 1h, 8h, 2d, or "90 minutes" (default 8 hours)
Signed with TOKEN_SECRET (set it to the host's), or with TOKEN_PRIVATE_KEY under TOKEN_ALGORITHM.`

/** "90s", "30m", "1h", "2d", or any duration Effect reads ("90 minutes"). */
export const parseTtl = (text: string): Option.Option<Duration.Duration> => {
  const short = /^(\d+)\s*([smhd])$/.exec(text.trim())
  const units = { s: "seconds", m: "minutes", h: "hours", d: "days" } as const
  const duration =
    short !== null ? Duration.decodeUnknown(`${short[1]} ${units[short[2] as keyof typeof units]}`) : Duration.decodeUnknown(text.trim())
  return Option.filter(duration, (d) => Duration.greaterThan(d, Duration.zero))
}

/** The actor and lifetime the arguments ask for, or why they cannot. */
export const parseTokenArgs = (args: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const { values } = yield* Effect.try({
      try: () =>
        parseArgs({
          args: [...args],
          options: { role: { type: "string" }, id: { type: "string" }, ttl: { type: "string" } },
          strict: true
        }),
      catch: (error) => new TokenUsageError({ message: `${error instanceof Error ? error.message : String(error)}\n${usage}` })
    })
    const role = values.role
    if (role === undefined || values.id === undefined) return yield* new TokenUsageError({ message: usage })
    if (!(role in identityField)) {
      return yield* new TokenUsageError({ message: `Unknown role "${role}".\n${usage}` })
    }
    const actor = Schema.decodeUnknownEither(Actor.Actor)({ _tag: role, [identityField[role as Actor.Role]]: values.id })
    if (Either.isLeft(actor)) {
      return yield* new TokenUsageError({
        message: `"${values.id}" is not a valid identity for ${role}: ${ParseResult.TreeFormatter.formatErrorSync(actor.left)}`
      })
    }
    const ttl = values.ttl === undefined ? Option.none() : parseTtl(values.ttl)
    if (values.ttl !== undefined && Option.isNone(ttl)) {
      return yield* new TokenUsageError({ message: `"${values.ttl}" is not a duration: try 30m, 1h, 8h or 2d.` })
    }
    return { actor: actor.right, ttl }
  })

/**
 * The token the arguments ask for, signed with the host's keys from the environment
 * (`TOKEN_SECRET`, or the key pair of `TOKEN_ALGORITHM`): `npm run token` and `jatim token`.
 */
export const issueToken = (args: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const { actor, ttl } = yield* parseTokenArgs(args)
    const keys = yield* fromConfig("")
    if (keys.algorithm.startsWith("HS") && process.env["TOKEN_SECRET"] === undefined) {
      return yield* new TokenUsageError({ message: "Set TOKEN_SECRET to the host's secret (the host prints it at start)." })
    }
    return yield* signToken(keys, actor, Option.match(ttl, { onNone: () => ({}), onSome: (ttl) => ({ ttl }) }))
  })
