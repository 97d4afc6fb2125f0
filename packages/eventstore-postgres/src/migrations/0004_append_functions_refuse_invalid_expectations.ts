/**
 * Version 4: the append functions of adr/0063 and adr/0064. `append_to_stream` refuses an
 * expectation that is none of the four variants (SQLSTATE `EVEXP`); `already_appended` takes
 * `p_own_after` (the rows the calling append wrote itself count as not stored), judges a partly
 * stored batch by its first offending event and words its reasons as
 * `Adapter.duplicateReasons` of `@jatim/eventstore` (the conformance suite holds the store to
 * them). Drops the previous `already_appended(text, text[], text[], jsonb[])`. The text is
 * frozen (`test/Migrations.unit.spec.ts` pins it); a change of the functions (of the reasons
 * included) is a new step.
 */
import { appendToStreamWith, batchAgainstStoredEvents } from "./0003_append_functions.js"
import * as Step from "./Step.js"

/**
 * Whether a batch is already stored exactly (an idempotent retry): returns the batch's last
 * version and position when every event id is stored in this stream, in order, with the same
 * type and data (jsonb equality ignores key order); no row when none is stored; raises `EVDUP`
 * otherwise, naming the first event of the batch that breaks a rule. The same rules, in the
 * same order and with the same reasons, as `Adapter.checkRetry` in `@jatim/eventstore`.
 *
 * `p_own_after`: the events of this stream above this version were written by the calling
 * append itself, not before it, and count as not stored (NULL: the call wrote nothing).
 */
export const alreadyAppended: Step.InstalledFunction = {
  signature: (schema) => `"${schema}".already_appended(text, text[], text[], jsonb[], bigint)`,
  create: (schema) => `
CREATE OR REPLACE FUNCTION "${schema}".already_appended(
  p_stream_name text, p_event_ids text[], p_types text[], p_data jsonb[], p_own_after bigint
)
RETURNS TABLE (stream_version bigint, last_transaction_id text, last_position bigint, events_written int)
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  v_any_found boolean := false;
  v_event_id text;
  v_reason text;
  v_first bigint;
  v_last record;
BEGIN
  FOR r IN
${batchAgainstStoredEvents(schema)}
      AND NOT (p_own_after IS NOT NULL AND s.stream_name = p_stream_name AND s.stream_version > p_own_after)
    ORDER BY b.ord
  LOOP
    v_any_found := v_any_found OR r.stored_stream IS NOT NULL;
    IF v_reason IS NULL THEN
      IF r.stored_stream IS NULL THEN
        v_reason := 'other events of this batch are already stored, this one is not: a retry must repeat the batch exactly';
      ELSIF r.stored_stream <> p_stream_name THEN
        v_reason := format('the id is already used by an event of stream "%s"', r.stored_stream);
      ELSIF NOT r.same_content THEN
        v_reason := 'the id is already stored with another type or other data';
      ELSIF r.ord > 1 AND r.stored_version <> v_first + r.ord - 1 THEN
        v_reason := 'the batch''s events are stored, but not together and in this order';
      ELSE
        v_first := coalesce(v_first, r.stored_version);
        v_last := r;
      END IF;
      v_event_id := r.event_id;
    END IF;
    EXIT WHEN v_any_found AND v_reason IS NOT NULL;
  END LOOP;
  IF NOT v_any_found THEN
    RETURN;
  END IF;
  IF v_reason IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
      DETAIL = json_build_object('eventId', v_event_id, 'reason', v_reason)::text;
  END IF;
  RETURN QUERY SELECT v_last.stored_version, v_last.transaction_id::text, v_last.global_position, 0;
END
$fn$`
}

/**
 * Appends a batch to a stream. The stream's row is created or bumped by one upsert that also
 * takes its row lock and checks the expectation; then the events are inserted. `p_channel`,
 * when given, is notified at commit (for appends inside a caller's transaction; otherwise the
 * store notifies after the call, outside the writers' commits). Version 3's text with three
 * parts of its own: the guard of the expectation, `p_own_after` in the calls of
 * `already_appended`, and the reason of a partly stored batch.
 */
export const appendToStream = appendToStreamWith({
  guard: `  -- The adapter decodes the expectation before it calls; this guards callers of the function.
  IF NOT coalesce((p_expected_kind IN ('Any', 'NoStream', 'StreamExists') AND p_expected_version IS NULL)
      OR (p_expected_kind = 'Exact' AND p_expected_version >= 0), false) THEN
    RAISE EXCEPTION USING ERRCODE = 'EVEXP', MESSAGE = 'invalid expected version',
      DETAIL = format('%s(%s)', coalesce(p_expected_kind, 'NULL'), coalesce(p_expected_version::text, ''));
  END IF;

`,
  retryArguments: "p_stream_name, p_event_ids, p_types, p_data, NULL",
  partialBatch: (schema) => `    -- Judged on what was stored before this call (its own rows are above v_current): raises EVDUP.
    PERFORM "${schema}".already_appended(p_stream_name, p_event_ids, p_types, p_data, v_current);
    RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
      DETAIL = json_build_object('eventId', '', 'reason', 'other events of this batch are already stored, this one is not: a retry must repeat the batch exactly')::text;`
})

export const step: Step.Step = Step.make({
  version: 4,
  name: "append_functions_refuse_invalid_expectations",
  footprint: { _tag: "Functions", functions: [alreadyAppended, appendToStream] },
  statements: (schema) => [
    alreadyAppended.create(schema),
    appendToStream.create(schema),
    `DROP FUNCTION IF EXISTS "${schema}".already_appended(text, text[], text[], jsonb[])`
  ]
})
