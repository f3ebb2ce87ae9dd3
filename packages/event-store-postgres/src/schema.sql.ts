// The event store's schema, the same on PostgreSQL and PGlite: migration event-store/0001-events.
// Every statement is idempotent so databases made before versioned migrations (tables, no
// `hub_migrations` rows) upgrade in place. Why the global order is (transaction_id, global_position):
// docs/architecture.md, "Global order without gaps".
export const eventStoreSchema = /* sql */ `
CREATE SCHEMA IF NOT EXISTS event_store;

-- Only truncation and deletion write here: appends find a stream's revision in its events, so the
-- common path writes one table. last_revision keeps the count once the events themselves are gone.
CREATE TABLE IF NOT EXISTS event_store.streams (
  stream_id       text PRIMARY KEY,
  last_revision   bigint  NOT NULL DEFAULT -1,
  truncate_before bigint  NOT NULL DEFAULT 0,
  tombstoned      boolean NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS event_store.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id  xid8    NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text    NOT NULL,
  stream_revision bigint  NOT NULL,
  event_id        uuid    NOT NULL,
  event_type      text    NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb   NOT NULL,
  metadata        jsonb   NOT NULL,
  causation_id    text,
  correlation_id  text,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE INDEX IF NOT EXISTS events_global_order_idx ON event_store.events (transaction_id, global_position);

-- One round trip and one short transaction per append: lock the stream, answer a retry as
-- already appended, check the expected revision, insert. p_expected is 'any', 'no_stream',
-- 'stream_exists' or a revision number.
CREATE OR REPLACE FUNCTION event_store.append(p_stream_id text, p_expected text, p_events jsonb)
RETURNS TABLE (outcome text, last_revision bigint, transaction_id text, global_position bigint)
LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  v_count      integer := jsonb_array_length(p_events);
  v_ids        uuid[]  := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(p_events) AS e);
  v_revision   bigint;
  v_tombstoned boolean := false;
  v_id         uuid;
  v_owner      text;
  v_found      integer := 0;
  v_here       integer := 0;
  v_position   bigint;
  v_accepted   boolean;
BEGIN
  -- An advisory lock, not SELECT ... FOR UPDATE: a row lock assigns the transaction id before it
  -- waits, so a writer that queued first but won the lock second would get the smaller id and sort
  -- before the events it follows. Here the id is assigned after the lock, by the first write, so
  -- transaction ids, and with them the global order, follow each stream's order.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

  -- After the lock, so a retry racing its own first attempt sees that attempt's rows. One
  -- equality lookup per id, not "= ANY (ids)": plpgsql caches plans, and the cached plan for the
  -- array form, made while the table was small, kept scanning the whole table once it was not.
  FOREACH v_id IN ARRAY v_ids LOOP
    SELECT e.stream_id INTO v_owner FROM event_store.events e WHERE e.event_id = v_id;
    IF FOUND THEN
      v_found := v_found + 1;
      IF v_owner = p_stream_id THEN v_here := v_here + 1; END IF;
    END IF;
  END LOOP;
  IF v_found > 0 THEN
    IF v_here = v_count AND v_found = v_count THEN
      RETURN QUERY SELECT 'already_appended'::text, e.stream_revision, e.transaction_id::text, e.global_position
        FROM event_store.events e WHERE e.event_id = ANY (v_ids) ORDER BY e.stream_revision DESC LIMIT 1;
    ELSE
      RETURN QUERY SELECT 'duplicate_event_id'::text, NULL::bigint, NULL::text, NULL::bigint;
    END IF;
    RETURN;
  END IF;

  -- One statement for where the stream is: its last event, or the count truncation kept.
  SELECT greatest(coalesce(s.last_revision, -1),
           coalesce((SELECT max(e.stream_revision) FROM event_store.events e WHERE e.stream_id = p_stream_id), -1)),
         coalesce(s.tombstoned, false)
    INTO v_revision, v_tombstoned
    FROM (SELECT 1) AS one LEFT JOIN event_store.streams s ON s.stream_id = p_stream_id;

  IF v_tombstoned THEN
    RETURN QUERY SELECT 'stream_deleted'::text, v_revision, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  v_accepted := CASE p_expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN v_revision = -1
      WHEN 'stream_exists' THEN v_revision >= 0
      ELSE v_revision = p_expected::bigint
    END;
  IF NOT v_accepted THEN
    RETURN QUERY SELECT 'wrong_expected_revision'::text, v_revision, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  WITH inserted AS (
    INSERT INTO event_store.events AS ev (stream_id, stream_revision, event_id, event_type, schema_version, data,
                                          metadata, causation_id, correlation_id, occurred_at)
    SELECT p_stream_id, v_revision + x.ord, (x.e->>'id')::uuid, x.e->>'type',
           (x.e->>'schemaVersion')::integer, x.e->'data', x.e->'metadata', x.e->>'causationId',
           x.e->>'correlationId', (x.e->>'occurredAt')::timestamptz
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord)
     ORDER BY x.ord
    RETURNING ev.global_position
  )
  SELECT max(i.global_position) INTO v_position FROM inserted i;

  -- Assigned, not RETURN QUERY: no query to run for the common answer.
  outcome := 'appended';
  last_revision := v_revision + v_count;
  transaction_id := pg_current_xact_id()::text;
  global_position := v_position;
  RETURN NEXT;
END
$$;

-- Whether any of these event ids is stored. Dynamic SQL, planned at each call: the cached plan
-- of "= ANY (ids)" inside PL/pgSQL, made while the table was small, kept scanning the whole table.
CREATE OR REPLACE FUNCTION event_store.any_event_exists(p_ids uuid[])
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_found boolean;
BEGIN
  EXECUTE 'SELECT EXISTS (SELECT 1 FROM event_store.events e WHERE e.event_id = ANY ($1))' INTO v_found USING p_ids;
  RETURN v_found;
END
$$;

-- Several appends in one transaction: [{streamId, expected, events}, ...] in order, each meaning
-- what append means (a stream may come twice; the second sees the first). Every stream's lock is
-- taken first, in lock-key order, so two batches over the same streams cannot deadlock and the
-- transaction id is assigned after the last lock, as for a single append.
-- The writer's case, new events for revision 'any', is done set-wise: one look-up of the ids, one
-- of the streams, one insert. Anything else (a retry, an expected revision, a deleted stream, an
-- id given twice, an empty entry) goes entry by entry through append, which takes its lock again
-- (a holder gets it at once); a failing entry raises HUB01 with "<index> <outcome> <revision>",
-- which rolls the whole call back. Not "SET plan_cache_mode = force_custom_plan" here: planning
-- with the whole batch as a constant cost 70 ms a call.
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
  r         record;
BEGIN
  FOR v_key IN SELECT DISTINCT hashtextextended(a->>'streamId', 0) AS k
                 FROM jsonb_array_elements(p_appends) AS a ORDER BY k LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;

  v_ids := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(p_appends) AS a, jsonb_array_elements(a->'events') AS e);
  v_streams := ARRAY(SELECT DISTINCT a->>'streamId' FROM jsonb_array_elements(p_appends) AS a);
  IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p_appends) AS a
                  WHERE a->>'expected' <> 'any' OR jsonb_array_length(a->'events') = 0)
     AND cardinality(v_ids) = (SELECT count(DISTINCT i) FROM unnest(v_ids) AS i)
     AND NOT event_store.any_event_exists(v_ids)
     AND NOT EXISTS (SELECT 1 FROM event_store.streams s WHERE s.stream_id = ANY (v_streams) AND s.tombstoned) THEN
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
