/** `jatim token --role ROLE --id ID [--ttl 1h]`: a bearer token for any actor, as `npm run token` prints it. */
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { issueToken } from "../tokenArgs.js"
import { CliError } from "./errors.js"

const role = Options.text("role").pipe(
  Options.withDescription("The actor's role: DINAS_OFFICER, CURATOR, PESANTREN_ADMIN, KOPERASI_ADMIN, UMKM_OWNER or LEARNER")
)
const id = Options.text("id").pipe(
  Options.withDescription("The actor's identity: officer or curator id, NSPP, NIK Koperasi, NIB or learner id")
)
const ttl = Options.text("ttl").pipe(
  Options.withDescription("How long the token is valid: 30m, 1h, 8h, 2d (8 hours by default)"),
  Options.optional
)

/** The `token` command. */
export const token = Command.make("token", { role, id, ttl }, ({ role, id, ttl }) =>
  issueToken(["--role", role, "--id", id, ...Option.match(ttl, { onNone: () => [], onSome: (ttl) => ["--ttl", ttl] })]).pipe(
    Effect.flatMap(Console.log),
    Effect.mapError((error) => new CliError({ message: error.message }))
  )
).pipe(
  Command.withDescription(
    "Print a bearer token for an actor, signed with the host's keys: TOKEN_SECRET (the host prints it at start), or TOKEN_PRIVATE_KEY under TOKEN_ALGORITHM."
  )
)
