import { randomUUID } from 'node:crypto';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { caseNumberingStream } from '@hub/events';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, customerId, sara } from './case.fixtures.ts';
import { formatCaseNumber, openCase } from './case.numbering.ts';

// The numbering's promise on the stores the hub runs on: agents opening cases at the same moment
// get every number once, none skipped.

async function openManyAtOnce(store: EventStore, count: number) {
  const deps = { store, newEventId: randomUUID, metadata: {} };
  const opened = await Promise.all(
    Array.from({ length: count }, () =>
      openCase(deps, {
        caseId: randomUUID(),
        caseKind: 'information-request',
        customerId,
        subject: 'opening hours',
        description: null,
        orderReference: null,
        ownerId: null,
        conversationIds: [],
        actor: sara,
        now: at('09:00:00'),
      }),
    ),
  );
  assert.equal(
    opened.map((o) => o.state.caseNumber).sort(),
    Array.from({ length: count }, (_, i) => formatCaseNumber(2026, i + 1)),
  );
  const allocations = await store.readStream(caseNumberingStream(2026));
  assert.equal(
    allocations.map((e) => (e.data as { caseId: string }).caseId).sort(),
    opened.map((o) => o.state.caseId).sort(),
    'each number names the case it went to',
  );
}

async function withStore(db: SqlDatabase, run: (store: EventStore) => Promise<void>) {
  await runMigrations(db, eventStoreMigrations);
  const store = createPostgresEventStore(db, { pollIntervalMs: 50 });
  try {
    await run(store);
  } finally {
    await store.close();
    await db.close();
  }
}

test('on PostgreSQL, twelve cases opened at once from eight connections are numbered 1 to 12', async () => {
  const database = await createTestDatabase({ prefix: 'case_numbers' });
  try {
    await withStore(connectPostgres({ url: database.url, maxConnections: 8 }), (store) => openManyAtOnce(store, 12));
  } finally {
    await database.drop();
  }
});

test('on the embedded PGlite, the same', async () => {
  await withStore(await openPGlite(), (store) => openManyAtOnce(store, 12));
});

test.run();
