import { withEntries } from "../../tsup.config"

/**
 * The shared build, plus `src/postgres.ts` for the `./postgres` subpath export (kept out of the
 * main entry point, so that in-memory users do not pull PostgreSQL).
 */
export default withEntries("src/postgres.ts")
