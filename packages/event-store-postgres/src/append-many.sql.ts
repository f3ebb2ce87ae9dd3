// Migration event-store/0002-append-many-expected-revisions: append_many's set-wise path also takes
// entries with an expected revision. The conversation linker appends every conversation at the
// revision it decided on, so in `pnpm bench:agent`'s live phase half the batches went entry by
// entry through append; set-wise, append_many's PostgreSQL time fell from 0.27 to 0.24 ms an event.
export const appendManySchema = /* sql */ `
-- Several appends in one transaction: [{streamId, expected, events}, ...] in order, each meaning
-- what append means (a stream may come twice; the second sees the first). Every stream's lock is
-- taken first, in lock-key order, so two batches over the same streams cannot deadlock and the
-- transaction id is assigned after the last lock, as for a single append.
-- New events whose expected revisions hold (any; or, for a stream named once in the batch,
-- no_stream, stream_exists or its revision) are appended set-wise: one look-up of the ids, one of
-- the streams, one insert. Anything else (a retry, a revision that does not hold, a deleted stream,
-- an id given twice, an empty entry, an expectation on a stream named twice) goes entry by entry
-- through append, which takes its lock again (a holder gets it at once) and answers exactly as a
-- single append would; a failing entry raises HUB01 with "<index> <outcome> <revision>", which
-- rolls the whole call back. Not "SET plan_cache_mode = force_custom_plan" here: planning with the
-- whole batch as a constant cost 70 ms a call.
-- "SET jit = off" here and in append: jsonb_array_elements is estimated at 100 rows, so the insert
-- of a batch looks costly enough for JIT, which then spent 20 ms compiling on each call of 35 ms
-- (100 ms on a busy machine), a third of append_many's time, to save nothing on 500 rows.
CREATE OR REPLACE FUNCTION event_store.append_many(p_appends jsonb)
RETURNS TABLE (outcome text, last_revision bigint, transaction_id text, global_position bigint)
LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  v_key     bigint;
  v_entry   jsonb;
  v_index   integer := 0;
  v_ids     uuid[];
  v_streams text[];
  v_setwise boolean;
  r         record;
BEGIN
  FOR v_key IN SELECT DISTINCT hashtextextended(a->>'streamId', 0) AS k
                 FROM jsonb_array_elements(p_appends) AS a ORDER BY k LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;

  v_ids := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(p_appends) AS a, jsonb_array_elements(a->'events') AS e);
  v_streams := ARRAY(SELECT DISTINCT a->>'streamId' FROM jsonb_array_elements(p_appends) AS a);
  v_setwise := NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p_appends) AS a WHERE jsonb_array_length(a->'events') = 0)
     AND cardinality(v_ids) = (SELECT count(DISTINCT i) FROM unnest(v_ids) AS i)
     AND NOT event_store.any_event_exists(v_ids)
     AND NOT EXISTS (SELECT 1 FROM event_store.streams s WHERE s.stream_id = ANY (v_streams) AND s.tombstoned);
  -- Under the locks, so what is checked here is what the insert numbers from.
  IF v_setwise THEN
    v_setwise := NOT EXISTS (
      SELECT 1
        FROM (SELECT a->>'streamId' AS stream_id, a->>'expected' AS expected,
                     count(*) OVER (PARTITION BY a->>'streamId') AS entries
                FROM jsonb_array_elements(p_appends) AS a) x
       CROSS JOIN LATERAL (
         SELECT greatest(
                  coalesce((SELECT st.last_revision FROM event_store.streams st WHERE st.stream_id = x.stream_id), -1),
                  coalesce((SELECT max(ev.stream_revision) FROM event_store.events ev WHERE ev.stream_id = x.stream_id), -1)
                ) AS revision
       ) b
       WHERE x.expected <> 'any'
         AND (x.entries > 1 OR NOT CASE x.expected
               WHEN 'no_stream' THEN b.revision = -1
               WHEN 'stream_exists' THEN b.revision >= 0
               ELSE CASE WHEN x.expected ~ '^[0-9]+$' THEN b.revision = x.expected::bigint ELSE false END
             END));
  END IF;
  IF v_setwise THEN
    RETURN QUERY
    WITH event AS (
      SELECT x.ord AS entry_ord, x.a->>'streamId' AS stream_id, y.ord AS event_ord, y.e
        FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS x(a, ord),
             jsonb_array_elements(x.a->'events') WITH ORDINALITY AS y(e, ord)
    ), base AS (
      SELECT s.stream_id, greatest(
               coalesce((SELECT st.last_revision FROM event_store.streams st WHERE st.stream_id = s.stream_id), -1),
               coalesce((SELECT max(ev.stream_revision) FROM event_store.events ev WHERE ev.stream_id = s.stream_id), -1)
             ) AS revision
        FROM unnest(v_streams) AS s(stream_id)
    ), numbered AS (
      SELECT ev.entry_ord, ev.event_ord, ev.stream_id, ev.e,
             b.revision + row_number() OVER (PARTITION BY ev.stream_id ORDER BY ev.entry_ord, ev.event_ord) AS stream_revision
        FROM event ev JOIN base b ON b.stream_id = ev.stream_id
    ), inserted AS (
      INSERT INTO event_store.events AS ev (stream_id, stream_revision, event_id, event_type, schema_version, data,
                                            metadata, causation_id, correlation_id, occurred_at)
      SELECT n.stream_id, n.stream_revision, (n.e->>'id')::uuid, n.e->>'type', (n.e->>'schemaVersion')::integer,
             n.e->'data', n.e->'metadata', n.e->>'causationId', n.e->>'correlationId', (n.e->>'occurredAt')::timestamptz
        FROM numbered n
       ORDER BY n.entry_ord, n.event_ord
      RETURNING ev.stream_id, ev.stream_revision, ev.global_position
    )
    SELECT 'appended'::text, max(i.stream_revision), pg_current_xact_id()::text, max(i.global_position)
      FROM inserted i JOIN numbered n ON n.stream_id = i.stream_id AND n.stream_revision = i.stream_revision
     GROUP BY n.entry_ord
     ORDER BY n.entry_ord;
    RETURN;
  END IF;

  FOR v_entry IN SELECT x.a FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS x(a, ord) ORDER BY x.ord LOOP
    SELECT * INTO r FROM event_store.append(v_entry->>'streamId', v_entry->>'expected', v_entry->'events');
    IF r.outcome NOT IN ('appended', 'already_appended') THEN
      RAISE EXCEPTION USING ERRCODE = 'HUB01', MESSAGE = format('%s %s %s', v_index, r.outcome, r.last_revision);
    END IF;
    outcome := r.outcome;
    last_revision := r.last_revision;
    transaction_id := r.transaction_id;
    global_position := r.global_position;
    RETURN NEXT;
    v_index := v_index + 1;
  END LOOP;
END
$$;
`;
