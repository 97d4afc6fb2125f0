import { runEventStoreConformance } from "@jatim/testing"
import { beforeAll } from "vitest"
import type { Redacted } from "effect"
import { storeLayer, suiteDatabase } from "./support.js"

let url: Redacted.Redacted<string>
beforeAll(async () => {
  url = await suiteDatabase("conformance")
})

runEventStoreConformance("PostgreSQL", () => storeLayer(url))
