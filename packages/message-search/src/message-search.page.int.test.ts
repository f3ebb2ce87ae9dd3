import { conversationStream, customerStream, type DomainEvent, encodeEvent, type RecordedEvent } from '@hub/events';
import { projectionMigrations, useReadModelSchema } from '@hub/projections';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { messageSearchMigrations } from './message-search.migrations.ts';
import { applyMessageSearchEvent, applyMessageSearchPage } from './message-search.projection.ts';

const sara = '6a1c0000-0000-4000-8000-0000000000a1';
const reza = '6a1c0000-0000-4000-8000-0000000000a2';
const policy = { kind: 'policy' as const, policy: 'test' };

const interaction = (customerId: string, n: number): DomainEvent => ({
  type: 'InteractionRecorded',
  data: {
    interactionId: `i-${n}`,
    customerId,
    direction: 'inbound',
    conversationId: `thread-${n}`,
    contact: { kind: 'email', value: 'sara@example.ir' },
    summary: `پیام ${n}`,
    text: n % 3 === 0 ? '' : `سلام، سفارش شماره ${n}`,
    html: n % 3 === 0 ? `<p>refund <b>${n}</b></p>` : null,
    details: { channel: 'generic', system: 'test', externalId: `m-${n}`, attributes: {} },
  },
});

const filed = (n: number, conversationId: string): DomainEvent => ({
  type: 'ConversationMessageAdded',
  data: {
    conversationId,
    interactionId: `i-${n}`,
    direction: 'inbound',
    channel: 'generic',
    occurredAt: '2026-11-01T09:00:00.000Z',
    threadKeys: [],
    actor: { kind: 'customer' },
  },
});

/** Every kind of event it reads, interleaved as the linker and merges interleave them. */
const history: [string, DomainEvent][] = [
  [customerStream(sara), interaction(sara, 1)],
  [conversationStream('c-1'), filed(1, 'c-1')],
  [customerStream(sara), interaction(sara, 2)],
  [customerStream(reza), interaction(reza, 3)],
  [conversationStream('c-2'), filed(3, 'c-2')],
  [conversationStream('c-2'), filed(2, 'c-2')],
  [conversationStream('c-3'), filed(2, 'c-3')], // filed again: the last filing wins
  [customerStream(sara), interaction(sara, 2)], // a redelivered duplicate: one row
  [
    customerStream(sara),
    { type: 'CustomersMerged', data: { survivorId: sara, mergedId: reza, evidence: [], decidedBy: policy } },
  ],
  [customerStream(reza), interaction(reza, 4)],
  [conversationStream('c-1'), filed(4, 'c-1')],
  [
    customerStream(sara),
    {
      type: 'CustomersUnmerged',
      data: {
        survivorId: sara,
        restoredId: reza,
        identifiers: [],
        interactionIds: ['i-3'],
        reason: '',
        decidedBy: policy,
      },
    },
  ],
  [customerStream(reza), interaction(reza, 5)],
  [customerStream(sara), interaction(sara, 6)],
  [customerStream(reza), { type: 'CustomerErased', data: { customerId: reza, requestedBy: 'agent', reason: null } }],
  [customerStream(sara), interaction(sara, 7)],
];

const recorded: RecordedEvent[] = history.map(([streamId, event], n) => ({
  ...encodeEvent(event, { id: `e-${n}`, occurredAt: new Date(Date.UTC(2026, 10, 1, 9, n)) }),
  streamId,
  revision: n,
  position: { commit: BigInt(n), prepare: BigInt(n) },
  recordedAt: new Date(Date.UTC(2026, 10, 1, 9, n)),
  causationId: null,
  correlationId: null,
  metadata: {},
}));

const rowsOf = (db: SqlDatabase) =>
  db.query(
    `SELECT interaction_id, customer_id, origin_customer_id, conversation_id, subject, body, words::text
       FROM read_models.message_search ORDER BY interaction_id`,
  );

const test = suite('a page applied at once leaves the rows applying its events one by one leaves');

test('after every split of the history into pages', async () => {
  const oneByOne = await openPGlite();
  await runMigrations(oneByOne, [...projectionMigrations, ...messageSearchMigrations]);
  await oneByOne.transaction(async (tx) => {
    await useReadModelSchema(tx, 'read_models');
    for (const event of recorded) await applyMessageSearchEvent(tx, event);
  });
  const expected = await rowsOf(oneByOne);
  assert.equal(
    expected.map((row) => (row as { interaction_id: string }).interaction_id),
    ['i-1', 'i-2', 'i-6', 'i-7'],
    "the erased customer's messages are gone, the others kept",
  );
  assert.is((expected[1] as { conversation_id: string }).conversation_id, 'c-3', 'the last filing');
  await oneByOne.close();
  for (const size of [1, 2, 3, 5, recorded.length]) {
    const paged = await openPGlite();
    await runMigrations(paged, [...projectionMigrations, ...messageSearchMigrations]);
    for (let at = 0; at < recorded.length; at += size) {
      await paged.transaction(async (tx) => {
        await useReadModelSchema(tx, 'read_models');
        await applyMessageSearchPage(tx, recorded.slice(at, at + size));
      });
    }
    assert.equal(await rowsOf(paged), expected, `pages of ${size}`);
    await paged.close();
  }
});

test.run();
