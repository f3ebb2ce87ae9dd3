import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, transactionalStoreContract } from '@hub/event-store';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventStoreMigrations } from './event-store.migrations.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

// PGlite allows one open instance per folder, so `reopen` gives a new store over the same
// database; the folder itself is reopened in the restart suite below.
const contract = suite('PGlite event store: the event store contract', {} as { dir: string; db: SqlDatabase });

contract.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'hub-pglite-'));
  context.db = await openPGlite({ dataDir: context.dir });
  await runMigrations(context.db, eventStoreMigrations);
});
contract.after(async (context) => {
  await context.db.close();
  await rm(context.dir, { recursive: true, force: true });
});

for (const c of [...eventStoreContract, ...transactionalStoreContract]) {
  contract(c.name, async ({ db }) => {
    await c.run({ store: createPostgresEventStore(db), reopen: async () => createPostgresEventStore(db) });
  });
}

contract.run();

const restart = suite('PGlite event store keeps its data in the folder across restarts');

restart('events appended before close are read after the folder is opened again, and appends continue', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hub-pglite-restart-'));
  try {
    const first = await openPGlite({ dataDir: dir });
    await runMigrations(first, eventStoreMigrations);
    const before = createPostgresEventStore(first);
    const event = {
      id: '6f1d8c0e-2b7a-4c55-9d1e-0a4b5c6d7e8f',
      type: 'NoteTaken',
      schemaVersion: 1,
      data: { text: 'مشتری دوباره تماس گرفت' },
      occurredAt: new Date('2026-11-20T08:00:00Z'),
    };
    await before.appendToStream('customer-restart', [event], { expectedRevision: 'no_stream' });
    await first.close();

    const second = await openPGlite({ dataDir: dir });
    await runMigrations(second, eventStoreMigrations);
    const after = createPostgresEventStore(second);
    const [read] = await after.readStream('customer-restart');
    assert.equal(read?.data, event.data);
    const retry = await after.appendToStream('customer-restart', [event], { expectedRevision: 'no_stream' });
    assert.ok(retry.alreadyAppended, 'a retry after restart is still recognised');
    const all = await after.readAll({ filter: { streamPrefix: 'customer-restart' } });
    assert.is(all.length, 1);
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

restart.run();
