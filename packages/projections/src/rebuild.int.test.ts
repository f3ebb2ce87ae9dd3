import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { comparePositions, formatPosition, type GlobalPosition, type RecordedEvent, startOfAll } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectionMigrations } from './checkpoints.migrations.ts';
import { type ProjectionDefinition, runProjection } from './projection-runner.ts';
import { rebuildProjection } from './rebuild.ts';

// A small read model with a key, a check, a secondary index, a storage parameter and a running total that is NOT
// idempotent: an event applied twice or skipped around the swap shows in the totals.
const tallySchema = `
CREATE SCHEMA tallies;
CREATE TABLE tallies.notes (
  event_id text PRIMARY KEY,
  stream   text NOT NULL,
  n        integer NOT NULL CONSTRAINT notes_n_positive CHECK (n >= 0),
  label    text NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX notes_stream_idx ON tallies.notes (stream, n DESC);
CREATE TABLE tallies.streams (
  stream text CONSTRAINT streams_key PRIMARY KEY,
  total  bigint NOT NULL DEFAULT 0
);`;

/** `fixed` is the handler after a bug fix: the buggy one labels every note wrong and counts double. */
const tallying = (version: 'buggy' | 'fixed'): ProjectionDefinition => ({
  name: 'tallying',
  readModel: { schema: 'tallies', tables: ['notes', 'streams'] },
  async apply(tx, event: RecordedEvent) {
    const { n } = event.data as { n: number };
    await tx.query('INSERT INTO notes (event_id, stream, n, label) VALUES ($1, $2, $3, $4)', [
      event.id,
      event.streamId,
      n,
      version === 'fixed' ? `note ${n}` : 'wrong',
    ]);
    await tx.query(
      `INSERT INTO streams (stream, total) VALUES ($1, $2)
       ON CONFLICT (stream) DO UPDATE SET total = streams.total + EXCLUDED.total`,
      [event.streamId, version === 'fixed' ? n : 2 * n],
    );
  },
});

/**
 * Until readers see the event at `position`. An append is read once every transaction in the
 * cluster that began before it has ended: beside the rest of the suite, another test's long
 * transaction holds that back, and these tests mean to start from events a reader sees.
 */
async function untilVisible(store: EventStore, position: GlobalPosition | undefined): Promise<void> {
  if (!position) return;
  await waitFor(
    async () =>
      (await store.readAll({ maxCount: 100_000 })).some((e) => comparePositions(e.position, position) === 0)
        ? true
        : undefined,
    { timeoutMs: 30_000, intervalMs: 10, what: 'the appended events to be visible' },
  );
}

async function appendEvents(store: EventStore, from: number, count: number): Promise<void> {
  let last: GlobalPosition | undefined;
  for (let start = from; start < from + count; start += 50) {
    const numbers = Array.from({ length: Math.min(50, from + count - start) }, (_, i) => start + i);
    const results = await store.appendToStreams(
      numbers.map((n) => ({
        streamId: `tally-${n % 5}`,
        events: [{ id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n }, occurredAt: new Date() }],
      })),
    );
    last = results.at(-1)?.position;
  }
  await untilVisible(store, last);
}

const sumTo = (count: number) => (count * (count - 1)) / 2;

/** What a reader sees, in one statement: labels and totals must come from the same tables. */
const observe = async (db: SqlDatabase) => {
  const [row] = await db.query<{ notes: string; wrong: string; total: string }>(
    `SELECT (SELECT count(*) FROM tallies.notes)::text AS notes,
            (SELECT count(*) FROM tallies.notes WHERE label = 'wrong')::text AS wrong,
            (SELECT coalesce(sum(total), 0) FROM tallies.streams)::text AS total`,
  );
  return { notes: Number(row?.notes), wrong: Number(row?.wrong), total: Number(row?.total) };
};

const shape = (db: SqlDatabase) =>
  db.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name,
            coalesce(pg_get_constraintdef(k.oid), pg_get_indexdef(c.oid), '') || coalesce(' WITH ' || array_to_string(c.reloptions, ','), '') AS definition
       FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conname = c.relname AND k.connamespace = s.oid
      WHERE s.nspname = 'tallies'
     UNION ALL
     SELECT k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_namespace s ON s.oid = k.connamespace
      WHERE s.nspname = 'tallies' AND k.contype = 'c'
     ORDER BY 1`,
  );

const checkpointOf = async (db: SqlDatabase) =>
  (
    await db.query<{ position: string }>("SELECT position FROM read_models.checkpoints WHERE projection = 'tallying'")
  )[0]?.position;

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const rebuild = suite<Context>('a projection rebuilt into shadow tables and swapped in');

rebuild.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'projection_rebuild' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 6 });
  await runMigrations(context.db, [...eventStoreMigrations, ...projectionMigrations]);
  await context.db.exec(tallySchema);
  context.store = createPostgresEventStore(context.db);
});

rebuild.after.each(async ({ db, database }) => {
  await db.close();
  await database.drop();
});

rebuild(
  'after a handler fix: readers keep the old rows while it runs, then see the fixed ones; the live projection goes on from the swap, no event twice or missed',
  async ({ db, store }) => {
    await appendEvents(store, 0, 1_200);
    const live = await runProjection({ db, store, logger: silentLogger() }, tallying('buggy'), { batchSize: 100 });
    await live.caughtUp();
    const shapeBefore = await shape(db);
    assert.equal(await observe(db), { notes: 1_200, wrong: 1_200, total: 2 * sumTo(1_200) });

    let appended = 1_200;
    let movedAtTheEnd = false;
    const seenDuringRebuild: Awaited<ReturnType<typeof observe>>[] = [];
    const result = await rebuildProjection({ db, store, logger: silentLogger() }, tallying('fixed'), {
      batchSize: 100,
      async onPage(progress) {
        seenDuringRebuild.push(await observe(db));
        if (progress.events === 300) {
          // Interactions keep arriving while it runs: the live projection moves on, the rebuild follows.
          await appendEvents(store, appended, 500);
          appended += 500;
        } else if (progress.events === appended && !movedAtTheEnd) {
          // Caught up, about to swap: the live projection moves once more, so the swap applies the rest.
          movedAtTheEnd = true;
          await appendEvents(store, appended, 30);
          appended += 30;
          await live.caughtUp();
        }
      },
    });
    assert.ok(seenDuringRebuild.length >= 12, 'a page at a time');
    assert.ok(movedAtTheEnd);
    assert.ok(
      seenDuringRebuild.every((seen) => seen.wrong === seen.notes && seen.notes >= 1_200),
      'readers see only the old model while the new one is built',
    );

    const checkpoint = await checkpointOf(db);
    assert.is(result.checkpoint, checkpoint, 'swapped at the live checkpoint, which stays');
    const swapped = await observe(db);
    assert.is(swapped.wrong, 0, 'the fixed handler built every row of the new tables');
    assert.is(swapped.total, sumTo(swapped.notes));
    assert.is(result.events, swapped.notes);
    assert.equal(await shape(db), shapeBefore, 'keys, checks, indexes and storage parameters under the same names');

    // The live projection still runs the old handler: the notes it adds now are told apart by it.
    await appendEvents(store, appended, 100);
    appended += 100;
    await live.caughtUp();
    await live.stop();
    const after = await observe(db);
    assert.is(after.notes, appended, 'every event once: none lost or repeated at the swap');
    assert.is(after.wrong, appended - swapped.notes);
    const all = await store.readAll({ maxCount: 10_000 });
    assert.is(await checkpointOf(db), formatPosition(all.at(-1)?.position ?? { commit: 0n, prepare: 0n }));
    const rows = await db.query<{ label: string }>(
      `SELECT label FROM tallies.notes WHERE event_id = ANY($1::text[]) ORDER BY label`,
      [all.slice(0, swapped.notes).map((e) => e.id)],
    );
    assert.ok(rows.length === swapped.notes && rows.every((r) => r.label !== 'wrong'));
    const leftovers = await db.query("SELECT 1 FROM pg_tables WHERE schemaname = 'tallies_rebuild'");
    assert.is(leftovers.length, 0, 'no shadow table is left behind');
  },
);

rebuild(
  'the swap is atomic: a reader polling through it sees all old or all new tables, never an error',
  async ({ db, store }) => {
    await appendEvents(store, 0, 600);
    const live = await runProjection({ db, store, logger: silentLogger() }, tallying('buggy'), { batchSize: 100 });
    await live.caughtUp();
    const old = { notes: 600, wrong: 600, total: 2 * sumTo(600) };
    const fixed = { notes: 600, wrong: 0, total: sumTo(600) };
    let rebuilding = true;
    const seen: Awaited<ReturnType<typeof observe>>[] = [];
    const reader = (async () => {
      while (rebuilding) seen.push(await observe(db));
      seen.push(await observe(db));
    })();
    try {
      await rebuildProjection({ db, store, logger: silentLogger() }, tallying('fixed'), { batchSize: 50 });
    } finally {
      rebuilding = false;
    }
    await reader;
    await live.stop();
    const unexpected = seen.filter((s) => !(s.notes === old.notes && s.wrong === old.wrong && s.total === old.total));
    assert.ok(seen.length > 10);
    assert.equal(seen.at(-1), fixed);
    assert.ok(
      unexpected.every((s) => s.notes === fixed.notes && s.wrong === fixed.wrong && s.total === fixed.total),
      `only the old and the new model: ${JSON.stringify(unexpected.slice(0, 3))}`,
    );
    const firstNew = seen.findIndex((s) => s.wrong === 0);
    assert.ok(firstNew > 0, 'the old model was read while the rebuild ran');
    assert.ok(
      seen.slice(firstNew).every((s) => s.wrong === 0),
      'once the new model is seen, the old one never again',
    );
  },
);

rebuild(
  "a filtered projection whose checkpoint lies past its last event (other streams' events after it) is rebuilt and swapped in",
  async ({ db, store }) => {
    await appendEvents(store, 0, 250);
    const filtered = (version: 'buggy' | 'fixed') => ({ ...tallying(version), filter: { streamPrefix: 'tally-' } });
    const live = await runProjection({ db, store, logger: silentLogger() }, filtered('buggy'), {
      batchSize: 100,
      skippedCheckpointMs: 0,
    });
    await live.caughtUp();
    const elsewhere = await store.appendToStream('elsewhere-1', [
      { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n: 1 }, occurredAt: new Date() },
    ]);
    await untilVisible(store, elsewhere.position);
    const head = formatPosition((await store.readAll({ maxCount: 1_000 })).at(-1)?.position ?? startOfAll);
    for (let tries = 0; (await checkpointOf(db)) !== head; tries++) {
      assert.ok(tries < 200, 'the live checkpoint went past the other stream');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const result = await rebuildProjection({ db, store, logger: silentLogger() }, filtered('fixed'), {
      batchSize: 100,
      swapAttempts: 3,
    });
    await live.stop();
    assert.is(result.events, 250);
    assert.is(await checkpointOf(db), head, 'the live checkpoint stays where it was');
    assert.equal(await observe(db), { notes: 250, wrong: 0, total: sumTo(250) });
  },
);

rebuild(
  'a read model looked up by key only fills its shadow without the other indexes and builds them before the swap, under the same names',
  async ({ db, store }) => {
    await appendEvents(store, 0, 300);
    const byKey: ProjectionDefinition = {
      ...tallying('fixed'),
      readModel: { ...tallying('fixed').readModel, keyLookupsOnly: true },
    };
    const live = await runProjection({ db, store, logger: silentLogger() }, byKey, { batchSize: 100 });
    await live.caughtUp();
    await live.stop();
    const shapeBefore = await shape(db);
    const shadowIndexes = () =>
      db.query<{ name: string }>(
        "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'tallies_rebuild' ORDER BY 1",
      );
    const whileFilling: string[][] = [];
    await rebuildProjection({ db, store, logger: silentLogger() }, byKey, {
      batchSize: 100,
      onPage: async () => void whileFilling.push((await shadowIndexes()).map((index) => index.name)),
    });
    assert.ok(whileFilling.length >= 3);
    assert.ok(
      whileFilling.every((names) => names.join() === 'notes_pkey,streams_key'),
      `only the keys while filling: ${JSON.stringify(whileFilling[0])}`,
    );
    assert.equal(await shape(db), shapeBefore, 'every index back under its name before readers meet the tables');
    assert.equal(await observe(db), { notes: 300, wrong: 0, total: sumTo(300) });
  },
);

rebuild('a projection that never ran is built to the head and its checkpoint set there', async ({ db, store }) => {
  await appendEvents(store, 0, 250);
  const result = await rebuildProjection({ db, store, logger: silentLogger() }, tallying('fixed'), { batchSize: 100 });
  const all = await store.readAll({ maxCount: 1_000 });
  assert.is(result.events, 250);
  assert.is(await checkpointOf(db), formatPosition(all.at(-1)?.position ?? { commit: 0n, prepare: 0n }));
  assert.equal(await observe(db), { notes: 250, wrong: 0, total: sumTo(250) });
});

rebuild.run();

const embedded = suite('a rebuild on PGlite, the embedded default: one connection, same outcome');

embedded('the live projection and the rebuild share the one connection without waiting on each other', async () => {
  const db = await openPGlite();
  await runMigrations(db, [...eventStoreMigrations, ...projectionMigrations]);
  await db.exec(tallySchema);
  const store = createPostgresEventStore(db, { pollIntervalMs: 10 });
  await appendEvents(store, 0, 300);
  const live = await runProjection({ db, store, logger: silentLogger() }, tallying('buggy'), { batchSize: 100 });
  await live.caughtUp();
  const result = await rebuildProjection({ db, store, logger: silentLogger() }, tallying('fixed'), {
    batchSize: 100,
    onPage: async (progress) => {
      if (progress.events === 100) await appendEvents(store, 300, 200);
    },
  });
  assert.is(result.checkpoint, await checkpointOf(db));
  await live.caughtUp();
  await live.stop();
  const seen = await observe(db);
  assert.is(seen.notes, 500);
  assert.is(seen.wrong, 500 - result.events);
  await db.close();
});

embedded.run();
