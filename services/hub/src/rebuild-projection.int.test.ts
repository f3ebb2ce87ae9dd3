import { createPostgresEventStore } from '@hub/event-store-postgres';
import { customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { runProjection } from '@hub/projections';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { timelineProjection } from '@hub/timeline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hubMigrations } from './hub.migrations.ts';
import { rebuildHubProjection } from './rebuild-projection.ts';

// The hub's path on its embedded default: personal data sealed in the store, so a rebuild that
// read the raw store would write sealed envelopes where agents expect names.
const customerId = (n: number) => `0b8f3c1e-0000-4a5b-8c9d-${String(n).padStart(12, '0')}`;

const firstContact = (n: number): DomainEvent[] => [
  { type: 'CustomerRegistered', data: { customerId: customerId(n), displayName: `سارا ${n}`, firstChannel: 'email' } },
  {
    type: 'InteractionRecorded',
    data: {
      interactionId: `interaction-${n}`,
      customerId: customerId(n),
      direction: 'inbound',
      conversationId: `conversation-${n}`,
      contact: { kind: 'email', value: `sara${n}@example.ir` },
      summary: `سفارش ${n}`,
      text: `سلام، سفارش ${n} کجاست؟`,
      html: null,
      details: { channel: 'generic', system: 'test', externalId: `m-${n}`, attributes: {} },
    },
  },
];

const rows = async (db: SqlDatabase) => ({
  customers: await db.query('SELECT customer_id, display_name FROM read_models.customers ORDER BY 1'),
  searchTerms: await db.query('SELECT * FROM read_models.customer_search_terms ORDER BY customer_id, kind, term'),
  timeline: await db.query('SELECT interaction_id, summary, body_text FROM read_models.timeline ORDER BY 1'),
});

test('the hub rebuilds the timeline through the store that opens personal data: the same names and texts', async () => {
  const database = await openPGlite();
  await runMigrations(database, hubMigrations);
  const store = createSealingEventStore(createPostgresEventStore(database), createSqlKeyStore(database));
  for (let n = 0; n < 12; n++) {
    const context = { id: crypto.randomUUID(), occurredAt: new Date(Date.UTC(2026, 10, 1, 9, n)) };
    await store.appendToStream(
      customerStream(customerId(n)),
      firstContact(n).map((event) => encodeEvent(event, { ...context, id: crypto.randomUUID() })),
    );
  }
  const live = await runProjection({ db: database, store, logger: silentLogger() }, timelineProjection);
  await live.caughtUp();
  const before = await rows(database);
  assert.is(before.customers[3]?.display_name, 'سارا 3');
  assert.ok(
    before.searchTerms.some((t) => t.customer_id === customerId(3) && t.term === 'سارا 3'),
    'search holds the name in clear',
  );

  const result = await rebuildHubProjection({ database, store, eventsInDatabase: true }, 'timeline', silentLogger());
  assert.is(result.events, 24);
  assert.equal(await rows(database), before);
  const unknown = await rebuildHubProjection({ database, store, eventsInDatabase: true }, 'inbox', silentLogger()).then(
    () => undefined,
    (error: Error) => error.message,
  );
  assert.match(unknown ?? '', 'no projection named "inbox"; known: timeline');
  await live.stop();
  await database.close();
});

test.run();
