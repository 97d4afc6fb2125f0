/**
 * `npm run token -- --role LEARNER --id L-2025-000123 [--ttl 1h]`: prints a bearer token for
 * one actor, signed with the host's keys (`TOKEN_SECRET`, or the key pair of `TOKEN_ALGORITHM`),
 * so a demo user can act as any actor the demo data creates.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Option } from "effect"
import { fromConfig, signToken } from "./auth.js"
import { parseTokenArgs, TokenUsageError } from "./tokenArgs.js"

const program = Effect.gen(function* () {
  const { actor, ttl } = yield* parseTokenArgs(process.argv.slice(2))
  const keys = yield* fromConfig("")
  if (keys.algorithm.startsWith("HS") && process.env["TOKEN_SECRET"] === undefined) {
    return yield* new TokenUsageError({ message: "Set TOKEN_SECRET to the host's secret (the host prints it at start)." })
  }
  const token = yield* signToken(keys, actor, Option.match(ttl, { onNone: () => ({}), onSome: (ttl) => ({ ttl }) }))
  yield* Console.log(token)
}).pipe(
  Effect.catchTag("TokenUsageError", (error) =>
    Effect.zipRight(
      Console.error(error.message),
      Effect.sync(() => (process.exitCode = 2))
    )
  )
)

NodeRuntime.runMain(program)
