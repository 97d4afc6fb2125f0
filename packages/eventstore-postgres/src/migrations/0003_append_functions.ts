/**
 * Version 3: the append functions as released before versions were recorded (the package at
 * commit 460cf54, whose `migrate` reinstalled them on every run): a batch as four parallel
 * arrays (adr/0009), `already_appended` with the reasons of that time, and the transaction of a
 * caller marked as holding events. Drops the signatures of the first functions, which took the
 * batch as one `jsonb` value. The text is frozen: it is what that version installed, byte for
 * byte, so that a store it migrated is recognised (see `Migrations`); `test/Migrations.unit.spec.ts`
 * pins it. Version 4 words three parts of `append_to_stream` differently (`appendToStreamWith`).
 */
import * as Step from "./Step.js"

/**
 * The rows `already_appended` judges, in both its versions: each event of the batch (its id,
 * position `ord` from 1) with the stored event of the same id, if any, and whether the two have
 * the same type and data. Version 4 adds a condition to the join. Frozen with both versions.
 */
export const batchAgainstStoredEvents = (
  schema: string
): string => `    SELECT b.event_id, b.ord, s.stream_name AS stored_stream, s.stream_version AS stored_version,
           s.transaction_id, s.global_position,
           (s.event_type = b.event_type AND s.data = b.data) AS same_content
    FROM unnest(p_event_ids, p_types, p_data) WITH ORDINALITY AS b(event_id, event_type, data, ord)
    LEFT JOIN "${schema}".events s ON s.event_id = b.event_id`

/** The function of 460cf54 that judges whether a batch is an exact retry. */
export const alreadyAppended: Step.InstalledFunction = {
  signature: (schema) => `"${schema}".already_appended(text, text[], text[], jsonb[])`,
  create: (schema) => `
CREATE OR REPLACE FUNCTION "${schema}".already_appended(p_stream_name text, p_event_ids text[], p_types text[], p_data jsonb[])
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
${batchAgainstStoredEvents(schema)}
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
}

/** The parts of `append_to_stream` that versions 3 and 4 word differently. */
export interface AppendToStreamParts {
  /** Statements that open the body, each line ending with a newline (version 4: the guard of the expectation). */
  readonly guard: string
  /** The arguments with which `already_appended` is asked whether the batch is a retry. */
  readonly retryArguments: string
  /** The statements that raise `EVDUP` when some of the batch's ids were stored and it is no retry. */
  readonly partialBatch: (schema: string) => string
}

/** `append_to_stream` with `parts`: this version's (`appendToStream`) and version 4's. */
export const appendToStreamWith = (parts: AppendToStreamParts): Step.InstalledFunction => ({
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
${parts.guard}  IF v_count = 0 THEN
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
    SELECT * INTO v_retry FROM "${schema}".already_appended(${parts.retryArguments});
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
      SELECT * INTO v_retry FROM "${schema}".already_appended(${parts.retryArguments});
      IF FOUND THEN
        UPDATE "${schema}".streams s SET version = s.version - v_count WHERE s.stream_name = p_stream_name;
        stream_version := v_retry.stream_version;
        last_transaction_id := v_retry.last_transaction_id;
        last_position := v_retry.last_position;
        RETURN;
      END IF;
    END IF;
${parts.partialBatch(schema)}
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
})

/** The append function of 460cf54. */
export const appendToStream = appendToStreamWith({
  guard: "",
  retryArguments: "p_stream_name, p_event_ids, p_types, p_data",
  partialBatch: (schema) => `    PERFORM "${schema}".already_appended(p_stream_name, p_event_ids, p_types, p_data);
    RAISE EXCEPTION USING ERRCODE = 'EVDUP', MESSAGE = 'duplicate event id',
      DETAIL = json_build_object('eventId', '', 'reason',
        'some events of this batch are already stored and others are not: a retry must repeat the batch exactly')::text;`
})

export const step: Step.Step = Step.make({
  version: 3,
  name: "append_functions",
  footprint: { _tag: "Functions", functions: [alreadyAppended, appendToStream] },
  statements: (schema) => [
    `DROP FUNCTION IF EXISTS "${schema}".append_to_stream(text, text, text, bigint, jsonb, text)`,
    `DROP FUNCTION IF EXISTS "${schema}".already_appended(text, jsonb)`,
    alreadyAppended.create(schema),
    appendToStream.create(schema)
  ]
})
