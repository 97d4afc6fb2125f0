import { withEntries } from "../../tsup.config"

/**
 * The shared build, plus `src/integration.ts` for the `./integration` subpath export and
 * `src/testing.ts` for the `./testing` one.
 */
export default withEntries("src/integration.ts", "src/testing.ts")
