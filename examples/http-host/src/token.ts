/**
 * `npm run token -- --role LEARNER --id L-2025-000123 [--ttl 1h]`: prints a bearer token for
 * one actor, signed with the host's keys (`TOKEN_SECRET`, or the key pair of `TOKEN_ALGORITHM`),
 * so a demo user can act as any actor the demo data creates.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { issueToken } from "./tokenArgs.js"

const program = Effect.gen(function* () {
  yield* Console.log(yield* issueToken(process.argv.slice(2)))
}).pipe(
  Effect.catchTag("TokenUsageError", (error) =>
    Effect.zipRight(
      Console.error(error.message),
      Effect.sync(() => (process.exitCode = 2))
    )
  )
)

NodeRuntime.runMain(program)
