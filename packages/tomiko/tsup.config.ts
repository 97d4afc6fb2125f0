import { withEntries } from "../../tsup.config"

/** The shared build, plus `src/testing.ts` for the `./testing` subpath export. */
export default withEntries("src/testing.ts")
