/**
 * The event store's schema history, in order. Append a step for every change; never edit a
 * released one (its text is what existing stores were given and how they are recognised;
 * `test/Migrations.unit.spec.ts` pins each one's text).
 */
import { step as v1 } from "./0001_create_event_store.js"
import { step as v2 } from "./0002_create_checkpoints_and_snapshots.js"
import { step as v3 } from "./0003_append_functions.js"
import { step as v4 } from "./0004_append_functions_refuse_invalid_expectations.js"
import { step as v5 } from "./0005_grouped_appends.js"
import { step as v6 } from "./0006_projection_failures.js"
import { step as v7 } from "./0007_personal_data_keys.js"
import { step as v8 } from "./0008_category_type_statistics.js"
import type { Step } from "./Step.js"

export type { Footprint, InstalledFunction, Step } from "./Step.js"

/** Every step, by version (1, 2, … without gaps). */
export const steps: ReadonlyArray<Step> = [v1, v2, v3, v4, v5, v6, v7, v8]
