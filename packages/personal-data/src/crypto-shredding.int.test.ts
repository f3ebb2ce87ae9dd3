import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { decodeEvent, encodeEvent } from '@hub/events';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSqlKeyStore, keyStoreMigrations } from './key-store.ts';
import { createSealingEventStore, PERSONAL_DATA_OF } from './sealing-event-store.ts';

const customerId = '3f0e8a52-7b1c-4d2e-9f6a-1c2b3d4e5f60';
const email = 'sara.rezaei@example.ir';
const text = 'سلام، سفارش ۱۲۳۴ من کجاست؟';

const interaction = encodeEvent(
  {
    type: 'InteractionRecorded',
    data: {
      interactionId: 'i-1',
      customerId,
      direction: 'inbound',
      conversationId: 'c-1',
      contact: { kind: 'email', value: email },
      summary: text,
      text,
      html: null,
      details: {
        channel: 'generic',
        system: 'erp',
        externalId: 'x-1',
        attributes: { note: 'ساکن تهران' },
      },
    },
  },
  {
    id: '9d3b1f0e-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
    occurredAt: new Date('2026-11-20T08:00:00Z'),
    metadata: { [PERSONAL_DATA_OF]: customerId },
  },
);

const shredding = suite<{ db: SqlDatabase }>('personal data sealed with the customer key, shredded on erasure');

shredding.before(async (context) => {
  context.db = await openPGlite();
  await runMigrations(context.db, [...eventStoreMigrations, ...keyStoreMigrations]);
});
shredding.after(async ({ db }) => db.close());

shredding('what is stored holds no personal data in clear; readers through the key see it exactly', async ({ db }) => {
  const keys = createSqlKeyStore(db);
  const store = createSealingEventStore(createPostgresEventStore(db), keys);
  await store.appendToStream(`customer-${customerId}`, [interaction]);

  const [row] = await db.query<{ data: unknown }>('SELECT data FROM event_store.events');
  const stored = JSON.stringify(row?.data);
  assert.not.ok(stored.includes(email), 'no email in clear');
  assert.not.ok(stored.includes('سفارش'), 'no message text in clear');
  assert.not.ok(stored.includes('تهران'), 'no details in clear');
  assert.ok(stored.includes('"channel":"generic"'), 'the channel stays readable');

  const [read] = await store.readStream(`customer-${customerId}`);
  assert.equal(read?.data, interaction.data);
  const [[together] = [], never] = await store.readStreams([`customer-${customerId}`, 'customer-none']);
  assert.equal(together?.data, interaction.data, 'several streams read at once are opened too');
  assert.equal(never, []);
});

shredding(
  'after the key is destroyed the event reads as redacted, still valid, the same on every replay',
  async ({ db }) => {
    const keys = createSqlKeyStore(db);
    const store = createSealingEventStore(createPostgresEventStore(db), keys);
    await keys.destroy(customerId);
    const first = await store.readAll({ filter: { streamPrefix: `customer-${customerId}` } });
    const again = await store.readAll({ filter: { streamPrefix: `customer-${customerId}` } });
    assert.equal(
      first.map((e) => e.data),
      again.map((e) => e.data),
    );
    const decoded = decodeEvent(first[0] ?? { id: '', type: '', schemaVersion: 0, data: null });
    assert.is(decoded.type, 'InteractionRecorded');
    if (decoded.type !== 'InteractionRecorded') return;
    assert.is(decoded.data.text, '');
    assert.is(decoded.data.contact.value, '[erased]');
    assert.equal(decoded.data.details, { channel: 'generic', erased: true });
    assert.is(decoded.data.customerId, customerId, 'what is not personal remains');
  },
);

shredding('an erased customer gets no new key, so nothing new can be sealed for it', async ({ db }) => {
  const keys = createSqlKeyStore(db);
  try {
    await keys.keyFor(customerId);
    assert.unreachable('a key was made for an erased customer');
  } catch (error) {
    assert.match(String(error), /was erased/);
  }
});

shredding('an erasure made by another process takes effect in this one within the key cache time', async ({ db }) => {
  const other = 'b1c2d3e4-0000-4a5b-8c9d-0e1f2a3b4c5d';
  const here = createSqlKeyStore(db, { cacheTtlMs: 200 });
  const there = createSqlKeyStore(db);
  const key = await here.keyFor(other);
  await there.destroy(other);
  assert.equal(await here.find(other), key, 'still in this process memory for a moment');
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.is(await here.find(other), undefined, 'read again from the table: gone');
  assert.is((await here.findAll([other])).size, 0);
});

shredding.run();
