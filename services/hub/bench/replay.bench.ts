// pnpm bench:replay — replays a history of at least 1,000,000 events (customers, interactions on
// five channels, conversations with replies, reopens and ratings, orders and refunds) into every
// analytics projection, each from scratch into its shadow tables and swapped in, as
// `pnpm hub replay <projection>` does. Beside it, in the same run, the raw sequential read of the
// same events: plain SQL rows/s and the store's read-all events/s. Memory: the peak RSS of the
// run and the live heap (after a full GC) at each quarter of every replay, which stays flat when
// a replay holds nothing per event. Goals: >= 50,000 events/s and >= 30% of the raw read rate,
// where a replay's events/s are the history's events over the time it took to bring the
// projection up to date with all of it (a projection that reads only its own streams has the
// store skip the rest, as the raw read does not); the events it applied per second are printed
// beside. Last line: one JSON object.
import type { EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import { startOfAll } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { type ProjectionDefinition, rebuildProjection } from '@hub/projections';
import type { SqlDatabase } from '@hub/sql';
import { factsOnlyProjections, hubProjections } from '../src/rebuild-projection.ts';
import { createDataset, loadAverage, say } from './agent-dataset.ts';
import { round } from './bench-load.ts';
import { replayHistory } from './replay-history.ts';
import { orderHistory } from './replay-orders.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH_CUSTOMERS = 200;
/** Events a replay reads and applies in one transaction (the replay's default when unset). */
const BATCH = process.env.BENCH_REPLAY_BATCH ? Number(process.env.BENCH_REPLAY_BATCH) : undefined;
const GOAL_EVENTS_PER_SECOND = 50_000;
const GOAL_RATIO = 0.3;

/** The projections analysts read: every analytics read model and the commerce facts they stand on. */
const only = process.env.BENCH_PROJECTIONS?.split(',');
const replayed: ProjectionDefinition[] = [...hubProjections.values()].filter(
  (projection) =>
    (projection.name.startsWith('analytics') || projection.name === 'commerce') &&
    (!only || only.includes(projection.name)),
);

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
sampler.unref();

/** Every event of the store through `store`, in pages of 1,000 as a replay reads them: events/s. */
async function storeReadRate(store: EventStore): Promise<{ events: number; perSecond: number }> {
  const started = performance.now();
  let after = startOfAll;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1_000 });
    const last = page.at(-1);
    if (!last) break;
    events += page.length;
    after = last.position;
  }
  return { events, perSecond: events / ((performance.now() - started) / 1000) };
}

/** The same rows by plain SQL in the store's keyset pages of 1,000, nothing decoded by the store: rows/s. */
async function sqlScanRate(db: SqlDatabase): Promise<{ rows: number; perSecond: number }> {
  const started = performance.now();
  let after = ['0', '0'];
  let rows = 0;
  for (;;) {
    const page = await db.query<{ transaction_id: string; global_position: string }>(
      // Ordered by the columns (qualified): the text copies would sort as text, by a full scan.
      `SELECT e.transaction_id::text AS transaction_id, e.global_position::text AS global_position, e.stream_id,
              e.stream_revision, e.event_id, e.event_type, e.schema_version, e.data, e.metadata, e.causation_id,
              e.correlation_id, e.occurred_at, e.recorded_at
         FROM event_store.events e
        WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY e.transaction_id, e.global_position LIMIT 1000`,
      [after[0], after[1]],
    );
    const last = page.at(-1);
    if (!last) break;
    rows += page.length;
    after = [last.transaction_id, last.global_position];
  }
  return { rows, perSecond: rows / ((performance.now() - started) / 1000) };
}

say(`bench:replay — ${EVENTS.toLocaleString('en')} events into ${replayed.map((p) => p.name).join(', ')}`);
if (replayed.length === 0) throw new Error('no analytics projection is registered in hubProjections');
if (!gc) say('  (run with --expose-gc for the live-heap figures)');
const dataset = await createDataset('bench_replay');
try {
  // The history, appended through the sealing store as the writer and the APIs append it.
  const loadStarted = performance.now();
  let loaded = 0;
  let customers = 0;
  let reported = loadStarted;
  const inFlight: Promise<unknown>[] = [];
  while (loaded < EVENTS) {
    const appends = [];
    for (let c = customers; c < customers + BATCH_CUSTOMERS; c++) appends.push(...replayHistory(c, orderHistory));
    customers += BATCH_CUSTOMERS;
    for (const append of appends) loaded += append.events.length;
    inFlight.push(dataset.store.appendToStreams(appends));
    if (inFlight.length >= 2) await inFlight.shift();
    if (performance.now() - reported > 10_000 || loaded >= EVENTS) {
      reported = performance.now();
      say(
        `  loaded ${loaded.toLocaleString('en')} events (${customers.toLocaleString('en')} customers), ${round(loaded / ((reported - loadStarted) / 1000))} events/s; load average ${loadAverage()}`,
      );
    }
  }
  await Promise.all(inFlight);
  await dataset.db.query('ANALYZE event_store.events');
  const total = await countEvents(dataset.db);
  say(`history: ${total.toLocaleString('en')} events, ${customers.toLocaleString('en')} customers`);

  say(`raw sequential read of the same events; load average ${loadAverage()}`);
  const sqlScan = await sqlScanRate(dataset.db);
  say(`  plain SQL, pages of 1,000          ${round(sqlScan.perSecond)} rows/s`);
  const storeRead = await storeReadRate(dataset.rawStore);
  say(`  store read-all, pages of 1,000     ${round(storeRead.perSecond)} events/s`);

  const results = [];
  for (const projection of replayed) {
    gc?.();
    const heaps: number[] = [];
    let nextQuarter = 0.25;
    const result = await rebuildProjection(
      {
        db: dataset.db,
        // As the hub replays it: as stored, or opening personal data where the projection reads it.
        store: factsOnlyProjections.has(projection.name) ? dataset.rawStore : dataset.store,
        logger: silentLogger(),
        countEvents: (filter) => countEvents(dataset.db, filter),
      },
      projection,
      {
        ...(BATCH ? { batchSize: BATCH } : {}),
        onPage: (progress) => {
          if (!progress.total || progress.events / progress.total < nextQuarter) return;
          nextQuarter += 0.25;
          gc?.();
          heaps.push(process.memoryUsage().heapUsed);
        },
      },
    );
    // A projection that reads only its own streams applies fewer events but still covers the whole
    // history, which the raw read reads in full: the replay's rate counts every event of the store.
    const historyPerSecond = total / (result.durationMs / 1000);
    const ratio = historyPerSecond / storeRead.perSecond;
    const growth = heaps.length > 1 ? (heaps.at(-1) ?? 0) - (heaps[0] ?? 0) : 0;
    say(
      `  ${projection.name.padEnd(28)} ${round(historyPerSecond)} events/s (history of ${total.toLocaleString('en')} in ${round(result.durationMs / 1000, 1)} s; ${result.applied.toLocaleString('en')} applied, ${round(result.eventsPerSecond)}/s): ${round(ratio, 2)} of the store's read, ${round(historyPerSecond / sqlScan.perSecond, 2)} of the SQL scan; live heap by quarter ${heaps.map(mb).join(' / ')} MB; load average ${loadAverage()}`,
    );
    results.push({
      projection: projection.name,
      seconds: round(result.durationMs / 1000, 1),
      events_per_s: round(historyPerSecond),
      applied: result.applied,
      applied_per_s: round(result.eventsPerSecond),
      vs_store_read: round(ratio, 2),
      vs_sql_scan: round(historyPerSecond / sqlScan.perSecond, 2),
      heap_mb_by_quarter: heaps.map(mb),
      heap_growth_mb: mb(growth),
    });
  }
  const slowest = results.reduce((a, b) => (a.events_per_s <= b.events_per_s ? a : b));
  const met = slowest.events_per_s >= GOAL_EVENTS_PER_SECOND && slowest.vs_store_read >= GOAL_RATIO;
  say(
    `slowest: ${slowest.projection} at ${slowest.events_per_s} events/s (${slowest.vs_store_read} of the read rate); goals (>= ${GOAL_EVENTS_PER_SECOND} events/s, >= ${GOAL_RATIO}): ${met ? 'met' : 'NOT met'}; peak RSS ${mb(peakRss)} MB`,
  );
  say(
    JSON.stringify({
      bench: 'replay',
      date: new Date().toISOString(),
      events: total,
      customers,
      sql_scan_rows_per_s: round(sqlScan.perSecond),
      store_read_events_per_s: round(storeRead.perSecond),
      projections: results,
      peak_rss_mb: mb(peakRss),
      goals_met: met,
    }),
  );
} finally {
  await dataset.close();
}
