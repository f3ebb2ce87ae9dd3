// pnpm bench:store — the event store on PostgreSQL next to raw PostgreSQL in the same run:
// single-event appends from 8 writers, 100-event batches, read-all, catch-up and live
// subscription lag. Servers are provisioned as the tests do. Last line: one JSON object.
import type { EventStore, Subscription } from '@hub/event-store';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { eventStoreMigrations } from '../src/event-store.migrations.ts';
import { createPostgresEventStore } from '../src/postgres-event-store.ts';
import { benchEvent, rawInsert, rawTableSql, streamFor } from './bench-rows.ts';
import { bestOfInterleaved, percentile, round, throughput, timed } from './measure.ts';

const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE_EVENTS ?? 12_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const READ_ROWS = Number(process.env.BENCH_READ_ROWS ?? 100_000);
const LAG_EVENTS = Number(process.env.BENCH_LAG_EVENTS ?? 2_000);
const PGLITE_EVENTS = Number(process.env.BENCH_PGLITE_EVENTS ?? 3_000);
const WRITERS = 8;
const BATCH_WRITERS = 4;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function singleAppends(db: SqlDatabase, store: EventStore) {
  return bestOfInterleaved(
    2,
    (r) =>
      throughput(SINGLE_EVENTS, WRITERS, async (w, n) => {
        const { text, values } = rawInsert(streamFor(`raw${r}`, w, n), n, [benchEvent(n)]);
        await db.query(text, values, { name: 'raw_single' });
      }),
    (r) =>
      throughput(SINGLE_EVENTS, WRITERS, async (w, n) => {
        await store.appendToStream(streamFor(`single${r}`, w, n), [benchEvent(n)]);
      }),
  );
}

async function batchAppends(db: SqlDatabase, store: EventStore) {
  const batch = (n: number) => Array.from({ length: 100 }, (_, i) => benchEvent(n * 100 + i));
  return bestOfInterleaved(
    2,
    async (r) =>
      100 *
      (await throughput(BATCHES, BATCH_WRITERS, async (w, n) => {
        const { text, values } = rawInsert(streamFor(`rawb${r}`, w, n), n * 100, batch(n));
        await db.query(text, values, { name: 'raw_batch' });
      })),
    async (r) =>
      100 *
      (await throughput(BATCHES, BATCH_WRITERS, async (w, n) => {
        await store.appendToStream(streamFor(`batch${r}`, w, n), batch(n));
      })),
  );
}

/** Tops both tables up to READ_ROWS rows, then reads each whole in its order. */
async function readAll(db: SqlDatabase, store: EventStore) {
  const [{ n } = { n: '0' }] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM event_store.events');
  for (let have = Number(n), i = 0; have < READ_ROWS; have += 500, i++) {
    await store.appendToStream(
      `customer-fill-${i % 200}`,
      Array.from({ length: 500 }, (_, k) => benchEvent(k)),
    );
  }
  await db.exec(`TRUNCATE raw_events; INSERT INTO raw_events (stream_id, stream_revision, event_id, event_type,
    schema_version, data, metadata, causation_id, correlation_id, occurred_at)
    SELECT stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, causation_id,
    correlation_id, occurred_at FROM event_store.events ORDER BY transaction_id, global_position LIMIT ${READ_ROWS}`);
  // One statement each: VACUUM refuses to run inside the implicit transaction of a script.
  await db.exec('VACUUM ANALYZE raw_events');
  await db.exec('VACUUM ANALYZE event_store.events');
  return bestOfInterleaved(
    2,
    () =>
      timed(READ_ROWS, async () => {
        const rows = await db.query(`SELECT * FROM raw_events ORDER BY global_position LIMIT ${READ_ROWS}`);
        if (rows.length !== READ_ROWS) throw new Error(`raw read returned ${rows.length}`);
      }),
    () =>
      timed(READ_ROWS, async () => {
        let after: Awaited<ReturnType<EventStore['readAll']>>[number]['position'] | undefined;
        let count = 0;
        while (count < READ_ROWS) {
          const page = await store.readAll({ after, maxCount: 1000 });
          if (page.length === 0) break;
          count += page.length;
          after = page.at(-1)?.position;
        }
        if (count < READ_ROWS) throw new Error(`read all returned ${count}`);
      }),
  );
}

/** A subscriber from the start: how fast it catches up over all history. */
async function catchUp(store: EventStore, total: number) {
  let seen = 0;
  let subscription: Subscription | undefined;
  const rate = await timed(total, async () => {
    await new Promise<void>((resolve, reject) => {
      subscription = store.subscribeToAll({
        from: 'start',
        onEvent: () => {
          if (++seen === total) resolve();
        },
        onError: reject,
      });
    });
  });
  await subscription?.stop();
  return rate;
}

/** Live lag: from an append's commit to the subscriber's handler, 8 writers at a steady pace. */
async function liveLag(writer: EventStore, reader: EventStore) {
  const committedAt = new Map<string, bigint>();
  const receivedAt = new Map<string, bigint>();
  let caughtUp: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    caughtUp = resolve;
  });
  const subscription = reader.subscribeToAll({
    from: 'end',
    filter: { streamPrefix: 'customer-lag' },
    onCaughtUp: () => caughtUp(),
    onEvent: (event) => {
      receivedAt.set(event.id, process.hrtime.bigint());
    },
  });
  await ready;
  const pauseMs = 8; // about 8 writers x 125/s = 1,000 appends/s offered
  await throughput(LAG_EVENTS, WRITERS, async (w, n) => {
    const event = benchEvent(n);
    await writer.appendToStream(streamFor('lag', w, n), [event]);
    committedAt.set(event.id, process.hrtime.bigint());
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  await subscription.stop();
  // A subscriber in the writer's process can see an event before the writer's await resumes: 0 ms.
  const lags = [...committedAt].map(([id, at]) =>
    Math.max(0, Number((receivedAt.get(id) ?? BigInt(Number.MAX_SAFE_INTEGER)) - at) / 1e6),
  );
  lags.sort((a, b) => a - b);
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), seen: receivedAt.size, sent: committedAt.size };
}

/** The embedded default: one connection, so one writer, next to raw single-row INSERTs on PGlite. */
async function pgliteAppends() {
  const db = await openPGlite();
  try {
    await runMigrations(db, eventStoreMigrations);
    await db.exec(rawTableSql);
    const store = createPostgresEventStore(db);
    return await bestOfInterleaved(
      2,
      (r) =>
        throughput(PGLITE_EVENTS, 1, async (w, n) => {
          const { text, values } = rawInsert(streamFor(`raw${r}`, w, n), n, [benchEvent(n)]);
          await db.query(text, values);
        }),
      (r) =>
        throughput(PGLITE_EVENTS, 1, async (w, n) => {
          await store.appendToStream(streamFor(`single${r}`, w, n), [benchEvent(n)]);
        }),
    );
  } finally {
    await db.close();
  }
}

async function main() {
  const database = await createTestDatabase({ prefix: 'bench_store' });
  const db = connectPostgres({ url: database.url, maxConnections: WRITERS + 2 });
  const otherProcessDb = connectPostgres({ url: database.url, maxConnections: 2 });
  try {
    await runMigrations(db, eventStoreMigrations);
    await db.exec(rawTableSql);
    const store = createPostgresEventStore(db);
    const [{ server_version: version } = { server_version: '?' }] = await db.query<{ server_version: string }>(
      'SHOW server_version',
    );
    say(`bench:store on PostgreSQL ${version} (${database.name}), ${WRITERS} writers`);

    const single = await singleAppends(db, store);
    say(
      `single-event appends  ${round(single.store)} events/s   raw INSERT ${round(single.raw)} rows/s   ratio ${round(single.store / single.raw, 2)}`,
    );
    const batch = await batchAppends(db, store);
    say(
      `100-event batches     ${round(batch.store)} events/s   raw INSERT ${round(batch.raw)} rows/s   ratio ${round(batch.store / batch.raw, 2)}`,
    );
    const read = await readAll(db, store);
    say(
      `read all (${READ_ROWS})    ${round(read.store)} events/s   raw SELECT ${round(read.raw)} rows/s   ratio ${round(read.store / read.raw, 2)}`,
    );
    const catchUpRate = await catchUp(store, READ_ROWS);
    say(`catch-up subscription ${round(catchUpRate)} events/s from the start of ${READ_ROWS}`);
    const sameProcess = await liveLag(store, store);
    say(
      `live lag, same process   p50 ${round(sameProcess.p50, 1)} ms  p99 ${round(sameProcess.p99, 1)} ms  (${sameProcess.seen}/${sameProcess.sent} events)`,
    );
    const otherProcess = await liveLag(store, createPostgresEventStore(otherProcessDb));
    say(
      `live lag, other process  p50 ${round(otherProcess.p50, 1)} ms  p99 ${round(otherProcess.p99, 1)} ms  (${otherProcess.seen}/${otherProcess.sent} events, 50 ms poll)`,
    );
    const embedded = await pgliteAppends();
    say(
      `PGlite single appends ${round(embedded.store)} events/s   raw INSERT ${round(embedded.raw)} rows/s   ratio ${round(embedded.store / embedded.raw, 2)}`,
    );

    say(
      JSON.stringify({
        bench: 'store',
        backend: 'postgres',
        date: new Date().toISOString().slice(0, 10),
        single_append_events_per_s: round(single.store),
        raw_single_insert_rows_per_s: round(single.raw),
        single_append_ratio: round(single.store / single.raw, 2),
        batch_append_events_per_s: round(batch.store),
        raw_batch_insert_rows_per_s: round(batch.raw),
        batch_append_ratio: round(batch.store / batch.raw, 2),
        read_all_events_per_s: round(read.store),
        raw_read_rows_per_s: round(read.raw),
        read_all_ratio: round(read.store / read.raw, 2),
        catch_up_events_per_s: round(catchUpRate),
        live_lag_same_process_p50_ms: round(sameProcess.p50, 1),
        live_lag_same_process_p99_ms: round(sameProcess.p99, 1),
        live_lag_other_process_p50_ms: round(otherProcess.p50, 1),
        live_lag_other_process_p99_ms: round(otherProcess.p99, 1),
        pglite_single_append_events_per_s: round(embedded.store),
        pglite_raw_single_insert_rows_per_s: round(embedded.raw),
        pglite_single_append_ratio: round(embedded.store / embedded.raw, 2),
      }),
    );
  } finally {
    await otherProcessDb.close();
    await db.close();
    await database.drop();
  }
}

await main();
