import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import {
  type ProjectionDefinition,
  projectionMigrations,
  rebuildProjection,
  runProjection,
  useReadModelSchema,
} from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timelineMigrations } from './timeline.migrations.ts';
import { applyTimelinePage, timelineProjection } from './timeline.page.ts';
import { timelineReadModel } from './timeline.projection.ts';

// The timeline projection rebuilt on real PostgreSQL while its live projection keeps running.
const customerId = (n: number) => `0b8f3c1e-0000-4a5b-8c9d-${String(n).padStart(12, '0')}`;

const interaction = (customer: number, n: number): DomainEvent => ({
  type: 'InteractionRecorded',
  data: {
    interactionId: `interaction-${customer}-${n}`,
    customerId: customerId(customer),
    direction: n % 2 ? 'outbound' : 'inbound',
    conversationId: `conversation-${customer}`,
    contact: { kind: 'email', value: `customer${customer}@example.ir` },
    summary: `پیام ${n}`,
    text: `سلام، پیام شماره ${n}`,
    html: null,
    details: { channel: 'generic', system: 'test', externalId: `m-${customer}-${n}`, attributes: { n } },
  },
});

/** Customers with their first contacts and interactions, one merge and one erasure among them. */
function history(customers: number, from = 0): [number, DomainEvent][] {
  const events: [number, DomainEvent][] = [];
  for (let c = from; c < from + customers; c++) {
    const id = customerId(c);
    events.push([
      c,
      { type: 'CustomerRegistered', data: { customerId: id, displayName: `مشتری ${c}`, firstChannel: 'email' } },
    ]);
    events.push([
      c,
      {
        type: 'CustomerIdentifierLinked',
        data: { customerId: id, identifier: { kind: 'email', value: `customer${c}@example.ir` }, interactionId: null },
      },
    ]);
    for (let n = 0; n < 3; n++) events.push([c, interaction(c, n)]);
  }
  if (from === 0) {
    const policy = { kind: 'policy' as const, policy: 'test' };
    events.push([
      0,
      {
        type: 'CustomersMerged',
        data: { survivorId: customerId(0), mergedId: customerId(1), evidence: [], decidedBy: policy },
      },
    ]);
    events.push([
      2,
      { type: 'CustomerErased', data: { customerId: customerId(2), requestedBy: 'agent-7', reason: null } },
    ]);
  }
  return events;
}

async function append(store: EventStore, events: [number, DomainEvent][]): Promise<void> {
  for (const [owner, event] of events) {
    const context = { id: crypto.randomUUID(), occurredAt: new Date(Date.UTC(2026, 10, 1, 9, 0, 0)) };
    await store.appendToStream(customerStream(customerId(owner)), [encodeEvent(event, context)]);
  }
}

/** Every row an agent could see, in a stable order, without the moment of projection. */
const readModels = async (db: SqlDatabase, schema = 'read_models') => ({
  customers: await db.query(`SELECT * FROM ${schema}.customers ORDER BY customer_id`),
  identifiers: await db.query(`SELECT * FROM ${schema}.customer_identifiers ORDER BY kind, value`),
  timeline: await db.query(
    `SELECT interaction_id, customer_id, occurred_at, channel, direction, conversation_id, contact_kind, contact_value,
            summary, body_text, body_html, details, recorded_at FROM ${schema}.timeline ORDER BY interaction_id`,
  ),
  candidates: await db.query(`SELECT * FROM ${schema}.merge_candidates ORDER BY customer_id, candidate_id`),
  searchTerms: await db.query(`SELECT * FROM ${schema}.customer_search_terms ORDER BY customer_id, kind, term`),
});

/** A bug shipped once: the page handler forgot every customer's name. */
const forgetfulTimeline: ProjectionDefinition = {
  ...timelineProjection,
  async applyPage(tx, page) {
    await applyTimelinePage(tx, page);
    await tx.query('UPDATE customers SET display_name = NULL');
  },
};

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const rebuild = suite<Context>('the timeline rebuilt from the store beside the live one');

rebuild.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'timeline_rebuild' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 6 });
  await runMigrations(context.db, [...eventStoreMigrations, ...projectionMigrations, ...timelineMigrations]);
  context.store = createPostgresEventStore(context.db);
});

rebuild.after.each(async ({ db, database }) => {
  await db.close();
  await database.drop();
});

rebuild('gives the same rows as the live projection, and the live one goes on into them', async ({ db, store }) => {
  await append(store, history(30));
  const live = await runProjection({ db, store, logger: silentLogger() }, timelineProjection, { batchSize: 40 });
  await live.caughtUp();
  const before = await readModels(db);
  assert.is(before.timeline.length, 87, 'the erased customer keeps no entries');

  const result = await rebuildProjection({ db, store, logger: silentLogger() }, timelineProjection, { batchSize: 25 });
  assert.is(result.events, 152);
  assert.equal(await readModels(db), before);

  await append(store, history(2, 30));
  await live.caughtUp();
  await live.stop();
  const after = await readModels(db);
  assert.is(after.timeline.length, 93, 'new interactions are projected after the swap');
  assert.equal(
    after.customers.filter((c) => c.customer_id === customerId(31)).map((c) => [c.display_name, c.interaction_count]),
    [['مشتری 31', 3]],
  );
});

rebuild('after a handler fix, shows the fixed rows; agents read the old ones until the swap', async ({ db, store }) => {
  await append(store, history(30));
  const live = await runProjection({ db, store, logger: silentLogger() }, forgetfulTimeline, { batchSize: 40 });
  await live.caughtUp();
  const names = async (schema: string) =>
    (await db.query<{ n: string }>(`SELECT count(display_name)::text AS n FROM ${schema}.customers`))[0]?.n;
  assert.is(await names('read_models'), '0');

  // What the fixed projection makes of the same events, built by hand in a schema of its own.
  await db.exec('CREATE SCHEMA reference');
  for (const table of timelineReadModel.tables)
    await db.exec(`CREATE TABLE reference.${table} (LIKE read_models.${table} INCLUDING ALL)`);
  const events = await store.readAll({ maxCount: 1_000, filter: { streamPrefix: 'customer-' } });
  await db.transaction(async (tx) => {
    await useReadModelSchema(tx, 'reference');
    await applyTimelinePage(tx, events);
  });

  const seenWhileRebuilding: (string | undefined)[] = [];
  await rebuildProjection({ db, store, logger: silentLogger() }, timelineProjection, {
    batchSize: 25,
    onPage: async () => {
      seenWhileRebuilding.push(await names('read_models'));
    },
  });
  assert.equal([...new Set(seenWhileRebuilding)], ['0'], 'the old rows while it runs, page after page');
  assert.equal(await readModels(db), await readModels(db, 'reference'));
  assert.is(await names('read_models'), '29', 'every name back but the erased one');
  await live.stop();
});

rebuild.run();
