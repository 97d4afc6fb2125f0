/**
 * Version 8: statistics on `(category, event_type)` of the events, so that the planner knows
 * that an event type belongs to one category. Without them it multiplies the two selectivities,
 * expects a read filtered by category and event types (a projection's or a scheduler's,
 * `readAll({ categories, eventTypes })`) to find a few hundred rows, and sorts every later event
 * of the category for each page: on a million events a page of the product category's
 * certificate events took 300 ms, and 20 ms with them. `ANALYZE` builds them at once.
 * The text is frozen (`test/Migrations.unit.spec.ts` pins it); a change is a new step.
 */
import * as Step from "./Step.js"

export const step: Step.Step = Step.make({
  version: 8,
  name: "category_type_statistics",
  footprint: { _tag: "Statistics", statistics: ["events_category_type"] },
  statements: (schema) => [
    `CREATE STATISTICS IF NOT EXISTS "${schema}".events_category_type (mcv, dependencies) ON category, event_type FROM "${schema}".events`,
    `ANALYZE "${schema}".events`
  ]
})
