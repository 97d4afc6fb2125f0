import { InMemoryEventStore } from "@jatim/eventstore"
import { runEventStoreConformance } from "../src/index.js"

runEventStoreConformance("in memory", () => InMemoryEventStore.layer())
