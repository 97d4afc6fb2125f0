/**
 * Version 5: `append_to_streams`, the grouped append of adr/0084. It runs several appends, each
 * exactly as one call of `append_to_stream` would, in one transaction and one round trip: each
 * append in a subtransaction of its own, so a conflict, a duplicate or an invalid expectation
 * undoes that append alone and is returned as its outcome instead of failing the others. The
 * text is frozen (`test/Migrations.unit.spec.ts` pins it); a change is a new step.
 */
import * as Step from "./Step.js"

/**
 * Runs the appends `1 … n` in order. Append `i` is stream `p_stream_names[i]` (of category
 * `p_categories[i]`) expecting `p_expected_kinds[i]`/`p_expected_versions[i]`, with the next
 * `p_counts[i]` events of the parallel event arrays. One row per append, in order: `result`, the
 * text form of `append_to_stream`'s result, or `error_code` (`EVCNF`, `EVDUP`, `EVEXP`) with
 * `error_detail` as `append_to_stream` raises them. Any other error fails the whole call.
 */
export const appendToStreams: Step.InstalledFunction = {
  signature: (schema) => `"${schema}".append_to_streams(text[], text[], text[], bigint[], int[], text[], text[], jsonb[], jsonb[])`,
  create: (schema) => `
CREATE OR REPLACE FUNCTION "${schema}".append_to_streams(
  p_stream_names text[],
  p_categories text[],
  p_expected_kinds text[],
  p_expected_versions bigint[],
  p_counts int[],
  p_event_ids text[],
  p_types text[],
  p_data jsonb[],
  p_metadata jsonb[]
)
RETURNS TABLE (result text, error_code text, error_detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_first int := 1;
  v_last int;
BEGIN
  FOR i IN 1 .. coalesce(cardinality(p_stream_names), 0) LOOP
    v_last := v_first + p_counts[i] - 1;
    result := NULL;
    error_code := NULL;
    error_detail := NULL;
    BEGIN
      result := "${schema}".append_to_stream(p_stream_names[i], p_categories[i], p_expected_kinds[i], p_expected_versions[i],
        p_event_ids[v_first:v_last], p_types[v_first:v_last], p_data[v_first:v_last], p_metadata[v_first:v_last], NULL)::text;
    EXCEPTION WHEN SQLSTATE 'EVCNF' OR SQLSTATE 'EVDUP' OR SQLSTATE 'EVEXP' THEN
      GET STACKED DIAGNOSTICS error_code = RETURNED_SQLSTATE, error_detail = PG_EXCEPTION_DETAIL;
    END;
    RETURN NEXT;
    v_first := v_last + 1;
  END LOOP;
END
$fn$`
}

export const step: Step.Step = Step.make({
  version: 5,
  name: "grouped_appends",
  footprint: { _tag: "Functions", functions: [appendToStreams] },
  statements: (schema) => [appendToStreams.create(schema)]
})
