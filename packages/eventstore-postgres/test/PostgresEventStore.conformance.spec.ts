import { runEventStoreConformance } from "@jatim/testing"
import { storeLayer, suiteDatabaseBeforeAll } from "./support.js"

const url = suiteDatabaseBeforeAll("conformance")

runEventStoreConformance("PostgreSQL", () => storeLayer(url()))
