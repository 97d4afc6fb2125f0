import { project } from "../../vitest.workspace"

export default project("tomiko-sql")
