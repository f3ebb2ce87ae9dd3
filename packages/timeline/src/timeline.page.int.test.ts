import { createInMemoryEventStore } from '@hub/event-store';
import {
  type CustomerIdentifier,
  customerStream,
  type DomainEvent,
  encodeEvent,
  type RecordedEvent,
} from '@hub/events';
import { useReadModelSchema } from '@hub/projections';
import { openPGlite, runMigrations, type SqlDatabase, type SqlTransaction } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timelineMigrations } from './timeline.migrations.ts';
import { applyTimelinePage } from './timeline.page.ts';
import { applyTimelineEvent } from './timeline.projection.ts';

const sara = '0b8f3c1e-1111-4a5b-8c9d-000000000001';
const reza = '0b8f3c1e-2222-4a5b-8c9d-000000000002';
const email = { kind: 'email' as const, value: 'sara@example.ir' };
const phone = { kind: 'phone' as const, value: '+989121234567' };
const telegram = { kind: 'handle' as const, value: 'telegram:4242' };
const policy = { kind: 'policy' as const, policy: 'test' };

const interaction = (customerId: string, n: number, contact: CustomerIdentifier = email): DomainEvent => ({
  type: 'InteractionRecorded',
  data: {
    interactionId: `interaction-${n}`,
    customerId,
    direction: 'inbound',
    conversationId: `conversation-${n % 3}`,
    contact,
    summary: `پیام ${n}`,
    text: `سلام، پیام شماره ${n}`,
    html: n % 2 ? '<p>سلام</p>' : null,
    details: { channel: 'generic', system: 'test', externalId: `m-${n}`, attributes: { n } },
  },
});

/** A history with every kind of event: first contacts, a candidate, a merge and its undoing, an erasure. */
const history: [string, DomainEvent][] = [
  [sara, { type: 'CustomerRegistered', data: { customerId: sara, displayName: 'سارا رضايي', firstChannel: 'email' } }],
  [sara, { type: 'CustomerIdentifierLinked', data: { customerId: sara, identifier: email, interactionId: 'i-1' } }],
  [sara, interaction(sara, 1)],
  [sara, interaction(sara, 2)],
  [reza, { type: 'CustomerRegistered', data: { customerId: reza, displayName: 'Reza', firstChannel: 'phone' } }],
  [reza, { type: 'CustomerIdentifierLinked', data: { customerId: reza, identifier: phone, interactionId: 'i-3' } }],
  [reza, interaction(reza, 3, phone)],
  [sara, interaction(sara, 2)], // a replayed duplicate: one row, counted once
  [
    sara,
    {
      type: 'MergeCandidateDetected',
      data: {
        customerId: sara,
        candidateIds: [reza],
        evidence: { interactionId: 'interaction-4', identifiers: [email, phone] },
      },
    },
  ],
  [sara, { type: 'CustomersMerged', data: { survivorId: sara, mergedId: reza, evidence: [], decidedBy: policy } }],
  [reza, interaction(reza, 5, phone)], // recorded for the merged customer: lands with the survivor
  [sara, { type: 'CustomerIdentifierLinked', data: { customerId: sara, identifier: telegram, interactionId: null } }],
  [sara, interaction(sara, 6, telegram)],
  [
    sara,
    {
      type: 'CustomersUnmerged',
      data: {
        survivorId: sara,
        restoredId: reza,
        identifiers: [phone],
        interactionIds: ['interaction-3'],
        reason: 'not the same person',
        decidedBy: { kind: 'agent', agentId: 'agent-7' },
      },
    },
  ],
  [reza, interaction(reza, 7, phone)],
  [sara, interaction(sara, 8)],
  [reza, { type: 'CustomerErased', data: { customerId: reza, requestedBy: 'agent-7', reason: null } }],
  [sara, interaction(sara, 9)],
];

// Interactions arrive out of order of occurrence (backfills, retries): the second one happened
// before Sara's first contact was recorded.
const occurredMinute = (n: number) => (n === 3 ? -5 : n);

async function recordedHistory(): Promise<RecordedEvent[]> {
  const store = createInMemoryEventStore();
  for (const [n, [owner, event]] of history.entries()) {
    const context = { id: crypto.randomUUID(), occurredAt: new Date(Date.UTC(2026, 10, 1, 9, occurredMinute(n))) };
    await store.appendToStream(customerStream(owner), [encodeEvent(event, context)]);
  }
  return store.readAll();
}

/** Every read model row a user could see, in a stable order, without the moment of projection. */
async function readModels(db: SqlDatabase) {
  return {
    customers: await db.query('SELECT * FROM read_models.customers ORDER BY customer_id'),
    identifiers: await db.query('SELECT * FROM read_models.customer_identifiers ORDER BY kind, value'),
    timeline: await db.query(
      'SELECT interaction_id, customer_id, occurred_at, channel, direction, conversation_id, contact_kind, contact_value, summary, body_text, body_html, details, recorded_at FROM read_models.timeline ORDER BY interaction_id',
    ),
    candidates: await db.query('SELECT * FROM read_models.merge_candidates ORDER BY customer_id, candidate_id'),
    searchTerms: await db.query('SELECT * FROM read_models.customer_search_terms ORDER BY customer_id, kind, term'),
  };
}

/** As the projection runner does: the handlers name the timeline's tables unqualified. */
const inTimeline = (work: (tx: SqlTransaction) => Promise<void>) => async (tx: SqlTransaction) => {
  await useReadModelSchema(tx, 'read_models');
  await work(tx);
};

const page = suite('the timeline projection applied a page at a time');

page('leaves exactly the rows of applying the events one by one, after every page, whatever its size', async () => {
  const events = await recordedHistory();
  // What an agent would see after each event, applied one by one.
  const oneByOne = await openPGlite();
  await runMigrations(oneByOne, timelineMigrations);
  const after: Awaited<ReturnType<typeof readModels>>[] = [];
  for (const event of events) {
    await oneByOne.transaction(inTimeline((tx) => applyTimelineEvent(tx, event)));
    after.push(await readModels(oneByOne));
  }
  await oneByOne.close();
  assert.is(after[8]?.candidates.length, 1, 'the candidate is shown until the erasure');
  const final = after.at(-1);
  assert.is(final?.timeline.length, 6, 'the erased customer keeps no entries; the duplicate is one entry');
  assert.equal(
    final?.customers.map((c) => [c.display_name, c.interaction_count]),
    [
      ['سارا رضايي', 6],
      [null, 0],
    ],
  );

  for (const size of [2, 3, 7, events.length]) {
    const db = await openPGlite();
    await runMigrations(db, timelineMigrations);
    for (let start = 0; start < events.length; start += size) {
      await db.transaction(inTimeline((tx) => applyTimelinePage(tx, events.slice(start, start + size))));
      const end = Math.min(start + size, events.length);
      assert.equal(await readModels(db), after[end - 1], `pages of ${size}, after event ${end}`);
    }
    await db.close();
  }
});

page('applying the same page twice (a replay after a crash) changes nothing', async () => {
  const events = await recordedHistory();
  const firstContacts = events.slice(0, 8);
  const db = await openPGlite();
  await runMigrations(db, timelineMigrations);
  await db.transaction(inTimeline((tx) => applyTimelinePage(tx, firstContacts)));
  const once = await readModels(db);
  await db.transaction(inTimeline((tx) => applyTimelinePage(tx, firstContacts)));
  assert.equal(await readModels(db), once);
  assert.equal(
    once.searchTerms.filter((t) => t.kind === 'name' || t.kind === 'email' || t.kind === 'phone').map((t) => t.term),
    ['sara@example.ir', 'سارا رضایی', 'reza', '989121234567'],
    'search folds the Arabic yeh and holds the identifiers',
  );
  await db.close();
});

page.run();
