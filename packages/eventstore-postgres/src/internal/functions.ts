/**
 * The store's SQL functions. An append is one call of `append_to_stream`, which checks the
 * expected version under the stream's row lock, inserts the batch, bumps the stream's version
 * and notifies listeners, or fails with SQLSTATE `EVCNF` (conflict, actual version in DETAIL)
 * or `EVDUP` (duplicate event id, JSON in DETAIL) and writes nothing.
 *
 * The schema name is validated (`[a-z_][a-z0-9_]*`) before it is placed in this text.
 */

/**
 * Whether a batch is already stored exactly (an idempotent retry): returns the batch's last
 * version and position when every event id is stored in this stream, in order, with the same
 * type and data (jsonb equality ignores key order); no row when none is stored; raises `EVDUP`
 * otherwise. The same rules as `Adapter.checkRetry` in `@jatim/eventstore`.
 */
export const alreadyAppendedFunction = (schema: string) => `
CREATE OR REPLACE FUNCTION "${schema}".already_appended(p_stream_name text, p_events jsonb)
RETURNS TABLE (stream_version bigint, last_transaction_id text, last_position bigint, events_written int)
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  v_any_found boolean := false;
  v_missing text;
  v_first bigint;
  v_last record;
BEGIN
  FOR r IN
    SELECT b.event_id, b.ord, s.stream_name AS stored_stream, s.stream_version AS stored_version,
           s.transaction_id, s.global_position,
           (s.event_type = b.event_type AND s.data = b.data) AS same_content
    FROM (
      SELECT e.value->>'eventId' AS event_id, e.value->>'type' AS event_type, e.value->'data' AS data, e.ord
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
    ) b
    LEFT JOIN "${schema}".events s ON s.event_id = b.event_id
    ORDER BY b.ord
  LOOP
    IF r.stored_stream IS NULL THEN
      v_missing := coalesce(v_missing, r.event_id);
      CONTINUE;
    END IF;
    v_any_found := true;
    IF r.stored_stream <> p_stream_name THEN
      RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
        DETAIL = json_build_object('eventId', r.event_id,
          'reason', format('the id is already used by an event of stream "%s"', r.stored_stream))::text;
    END IF;
    IF NOT r.same_content THEN
      RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
        DETAIL = json_build_object('eventId', r.event_id, 'reason', 'the id is already stored with another type or other data')::text;
    END IF;
    v_first := coalesce(v_first, r.stored_version - r.ord + 1);
    IF r.stored_version <> v_first + r.ord - 1 THEN
      RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
        DETAIL = json_build_object('eventId', r.event_id, 'reason', 'the batch''s events are stored, but not together and in this order')::text;
    END IF;
    v_last := r;
  END LOOP;
  IF NOT v_any_found THEN
    RETURN;
  END IF;
  IF v_missing IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
      DETAIL = json_build_object('eventId', v_missing,
        'reason', 'other events of this batch are already stored, this one is not: a retry must repeat the batch exactly')::text;
  END IF;
  RETURN QUERY SELECT v_last.stored_version, v_last.transaction_id::text, v_last.global_position, 0;
END
$fn$`

/** Appends a batch (a jsonb array of `{ eventId, type, data, metadata }`) to a stream. */
export const appendFunction = (schema: string) => `
CREATE OR REPLACE FUNCTION "${schema}".append_to_stream(
  p_stream_name text,
  p_category text,
  p_expected_kind text,
  p_expected_version bigint,
  p_events jsonb,
  p_channel text
)
RETURNS TABLE (stream_version bigint, last_transaction_id text, last_position bigint, events_written int)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := jsonb_array_length(p_events);
  v_current bigint;
  v_inserted int;
  v_last_position bigint;
BEGIN
  SELECT s.version INTO v_current FROM "${schema}".streams s WHERE s.stream_name = p_stream_name FOR UPDATE;
  IF NOT FOUND THEN
    IF v_count = 0 THEN
      v_current := 0;
    ELSE
      -- A second writer of a new stream waits here for the first one's commit.
      INSERT INTO "${schema}".streams (stream_name, category, version) VALUES (p_stream_name, p_category, 0)
        ON CONFLICT (stream_name) DO NOTHING;
      SELECT s.version INTO v_current FROM "${schema}".streams s WHERE s.stream_name = p_stream_name FOR UPDATE;
    END IF;
  END IF;

  IF NOT (p_expected_kind = 'Any'
      OR (p_expected_kind = 'NoStream' AND v_current = 0)
      OR (p_expected_kind = 'StreamExists' AND v_current > 0)
      OR (p_expected_kind = 'Exact' AND v_current = p_expected_version)) THEN
    -- A retry of a batch stored earlier succeeds whatever version it expected.
    IF v_count > 0 THEN
      RETURN QUERY SELECT * FROM "${schema}".already_appended(p_stream_name, p_events);
      IF FOUND THEN
        RETURN;
      END IF;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'EVCNF', MESSAGE = 'expected version conflict', DETAIL = v_current::text;
  END IF;

  IF v_count = 0 THEN
    RETURN QUERY SELECT v_current, NULL::text, NULL::bigint, 0;
    RETURN;
  END IF;

  WITH inserted AS (
    INSERT INTO "${schema}".events (stream_name, category, stream_version, event_id, event_type, data, metadata)
    SELECT p_stream_name, p_category, v_current + e.ord, e.value->>'eventId', e.value->>'type', e.value->'data', e.value->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
    ORDER BY e.ord
    ON CONFLICT (event_id) DO NOTHING
    RETURNING global_position
  )
  SELECT count(*), max(global_position) INTO v_inserted, v_last_position FROM inserted;

  IF v_inserted < v_count THEN
    -- Some ids were stored before: an exact retry returns, anything else raises EVDUP.
    IF v_inserted = 0 THEN
      RETURN QUERY SELECT * FROM "${schema}".already_appended(p_stream_name, p_events);
      IF FOUND THEN
        RETURN;
      END IF;
    END IF;
    PERFORM "${schema}".already_appended(p_stream_name, p_events);
    RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
      DETAIL = json_build_object('eventId', '', 'reason',
        'some events of this batch are already stored and others are not: a retry must repeat the batch exactly')::text;
  END IF;

  UPDATE "${schema}".streams SET version = v_current + v_count WHERE stream_name = p_stream_name;
  IF p_channel IS NOT NULL THEN
    PERFORM pg_notify(p_channel, p_category);
  END IF;
  RETURN QUERY SELECT v_current + v_count, pg_current_xact_id()::text, v_last_position, v_count;
END
$fn$`
