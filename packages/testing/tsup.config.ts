import { withEntries } from "../../tsup.config"

/**
 * The shared build, plus `src/postgres.ts` and `src/sqlReadModels.ts` for the `./postgres` and
 * `./sqlReadModels` subpath exports (kept out of the main entry point, so that in-memory users
 * do not pull PostgreSQL).
 */
export default withEntries("src/postgres.ts", "src/sqlReadModels.ts")
