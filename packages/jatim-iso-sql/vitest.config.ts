import { project } from "../../vitest.workspace"

export default project("jatim-iso-sql")
