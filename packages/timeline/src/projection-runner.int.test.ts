import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { formatPosition, type RecordedEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ProjectionDefinition, runProjection } from './projection-runner.ts';
import { timelineMigrations } from './timeline.migrations.ts';

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
  await runMigrations(context.db, [...eventStoreMigrations, ...timelineMigrations]);
  await context.db.exec('CREATE TABLE applied (seq bigserial, event_id text PRIMARY KEY, position text NOT NULL)');
  context.store = createPostgresEventStore(context.db);
});

runner.after.each(async ({ db, database }) => {
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
}

const recording = (failAt?: number): ProjectionDefinition => ({
  name: 'recording',
  async apply(tx, event: RecordedEvent) {
    if ((event.data as { n: number }).n === failAt) throw new Error(`cannot apply event ${failAt}`);
    await tx.query('INSERT INTO applied (event_id, position) VALUES ($1, $2)', [
      event.id,
      formatPosition(event.position),
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
  const projection = await runProjection({ db, store, logger: silentLogger() }, recording(), {
    batchSize: PAGE,
  });
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

runner('a page that fails stops it at the last committed page; a restart resumes there', async ({ db, store }) => {
  await appendEvents(store, 0, 1_050);
  // Event 450 is in the fifth page; the sixth is being read ahead when the fifth fails.
  const failing = await runProjection({ db, store, logger: silentLogger() }, recording(450), { batchSize: PAGE });
  const all = await store.readAll({ maxCount: 10_000 });
  const committed = all.slice(0, 400);
  await waitFor(async () => ((await appliedIds(db)).length === 400 ? true : undefined), {
    timeoutMs: 10_000,
    what: 'four pages applied',
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(
    await appliedIds(db),
    committed.map((e) => e.id),
    'nothing of the failed page or the page read ahead',
  );
  assert.is(await checkpointOf(db), formatPosition(committed.at(-1)?.position ?? { commit: 0n, prepare: 0n }));
  await failing.stop();

  const restarted = await runProjection({ db, store, logger: silentLogger() }, recording(), { batchSize: PAGE });
  await restarted.caughtUp();
  await restarted.stop();
  assert.equal(
    await appliedIds(db),
    all.map((e) => e.id),
    'the rest, from the checkpoint, without gaps or repeats',
  );
});

runner.run();
