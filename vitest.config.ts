import { defineConfig } from "vitest/config"
import projects from "./vitest.workspace"

export default defineConfig({
  test: {
    projects,
    // One real PostgreSQL for the whole run: DATABASE_URL's, or an embedded server.
    globalSetup: ["./packages/postgres-embedded/src/globalSetup.ts"]
  }
})
