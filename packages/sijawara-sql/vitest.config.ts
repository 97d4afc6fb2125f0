import { project } from "../../vitest.workspace"

export default project("sijawara-sql")
