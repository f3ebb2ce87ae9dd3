import { randomUUID } from 'node:crypto';
import type { EventStore } from '@hub/event-store';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import {
  createTestDatabase,
  findPostgresBinaries,
  type LocalPostgres,
  startLocalPostgres,
  type TestDatabase,
  waitFor,
} from '@hub/testing';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toAppendPayload } from './event-row.ts';
import { eventStoreMigrations } from './event-store.migrations.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

interface Context {
  server: LocalPostgres | undefined;
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  writer: pg.Client;
}

// The bigserial gap: positions are taken at insert, made visible at commit. These tests hold a
// transaction open on a second connection to make commits land out of order on purpose.
const gaps = suite<Context>('PostgreSQL global order under out-of-order commits');

gaps.before(async (context) => {
  // A server of its own: a transaction held open holds back the snapshot's xmin of the whole
  // cluster, so on a shared server every other test's store would stop seeing new events meanwhile.
  context.server = findPostgresBinaries() ? await startLocalPostgres() : undefined;
  context.database = await createTestDatabase({
    prefix: 'es_gaps',
    ...(context.server ? { adminUrl: context.server.url } : {}),
  });
  context.db = connectPostgres({ url: context.database.url });
  await runMigrations(context.db, eventStoreMigrations);
  context.store = createPostgresEventStore(context.db, { pollIntervalMs: 20 });
});
gaps.before.each(async (context) => {
  context.writer = new pg.Client({ connectionString: context.database.url });
  await context.writer.connect();
});
gaps.after.each(async ({ writer }) => {
  await writer.end();
});
gaps.after(async ({ db, database, server }) => {
  await db.close();
  await database.drop();
  await server?.stop();
});

const event = (label: string) => ({
  id: randomUUID(),
  type: 'GapProbed',
  schemaVersion: 1,
  data: { label },
  occurredAt: new Date(),
});

gaps(
  'an event whose transaction commits late is delivered, before the later-committed event that passed it',
  async ({ store, writer, db }) => {
    const prefix = `gap-${randomUUID()}`;
    const seen: string[] = [];
    const subscription = store.subscribeToAll({
      from: 'start',
      filter: { streamPrefix: prefix },
      onEvent: (e) => {
        seen.push((e.data as { label: string }).label);
      },
    });
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT * FROM event_store.append($1, $2, $3::jsonb)', [
        `${prefix}-slow`,
        'any',
        toAppendPayload([event('slow')]),
      ]);
      await store.appendToStream(`${prefix}-fast`, [event('fast')]);

      // A reader ordering by position alone would now see `fast` and move its checkpoint past `slow`.
      const naive = await db.query<{ label: string }>(
        `SELECT data->>'label' AS label FROM event_store.events WHERE starts_with(stream_id, $1) ORDER BY global_position`,
        [prefix],
      );
      assert.equal(
        naive.map((r) => r.label),
        ['fast'],
      );
      assert.equal(
        await store.readAll({ filter: { streamPrefix: prefix } }),
        [],
        'read all waits for the open transaction',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(seen, [], 'the subscription has delivered nothing while the earlier transaction is open');

      await writer.query('COMMIT');
      await waitFor(async () => (seen.length === 2 ? true : undefined), {
        timeoutMs: 5000,
        what: 'both events delivered',
      });
      assert.equal(seen, ['slow', 'fast']);
      const replay = await store.readAll({ filter: { streamPrefix: prefix } });
      assert.equal(
        replay.map((e) => (e.data as { label: string }).label),
        ['slow', 'fast'],
      );
    } finally {
      await subscription.stop();
    }
  },
);

gaps(
  'a transaction that started writing first sorts first even when its rows were inserted last',
  async ({ store, writer }) => {
    const prefix = `gap-${randomUUID()}`;
    await writer.query('BEGIN');
    await writer.query('SELECT pg_current_xact_id()');
    await store.appendToStream(`${prefix}-b`, [event('inserted first, committed first')]);
    await writer.query('SELECT * FROM event_store.append($1, $2, $3::jsonb)', [
      `${prefix}-a`,
      'any',
      toAppendPayload([event('inserted last, committed last, started first')]),
    ]);
    await writer.query('COMMIT');
    const all = await store.readAll({ filter: { streamPrefix: prefix } });
    assert.equal(
      all.map((e) => (e.data as { label: string }).label),
      ['inserted last, committed last, started first', 'inserted first, committed first'],
    );
    const again = await store.readAll({ after: all[0]?.position, filter: { streamPrefix: prefix } });
    assert.equal(again.length, 1, 'a checkpoint on the first event resumes at the second');
  },
);

gaps.run();

const edges = suite<{ database: TestDatabase; db: SqlDatabase; store: EventStore }>('PostgreSQL event store edges');

edges.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'es_edges' });
  context.db = connectPostgres({ url: context.database.url });
  await runMigrations(context.db, eventStoreMigrations);
  context.store = createPostgresEventStore(context.db);
});
edges.after(async ({ db, database }) => {
  await db.close();
  await database.drop();
});

edges(
  'an event id already recorded in another stream is refused as a duplicate, and nothing is written',
  async ({ store }) => {
    const shared = event('shared');
    await store.appendToStream(`dup-${randomUUID()}`, [shared]);
    const other = `dup-${randomUUID()}`;
    try {
      await store.appendToStream(other, [event('fresh'), shared]);
      assert.unreachable('the append should have been refused');
    } catch (error) {
      assert.is((error as { code?: string }).code, 'DUPLICATE_EVENT_ID');
    }
    assert.equal(await store.readStream(other), []);
  },
);

edges('a server that cannot be reached reports unhealthy and fails appends as retriable', async () => {
  const db = connectPostgres({ url: 'postgres://postgres@127.0.0.1:1/none', maxConnections: 1 });
  const store = createPostgresEventStore(db);
  const health = await store.health();
  assert.is(health.ok, false);
  try {
    await store.appendToStream('unreachable', [event('x')]);
    assert.unreachable('the append should have failed');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'EVENT_STORE_UNAVAILABLE');
    assert.is((error as { retriable?: boolean }).retriable, true);
  } finally {
    await db.close();
  }
});

edges.run();
