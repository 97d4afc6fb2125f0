/**
 * Version 4: the append functions of adr/0063 and adr/0064. `append_to_stream` refuses an
 * expectation that is none of the four variants (SQLSTATE `EVEXP`); `already_appended` takes
 * `p_own_after` (the rows the calling append wrote itself count as not stored), judges a partly
 * stored batch by its first offending event and words its reasons as
 * `Adapter.duplicateReasons` of `@jatim/eventstore` (the conformance suite holds the store to
 * them). Drops the previous `already_appended(text, text[], text[], jsonb[])`. The text is
 * frozen; a change of the functions (of the reasons included) is a new step.
 */
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import type { InstalledFunction, Step } from "./Step.js"

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
export const alreadyAppended: InstalledFunction = {
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
    SELECT b.event_id, b.ord, s.stream_name AS stored_stream, s.stream_version AS stored_version,
           s.transaction_id, s.global_position,
           (s.event_type = b.event_type AND s.data = b.data) AS same_content
    FROM unnest(p_event_ids, p_types, p_data) WITH ORDINALITY AS b(event_id, event_type, data, ord)
    LEFT JOIN "${schema}".events s ON s.event_id = b.event_id
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
 * store notifies after the call, outside the writers' commits).
 */
export const appendToStream: InstalledFunction = {
  signature: (schema) => `"${schema}".append_to_stream(text, text, text, bigint, text[], text[], jsonb[], jsonb[], text)`,
  create: (schema) => `
CREATE OR REPLACE FUNCTION "${schema}".append_to_stream(
  p_stream_name text,
  p_category text,
  p_expected_kind text,
  p_expected_version bigint,
  p_event_ids text[],
  p_types text[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_channel text,
  OUT stream_version bigint,
  OUT last_transaction_id text,
  OUT last_position bigint,
  OUT events_written int
)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := coalesce(cardinality(p_event_ids), 0);
  v_current bigint;
  v_retry record;
BEGIN
  -- The adapter decodes the expectation before it calls; this guards callers of the function.
  IF NOT coalesce((p_expected_kind IN ('Any', 'NoStream', 'StreamExists') AND p_expected_version IS NULL)
      OR (p_expected_kind = 'Exact' AND p_expected_version >= 0), false) THEN
    RAISE EXCEPTION USING ERRCODE = 'EVEXP', MESSAGE = 'invalid expected version',
      DETAIL = format('%s(%s)', coalesce(p_expected_kind, 'NULL'), coalesce(p_expected_version::text, ''));
  END IF;

  IF v_count = 0 THEN
    SELECT s.version INTO v_current FROM "${schema}".streams s WHERE s.stream_name = p_stream_name;
    v_current := coalesce(v_current, 0);
    IF NOT (p_expected_kind = 'Any'
        OR (p_expected_kind = 'NoStream' AND v_current = 0)
        OR (p_expected_kind = 'StreamExists' AND v_current > 0)
        OR (p_expected_kind = 'Exact' AND v_current = p_expected_version)) THEN
      RAISE EXCEPTION USING ERRCODE = 'EVCNF', MESSAGE = 'expected version conflict', DETAIL = v_current::text;
    END IF;
    stream_version := v_current;
    events_written := 0;
    RETURN;
  END IF;

  -- Creates the stream (version = v_count) or, under its row lock, bumps an existing one whose
  -- version meets the expectation; a second writer of a new stream waits for the first's commit.
  INSERT INTO "${schema}".streams AS s (stream_name, category, version) VALUES (p_stream_name, p_category, v_count)
  ON CONFLICT (stream_name) DO UPDATE SET version = s.version + v_count
    WHERE p_expected_kind = 'Any'
      OR (p_expected_kind = 'NoStream' AND s.version = 0)
      OR (p_expected_kind = 'StreamExists' AND s.version > 0)
      OR (p_expected_kind = 'Exact' AND s.version = p_expected_version)
  RETURNING s.version INTO stream_version;
  v_current := stream_version - v_count;

  IF stream_version IS NULL
      OR (p_expected_kind = 'StreamExists' AND v_current = 0)
      OR (p_expected_kind = 'Exact' AND v_current <> p_expected_version) THEN
    -- The expectation fails. A retry of a batch stored earlier succeeds whatever it expected.
    SELECT * INTO v_retry FROM "${schema}".already_appended(p_stream_name, p_event_ids, p_types, p_data, NULL);
    IF FOUND THEN
      IF stream_version IS NOT NULL THEN
        UPDATE "${schema}".streams s SET version = s.version - v_count WHERE s.stream_name = p_stream_name;
      END IF;
      stream_version := v_retry.stream_version;
      last_transaction_id := v_retry.last_transaction_id;
      last_position := v_retry.last_position;
      events_written := 0;
      RETURN;
    END IF;
    IF stream_version IS NULL THEN
      SELECT s.version INTO v_current FROM "${schema}".streams s WHERE s.stream_name = p_stream_name;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'EVCNF', MESSAGE = 'expected version conflict', DETAIL = coalesce(v_current, 0)::text;
  END IF;

  IF v_count = 1 THEN
    INSERT INTO "${schema}".events (stream_name, category, stream_version, event_id, event_type, data, metadata)
    VALUES (p_stream_name, p_category, stream_version, p_event_ids[1], p_types[1], p_data[1], p_metadata[1])
    ON CONFLICT (event_id) DO NOTHING
    RETURNING global_position INTO last_position;
    events_written := CASE WHEN FOUND THEN 1 ELSE 0 END;
  ELSE
    WITH inserted AS (
      INSERT INTO "${schema}".events (stream_name, category, stream_version, event_id, event_type, data, metadata)
      SELECT p_stream_name, p_category, v_current + e.ord, e.event_id, e.event_type, e.data, e.metadata
      FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(event_id, event_type, data, metadata, ord)
      ORDER BY e.ord
      ON CONFLICT (event_id) DO NOTHING
      RETURNING global_position
    )
    SELECT count(*), max(global_position) INTO events_written, last_position FROM inserted;
  END IF;

  IF events_written < v_count THEN
    -- Some ids were stored before: an exact retry returns what it stored, anything else raises EVDUP.
    IF events_written = 0 THEN
      SELECT * INTO v_retry FROM "${schema}".already_appended(p_stream_name, p_event_ids, p_types, p_data, NULL);
      IF FOUND THEN
        UPDATE "${schema}".streams s SET version = s.version - v_count WHERE s.stream_name = p_stream_name;
        stream_version := v_retry.stream_version;
        last_transaction_id := v_retry.last_transaction_id;
        last_position := v_retry.last_position;
        RETURN;
      END IF;
    END IF;
    -- Judged on what was stored before this call (its own rows are above v_current): raises EVDUP.
    PERFORM "${schema}".already_appended(p_stream_name, p_event_ids, p_types, p_data, v_current);
    RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
      DETAIL = json_build_object('eventId', '', 'reason', 'other events of this batch are already stored, this one is not: a retry must repeat the batch exactly')::text;
  END IF;

  IF p_channel IS NOT NULL THEN
    -- In a caller's transaction: notify at its commit, and mark it as holding events, so that
    -- it commits durably even where it would not otherwise (a projection batch's transaction).
    PERFORM pg_notify(p_channel, p_category);
    PERFORM set_config('jatim.events_appended', 'on', true);
  END IF;
  last_transaction_id := pg_current_xact_id()::text;
END
$fn$`
}

// Stryker disable ObjectLiteral,BooleanLiteral: equivalent, their `{ discard: true }` only drops results no one reads.
export const step: Step = {
  version: 4,
  name: "append_functions_refuse_invalid_expectations",
  footprint: { _tag: "Functions", functions: [alreadyAppended, appendToStream] },
  apply: (schema) =>
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.all(
        [
          sql.unsafe(alreadyAppended.create(schema)),
          sql.unsafe(appendToStream.create(schema)),
          sql.unsafe(`DROP FUNCTION IF EXISTS "${schema}".already_appended(text, text[], text[], jsonb[])`)
        ],
        { discard: true }
      )
    )
}
