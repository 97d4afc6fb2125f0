import { withEntries } from "../../tsup.config"

/** The shared build, plus `src/integration.ts` for the `./integration` subpath export. */
export default withEntries("src/integration.ts")
