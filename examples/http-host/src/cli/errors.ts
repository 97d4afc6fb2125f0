/** The operator CLI's errors: each one line a person can act on (the CLI prints its message and exits non-zero). */
import { Schema } from "effect"

/** The command cannot do what was asked: the message says why and what to do. */
export class CliError extends Schema.TaggedError<CliError>()("CliError", { message: Schema.String }) {}

/** `migrate --check`: the store needs migrating. */
export class MigrationNeeded extends Schema.TaggedError<MigrationNeeded>()("MigrationNeeded", { message: Schema.String }) {}

/** A name that is none of the known ones (a projection, a read model): the message lists them. */
export class UnknownName extends Schema.TaggedError<UnknownName>()("UnknownName", { message: Schema.String }) {}
