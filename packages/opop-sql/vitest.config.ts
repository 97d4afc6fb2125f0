import { project } from "../../vitest.workspace"

export default project("opop-sql")
