import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { formatPosition, type RecordedEvent, startOfAll } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectionMigrations } from './checkpoints.migrations.ts';
import { type ProjectionDefinition, type RunningProjection, runProjection } from './projection-runner.ts';
import type { ProjectionStatus } from './projection-status.ts';

// A projection that writes down each event it applies, on real PostgreSQL: the store's reads and
// the projection's transactions go through one pool, so a page read ahead runs beside the apply
// of the page before it, as in the hub.
const PAGE = 100;

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const runner = suite<Context>('a projection run from its checkpoint, a page at a time');

runner.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'projection_runner' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
  await runMigrations(context.db, [...eventStoreMigrations, ...projectionMigrations]);
  await context.db.exec(
    'CREATE TABLE applied (seq bigserial, event_id text PRIMARY KEY, position text NOT NULL, n integer)',
  );
  context.store = createPostgresEventStore(context.db);
});

/** Every projection a test starts, stopped after it even when an assertion failed first. */
let running: RunningProjection[] = [];
const started = async (projection: Promise<RunningProjection>) => {
  running.push(await projection);
  return running.at(-1) as RunningProjection;
};

runner.after.each(async ({ db, database }) => {
  for (const projection of running) await projection.stop();
  running = [];
  await db.close();
  await database.drop();
});

/** `count` events over 7 streams, appended a few at a time like a writer's batches. */
async function appendEvents(store: EventStore, from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += 25) {
    const numbers = Array.from({ length: Math.min(25, from + count - start) }, (_, i) => start + i);
    await store.appendToStreams(
      numbers.map((n) => ({
        streamId: `customer-${n % 7}`,
        expectedRevision: 'any' as const,
        events: [{ id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n }, occurredAt: new Date() }],
      })),
    );
  }
  // Readers see an append only once every older transaction on the server has ended (the store's
  // gap-free rule uses the cluster-wide snapshot xmin): on a server shared with other tests that
  // can take a moment, and the tests below compare with what readers see.
  await waitFor(async () => ((await store.readAll({ maxCount: 10_000 })).length >= from + count ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 20,
    what: `the ${from + count} events appended to be visible to readers`,
  });
}

const recording = (): ProjectionDefinition => ({
  name: 'recording',
  readModel: { schema: 'public', tables: ['applied'] },
  async apply(tx, event: RecordedEvent) {
    await tx.query('INSERT INTO applied (event_id, position, n) VALUES ($1, $2, $3)', [
      event.id,
      formatPosition(event.position),
      (event.data as { n: number }).n,
    ]);
  },
});

const appliedIds = async (db: SqlDatabase) =>
  (await db.query<{ event_id: string }>('SELECT event_id FROM applied ORDER BY seq')).map((r) => r.event_id);

const checkpointOf = async (db: SqlDatabase) =>
  (
    await db.query<{ position: string }>("SELECT position FROM read_models.checkpoints WHERE projection = 'recording'")
  )[0]?.position;

runner('catching up over many full pages, it applies every event once, in the store order', async ({ db, store }) => {
  await appendEvents(store, 0, 1_050);
  const projection = await started(
    runProjection({ db, store, logger: silentLogger() }, recording(), {
      batchSize: PAGE,
    }),
  );
  await projection.caughtUp();
  const all = await store.readAll({ maxCount: 10_000 });
  assert.equal(
    await appliedIds(db),
    all.map((e) => e.id),
  );
  assert.is(await checkpointOf(db), formatPosition(all.at(-1)?.position ?? { commit: 0n, prepare: 0n }));

  await appendEvents(store, 1_050, 230);
  await projection.caughtUp();
  await projection.stop();
  const after = await store.readAll({ maxCount: 10_000 });
  assert.is(after.length, 1_280);
  assert.equal(
    await appliedIds(db),
    after.map((e) => e.id),
    'events appended later follow, none twice',
  );
});

runner(
  "a filtered projection goes on past other streams' events, so its next read starts after them, and misses none of its own",
  async ({ db, store }) => {
    await appendEvents(store, 0, 350);
    const own = { ...recording(), filter: { streamPrefix: 'customer-0' } };
    const projection = await started(
      runProjection({ db, store, logger: silentLogger() }, own, { batchSize: PAGE, skippedCheckpointMs: 0 }),
    );
    await projection.caughtUp();
    const head = async () => formatPosition((await store.readAll({ maxCount: 10_000 })).at(-1)?.position ?? startOfAll);
    assert.is(await checkpointOf(db), await head(), 'the checkpoint is the last event read past, not its own last');

    // Other streams only: the projection has nothing to apply, and its reads go on after them.
    const others = Array.from({ length: 40 }, (_, i) => ({
      streamId: `customer-${1 + (i % 6)}`,
      expectedRevision: 'any' as const,
      events: [
        { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n: 1_000 + i }, occurredAt: new Date() },
      ],
    }));
    await store.appendToStreams(others);
    const othersHead = await head();
    await waitFor(async () => ((await checkpointOf(db)) === othersHead ? true : undefined), {
      timeoutMs: 10_000,
      what: "the checkpoint to go past the other streams' events",
    });

    await store.appendToStream('customer-0', [
      { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n: 2_000 }, occurredAt: new Date() },
    ]);
    await waitFor(async () => ((await appliedIds(db)).length === 51 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'its own event appended later to be applied',
    });
    const mine = (await store.readAll({ maxCount: 10_000, filter: own.filter })).map((e) => e.id);
    assert.is(mine.length, 51);
    assert.equal(await appliedIds(db), mine, 'every event of its streams, once, in order');
  },
);

const untilStatus = (projection: RunningProjection, accept: (status: ProjectionStatus) => boolean, what: string) =>
  waitFor(async () => (accept(projection.status()) ? projection.status() : undefined), { timeoutMs: 10_000, what });

runner(
  'a page that fails is retried from the checkpoint, reported with its lag, and recovers without a restart',
  async ({ db, store }) => {
    await appendEvents(store, 0, 1_050);
    // A real read-model constraint refuses event 450, in the fifth page, while the sixth is read ahead.
    await db.exec('ALTER TABLE applied ADD CONSTRAINT no_450 CHECK (n <> 450)');
    const projection = await started(
      runProjection({ db, store, logger: silentLogger() }, recording(), {
        batchSize: PAGE,
        retryBackoff: { baseMs: 10, maxMs: 50 },
        lagCacheMs: 0,
      }),
    );
    const all = await store.readAll({ maxCount: 10_000 });
    const committed = all.slice(0, 400);

    const failing = await untilStatus(projection, (s) => s.state === 'retrying' && s.attempts >= 3, 'three attempts');
    assert.is(failing.lastErrorCode, '23514', 'the SQLSTATE of a check violation');
    assert.ok(failing.failingSince instanceof Date);
    assert.is(failing.checkpoint, formatPosition(committed.at(-1)?.position ?? { commit: 0n, prepare: 0n }));
    assert.equal(
      await appliedIds(db),
      committed.map((e) => e.id),
      'nothing of the failed page or the page read ahead',
    );
    const lag = await projection.lag();
    assert.is(lag.events, 650);
    assert.is(lag.atLeast, false);
    assert.equal(lag.oldestUnprojectedAt, all[400]?.recordedAt, 'the first event after the checkpoint');

    await db.exec('ALTER TABLE applied DROP CONSTRAINT no_450');
    await projection.caughtUp();
    assert.equal(
      await appliedIds(db),
      all.map((e) => e.id),
      'the rest, from the checkpoint, without gaps or repeats',
    );
    const recovered = projection.status();
    assert.is(recovered.state, 'caught-up');
    assert.is(recovered.attempts, 0);
    assert.is(recovered.lastErrorCode, undefined);
    assert.equal(await projection.lag(), { events: 0, atLeast: false });
    await projection.stop();
  },
);

runner('lag counts up to its cap and then says "at least"', async ({ db, store }) => {
  await appendEvents(store, 0, 120);
  await db.exec('ALTER TABLE applied ADD CONSTRAINT no_0 CHECK (n <> 0)');
  const projection = await started(
    runProjection({ db, store, logger: silentLogger() }, recording(), {
      batchSize: PAGE,
      retryBackoff: { baseMs: 10, maxMs: 50 },
      lagCountCap: 50,
    }),
  );
  await untilStatus(projection, (s) => s.state === 'retrying', 'a failing first page');
  assert.equal((await projection.lag()).events, 50);
  assert.is((await projection.lag()).atLeast, true);
  await projection.stop();
  assert.equal(await appliedIds(db), []);
});

runner('stopped while retrying, a restart resumes from the checkpoint', async ({ db, store }) => {
  await appendEvents(store, 0, 250);
  await db.exec('ALTER TABLE applied ADD CONSTRAINT no_150 CHECK (n <> 150)');
  const failing = await started(
    runProjection({ db, store, logger: silentLogger() }, recording(), {
      batchSize: PAGE,
      retryBackoff: { baseMs: 10_000, maxMs: 10_000 },
    }),
  );
  await untilStatus(failing, (s) => s.state === 'retrying', 'a failing second page');
  await failing.stop();
  await db.exec('ALTER TABLE applied DROP CONSTRAINT no_150');
  const restarted = await started(
    runProjection({ db, store, logger: silentLogger() }, recording(), { batchSize: PAGE }),
  );
  await restarted.caughtUp();
  await restarted.stop();
  const all = await store.readAll({ maxCount: 10_000 });
  assert.equal(
    await appliedIds(db),
    all.map((e) => e.id),
  );
});

const analyzeCount = async (db: SqlDatabase) =>
  Number(
    (
      await db.query<{ n: string }>(
        "SELECT analyze_count::text AS n FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = 'applied'",
      )
    )[0]?.n ?? 0,
  );

runner('a catch-up of many events ends with ANALYZE of its tables; a trickle does not', async ({ db, store }) => {
  await appendEvents(store, 0, 450);
  const projection = await started(
    runProjection({ db, store, logger: silentLogger() }, recording(), { batchSize: PAGE, analyzeAfterEvents: 400 }),
  );
  await projection.caughtUp();
  // The statistics collector reports with a delay of its own.
  await waitFor(async () => ((await analyzeCount(db)) === 1 ? true : undefined), {
    timeoutMs: 5_000,
    what: 'the catch-up of 450 events to have analyzed the table once',
  });
  const [estimate] = await db.query<{ reltuples: number }>(
    "SELECT reltuples FROM pg_class WHERE oid = 'public.applied'::regclass",
  );
  assert.is(Number(estimate?.reltuples), 450, 'the planner knows how many rows the catch-up wrote');

  await appendEvents(store, 450, 30);
  await projection.caughtUp();
  await new Promise((resolve) => setTimeout(resolve, 700));
  assert.is(await analyzeCount(db), 1, 'pages that arrive one at a time are not analyzed');
});

runner('with analyzeAfterEvents 0 a catch-up leaves the statistics to the operator', async ({ db, store }) => {
  await appendEvents(store, 0, 450);
  const projection = await started(
    runProjection({ db, store, logger: silentLogger() }, recording(), { batchSize: PAGE, analyzeAfterEvents: 0 }),
  );
  await projection.caughtUp();
  await new Promise((resolve) => setTimeout(resolve, 700));
  assert.is(await analyzeCount(db), 0, 'nothing analyzed the table');
});

runner.run();
