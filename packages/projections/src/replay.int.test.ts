import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { comparePositions, type RecordedEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectionMigrations, replayMigrations } from './checkpoints.migrations.ts';
import { type ProjectionDefinition, type RunningProjection, runProjection } from './projection-runner.ts';
import { rebuildProjection } from './rebuild.ts';
import { createReplays } from './replays.ts';

// Two read models: notes per day (facts keyed by time: replayable from a date) and notes per
// customer (keyed by customer: shardable; `last_n` shows a customer's events applied out of order).
const factsSchema = `
CREATE SCHEMA facts;
CREATE TABLE facts.daily (day date, stream text, notes integer NOT NULL, total bigint NOT NULL, PRIMARY KEY (day, stream));
CREATE TABLE facts.customers (stream text PRIMARY KEY, notes integer NOT NULL, total bigint NOT NULL, last_n integer NOT NULL);
CREATE INDEX customers_total_idx ON facts.customers (total);`;

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1);
const dayOf = (n: number) => new Date(START + (n % 10) * DAY + (n % 7) * 3_600_000);

/** `weight` 2 is the bug a replay fixes: every note counted twice. */
const daily = (weight: number): ProjectionDefinition => ({
  name: 'daily-notes',
  readModel: { schema: 'facts', tables: ['daily'] },
  replayFromTime: 'occurredAt',
  async apply(tx, event: RecordedEvent) {
    await tx.query(
      `INSERT INTO daily (day, stream, notes, total) VALUES (($1::timestamptz AT TIME ZONE 'UTC')::date, $2, 1, $3)
       ON CONFLICT (day, stream) DO UPDATE SET notes = daily.notes + 1, total = daily.total + EXCLUDED.total`,
      [event.occurredAt, event.streamId, weight * (event.data as { n: number }).n],
    );
  },
  // Whole days: from the start of the date's day.
  async replayFrom(tx, from) {
    const day = new Date(Math.floor(from.getTime() / DAY) * DAY);
    await tx.query("DELETE FROM daily WHERE day >= ($1::timestamptz AT TIME ZONE 'UTC')::date", [day]);
    return day;
  },
});

const perCustomer: ProjectionDefinition = {
  name: 'customer-notes',
  readModel: { schema: 'facts', tables: ['customers'] },
  async apply(tx, event) {
    const { n } = event.data as { n: number };
    await tx.query(
      `INSERT INTO customers (stream, notes, total, last_n) VALUES ($1, 1, $2::int, $2::int)
       ON CONFLICT (stream) DO UPDATE SET notes = customers.notes + 1, total = customers.total + $2::int,
         last_n = CASE WHEN $2::int > customers.last_n THEN $2::int ELSE -1 END`,
      [event.streamId, n],
    );
  },
  shardKey: (event) => event.streamId,
};

async function appendNotes(store: EventStore, from: number, count: number, occurredAt = dayOf): Promise<void> {
  const results = await store.appendToStreams(
    Array.from({ length: count }, (_, i) => from + i).map((n) => ({
      streamId: `customer-${n % 12}`,
      events: [{ id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n }, occurredAt: occurredAt(n) }],
    })),
  );
  const last = results.at(-1)?.position;
  // Visible once every transaction that began before the append has ended (others' tests run beside).
  await waitFor(
    async () =>
      last && (await store.readAll({ maxCount: 100_000 })).some((e) => comparePositions(e.position, last) === 0)
        ? true
        : undefined,
    { timeoutMs: 30_000, intervalMs: 10, what: 'the appended notes to be visible' },
  );
}

const dailyRows = (db: SqlDatabase) =>
  db.query<{ day: string; stream: string; notes: number; total: string }>(
    'SELECT to_char(day, \'YYYY-MM-DD\') AS day, stream, notes, total::text AS total FROM facts.daily ORDER BY day, stream COLLATE "C"',
  );
const customerRows = (db: SqlDatabase) =>
  db.query('SELECT stream, notes, total::text AS total, last_n FROM facts.customers ORDER BY stream COLLATE "C"');

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  /** Live projections to stop before the database closes, whatever the test's outcome. */
  live: RunningProjection[];
}
const replay = suite<Context>('replays from a date and in shards (PostgreSQL)');

replay.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'projection_replay' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 8 });
  await runMigrations(context.db, [...eventStoreMigrations, ...projectionMigrations, ...replayMigrations]);
  await context.db.exec(factsSchema);
  context.store = createPostgresEventStore(context.db);
  context.live = [];
});
replay.after.each(async ({ db, database, live }) => {
  for (const projection of live) await projection.stop();
  await db.close();
  await database.drop();
});

replay('a fix replayed from a date changes the days from that date only, and misses no late event', async (context) => {
  const { db, store } = context;
  await appendNotes(store, 0, 400);
  const live = await runProjection({ db, store, logger: silentLogger() }, daily(2), { batchSize: 50 });
  context.live.push(live);
  await live.caughtUp();
  const before = await dailyRows(db);
  const from = new Date(START + 6 * DAY + 5 * 3_600_000); // mid-day: whole days from 2026-03-07
  let late = 0;
  const result = await rebuildProjection({ db, store, logger: silentLogger() }, daily(1), {
    from,
    batchSize: 50,
    // While it runs, a note arrives dated before the date: the live projection has it, so must the replay.
    onPage: async () => {
      if (late++ === 2) await appendNotes(store, 400, 1, () => new Date(START + DAY));
    },
  });
  assert.ok(result.applied < result.events, `only events from the date applied: ${result.applied}/${result.events}`);
  await live.caughtUp();
  await live.stop();
  const after = await dailyRows(db);
  // Before the date: the live rows as they were (still counted twice), and the late note,
  // applied by the replay (with the fix) as it came after the rows copied.
  const kept = after.filter((row) => row.day < '2026-03-07');
  const lateNote = { day: '2026-03-02', stream: 'customer-4', notes: 1, total: '400' };
  const expectedKept = [...before.filter((row) => row.day < '2026-03-07'), lateNote].sort(
    (a, b) => a.day.localeCompare(b.day) || (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0),
  );
  assert.equal(kept, expectedKept);
  // From the date: what a whole replay with the fix gives.
  await rebuildProjection({ db, store, logger: silentLogger() }, daily(1));
  const whole = await dailyRows(db);
  assert.equal(
    after.filter((row) => row.day >= '2026-03-07'),
    whole.filter((row) => row.day >= '2026-03-07'),
  );
  assert.ok(
    after
      .filter((row) => row.day >= '2026-03-07')
      .every((row, i) => row.total !== before.filter((r) => r.day >= '2026-03-07')[i]?.total),
    'the days from the date are fixed',
  );
});

replay(
  'a projection without the hook refuses a date, one without a shard key refuses shards: nothing recorded',
  async ({ db, store }) => {
    const replays = createReplays({
      db,
      store,
      logger: silentLogger(),
      projections: new Map([
        ['daily-notes', daily(1)],
        ['customer-notes', perCustomer],
      ]),
    });
    const refusal = (request: Parameters<typeof replays.run>[0]) =>
      replays.run(request).then(
        () => 'ran',
        (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
      );
    assert.match(
      await refusal({ projection: 'customer-notes', from: new Date(START) }),
      /^INVALID_INPUT: customer-notes cannot be replayed from a date: .*replay it whole/,
    );
    assert.match(
      await refusal({ projection: 'daily-notes', shards: { count: 2, launch: () => undefined } }),
      /^INVALID_INPUT: daily-notes is not keyed by customer/,
    );
    assert.match(
      await refusal({ projection: 'orders' }),
      /^NOT_FOUND: no projection named "orders"; known: daily-notes, customer-notes/,
    );
    // A replay from a date of a projection that never ran has no live rows to keep.
    assert.match(await refusal({ projection: 'daily-notes', from: new Date(START) }), /never ran/);
    assert.equal(
      (await replays.list()).map((r) => [r.projection, r.state]),
      [['daily-notes', 'failed']],
      'only the replay that started is recorded',
    );
  },
);

replay(
  'a replay sharded over three workers gives the rows of a single one, row for row; one replay of a projection at a time',
  async (context) => {
    const { db, store, database } = context;
    await appendNotes(store, 0, 600);
    const live = await runProjection({ db, store, logger: silentLogger() }, perCustomer, { batchSize: 40 });
    context.live.push(live);
    await live.caughtUp();
    const projections = new Map([['customer-notes', perCustomer]]);
    const replays = createReplays(
      { db, store, logger: silentLogger(), projections },
      { batchSize: 40, shardPollMs: 20 },
    );
    // Each worker on its own connections, as another process would be.
    const workerDbs = [0, 1, 2].map(() => connectPostgres({ url: database.url, maxConnections: 2 }));
    let refusedMeanwhile = '';
    const result = await replays.run({
      projection: 'customer-notes',
      shards: {
        count: 3,
        async launch({ replayId }) {
          refusedMeanwhile = await replays.start({ projection: 'customer-notes' }).then(
            () => 'started',
            (error: { code: string }) => error.code,
          );
          await appendNotes(store, 600, 30); // the live projection moves on while the workers run
          await Promise.all(
            workerDbs.map((workerDb, index) =>
              createReplays(
                { db: workerDb, store: createPostgresEventStore(workerDb), logger: silentLogger(), projections },
                { batchSize: 40 },
              ).runShard(replayId, { index, count: 3 }),
            ),
          );
        },
      },
    });
    for (const workerDb of workerDbs) await workerDb.close();
    assert.is(refusedMeanwhile, 'ALREADY_EXISTS');
    await live.caughtUp();
    const sharded = await customerRows(db);
    assert.is(sharded.length, 12);
    assert.ok(
      sharded.every((row) => row.last_n !== -1),
      "each customer's events in their order",
    );
    const [record] = await replays.list();
    assert.equal([record?.id, record?.state, record?.shards], [result.id, 'succeeded', 3]);

    await rebuildProjection({ db, store, logger: silentLogger() }, perCustomer);
    assert.equal(await customerRows(db), sharded);
    await live.stop();
  },
);

replay.run();

// The embedded default: a replay from a date in the one process PGlite allows.
const embedded = suite('a replay from a date on PGlite');
embedded('the days from the date are rebuilt, the others kept', async () => {
  const db = await openPGlite();
  await runMigrations(db, [...eventStoreMigrations, ...projectionMigrations, ...replayMigrations]);
  await db.exec(factsSchema);
  const store = createPostgresEventStore(db);
  await appendNotes(store, 0, 60);
  const live = await runProjection({ db, store, logger: silentLogger() }, daily(2));
  await live.caughtUp();
  const before = await dailyRows(db);
  await rebuildProjection({ db, store, logger: silentLogger() }, daily(1), { from: new Date(START + 5 * DAY) });
  const after = await dailyRows(db);
  assert.equal(
    after.filter((r) => r.day < '2026-03-06'),
    before.filter((r) => r.day < '2026-03-06'),
  );
  assert.equal(
    after.filter((r) => r.day >= '2026-03-06').map((r) => Number(r.total)),
    before.filter((r) => r.day >= '2026-03-06').map((r) => Number(r.total) / 2),
  );
  await live.stop();
  await db.close();
});
embedded.run();
