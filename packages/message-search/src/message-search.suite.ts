import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { conversationStream, customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import {
  createSealingEventStore,
  createSqlKeyStore,
  type KeyStore,
  keyStoreMigrations,
  PERSONAL_DATA_OF,
} from '@hub/personal-data';
import { projectionMigrations, type RunningProjection, rebuildProjection, runProjection } from '@hub/projections';
import { runMigrations, type SqlDatabase } from '@hub/sql';
import { waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ali, aliAgain, at, interaction, messages, nasrin, sara } from './message-search.fixtures.ts';
import { messageSearchMigrations } from './message-search.migrations.ts';
import { messageSearchProjection } from './message-search.projection.ts';
import { purgeCustomerMessages } from './message-search.purge.ts';
import { type MessageHit, type MessageSearchFilter, searchMessages } from './message-search.queries.ts';
import { messageQueryOf } from './message-words.ts';

// One suite, run on PostgreSQL and on PGlite (message-search.*.int.test.ts): the index is filled
// by the projection from a sealing store, as the hub runs it.

interface Context {
  db: SqlDatabase;
  keys: KeyStore;
  store: EventStore;
  projection: RunningProjection;
}

async function append(store: EventStore, owner: string, event: DomainEvent, occurredAt: Date) {
  const context = { id: crypto.randomUUID(), occurredAt, metadata: { [PERSONAL_DATA_OF]: owner } };
  await store.appendToStream(customerStream(owner), [encodeEvent(event, context)]);
}

/**
 * Readers see an append only once every older transaction on the server has ended (the store's
 * gap-free rule follows the cluster-wide snapshot xmin): on a server shared with other tests that
 * takes a moment, and a projection caught up before then has not seen the last appends.
 */
async function projected({ db, store, projection }: Pick<Context, 'db' | 'store' | 'projection'>) {
  const [stored] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM event_store.events');
  const count = stored?.count ?? 0;
  await waitFor(async () => ((await store.readAll({ maxCount: 100_000 })).length >= count ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 20,
    what: `the ${count} stored events to be visible to readers`,
  });
  await projection.caughtUp();
}

const ids = (hits: readonly MessageHit[]) => hits.map((hit) => hit.interactionId);

export function messageSearchSuite(backend: string, open: () => Promise<SqlDatabase>) {
  const search = (db: SqlDatabase, q: string, filter: Partial<MessageSearchFilter> = {}) =>
    searchMessages(db, { query: messageQueryOf(q), limit: 20, ...filter });

  const test = suite<Context>(`message search on ${backend}: folded full text over interactions`);

  test.before(async (context) => {
    context.db = await open();
    await runMigrations(context.db, [
      ...eventStoreMigrations,
      ...keyStoreMigrations,
      ...projectionMigrations,
      ...messageSearchMigrations,
    ]);
    context.keys = createSqlKeyStore(context.db);
    context.store = createSealingEventStore(createPostgresEventStore(context.db), context.keys);
    for (const m of messages) await append(context.store, m.customerId, interaction(m), at(m.day));
    context.projection = await runProjection(
      { db: context.db, store: context.store, logger: silentLogger() },
      messageSearchProjection,
      { pollIntervalMs: 10 },
    );
    await projected(context);
  });
  test.after(async ({ db, projection }) => {
    await projection?.stop();
    await db?.close();
  });

  test('Persian text is found by its Arabic-keyboard spelling, with or without ZWNJ and diacritics', async ({ db }) => {
    assert.equal(ids(await search(db, 'علي كريمي')), ['ali-1'], 'Arabic yeh and kaf');
    assert.equal(ids(await search(db, 'ميخواهم')), ['ali-1'], 'without the ZWNJ');
    assert.equal(ids(await search(db, 'سَفارش')), ['ali-2', 'ali-1'], 'with a diacritic; newest first');
    assert.equal(ids(await search(db, 'سفارش کریمی')), ['ali-1'], 'every word must be there');
    assert.equal(ids(await search(db, '۱۲۳۴')), ['ali-2']);
  });

  test('Latin text is found whatever its case; words begin as typed; the subject counts', async ({ db }) => {
    assert.equal(ids(await search(db, 'order NEVER')), ['sara-1']);
    assert.equal(ids(await search(db, 'where')), ['sara-1'], 'a word of the subject only');
    assert.equal(ids(await search(db, 'compl')), ['nasrin-1'], 'the beginning of a word');
    assert.equal(ids(await search(db, 'zebra')), []);
  });

  test('an HTML body is searched as its text, tags and entities not words', async ({ db }) => {
    const [hit] = await search(db, 'kumquat');
    assert.is(hit?.interactionId, 'sara-2');
    assert.is(hit?.snippet, 'Refund for <mark>kumquat</mark> jam please');
    assert.equal(ids(await search(db, 'nbsp')), []);
  });

  test('each hit has its customer, channel, time and a highlighted, escaped snippet', async ({ db }) => {
    const [hit] = await search(db, 'never');
    assert.equal(hit, {
      interactionId: 'sara-1',
      customerId: sara,
      channel: 'email',
      direction: 'inbound',
      occurredAt: at(2).toISOString(),
      conversationId: null,
      subject: 'Where is my ORDER?',
      snippet: 'My order #7731 <mark>never</mark> came &amp; I am &lt;upset&gt;.',
    });
    const [script] = await search(db, 'alert');
    assert.ok(script?.snippet.includes('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;'), script?.snippet);
    const [persian] = await search(db, 'كريمي');
    assert.is(persian?.snippet, 'سلام، من علی <mark>کریمی</mark> هستم. سفارشم هنوز نرسیده است، می‌خواهم پیگیری کنم.');
  });

  test('filters: customer, channel, time range; a page at a time after a cursor', async ({ db }) => {
    assert.equal(ids(await search(db, 'سفارش', { customerId: sara })), []);
    assert.equal(ids(await search(db, 'سفارش', { customerId: ali })), ['ali-2', 'ali-1']);
    assert.equal(ids(await search(db, 'سفارش', { channel: 'email' })), ['ali-1']);
    assert.equal(ids(await search(db, 'سفارش', { from: at(2), to: at(4) })), ['ali-2']);
    assert.equal(ids(await search(db, 'سفارش', { to: at(3) })), ['ali-1'], 'to is exclusive');
    const [first] = await search(db, 'سفارش', { limit: 1 });
    assert.is(first?.interactionId, 'ali-2');
    const after = { occurredAt: first?.occurredAt ?? '', interactionId: first?.interactionId ?? '' };
    assert.equal(ids(await search(db, 'سفارش', { limit: 1, after })), ['ali-1']);
  });

  test('operator and pattern characters are taken literally, never as syntax', async ({ db }) => {
    for (const q of [
      '%',
      '_',
      '\\',
      "'",
      '&|!():*<>',
      'a_b',
      "it's",
      '50%',
      '.*',
      "' OR 1=1 --",
      'never:*',
      '!never',
    ]) {
      await search(db, q); // must not throw
    }
    assert.equal(ids(await search(db, '50%')), ['sara-3']);
    assert.equal(ids(await search(db, "(it's)")), ['sara-3']);
    assert.equal(ids(await search(db, '!never')), ['sara-1'], 'not a negation');
    assert.equal(ids(await search(db, '%')), [], 'no word: nothing (the route answers 400)');
  });

  test('a conversation is shown once the linker has filed the message', async ({ db, store, projection }) => {
    const opened = encodeEvent(
      {
        type: 'ConversationOpened',
        data: {
          conversationId: 'conversation-1',
          customerId: ali,
          channel: 'generic',
          inboxId: 'default',
          subject: null,
          threadKeys: [],
          openedBy: 'ali-2',
          openedAt: at(3).toISOString(),
          actor: { kind: 'customer' },
        },
      },
      { id: crypto.randomUUID(), occurredAt: at(3), metadata: { [PERSONAL_DATA_OF]: ali } },
    );
    await store.appendToStream(conversationStream('conversation-1'), [opened]);
    await projected({ db, store, projection });
    const [hit] = await search(db, 'پیگیری', { customerId: ali });
    assert.is(hit?.conversationId, 'conversation-1');
  });

  test('a merged customer is found as the survivor, by either id; an unmerge gives it back', async ({
    db,
    store,
    projection,
  }) => {
    const policy = { kind: 'policy' as const, policy: 'test' };
    await append(
      store,
      ali,
      { type: 'CustomersMerged', data: { survivorId: ali, mergedId: aliAgain, evidence: [], decidedBy: policy } },
      at(8),
    );
    await projected({ db, store, projection });
    assert.equal(
      (await search(db, 'quince')).map((h) => h.customerId),
      [ali],
    );
    assert.equal(ids(await search(db, 'quince', { customerId: aliAgain })), ['again-1']);
    assert.equal(ids(await search(db, 'quince', { customerId: ali })), ['again-1']);
    // Written to the merged customer's id after the merge (a redelivery): filed under the survivor.
    await append(
      store,
      aliAgain,
      interaction({ id: 'again-2', customerId: aliAgain, day: 9, text: 'quince again' }),
      at(9),
    );
    await projected({ db, store, projection });
    assert.equal(
      (await search(db, 'quince')).map((h) => h.customerId),
      [ali, ali],
    );

    await append(
      store,
      ali,
      {
        type: 'CustomersUnmerged',
        data: {
          survivorId: ali,
          restoredId: aliAgain,
          identifiers: [],
          interactionIds: ['again-1'],
          reason: 'not him',
          decidedBy: policy,
        },
      },
      at(10),
    );
    await projected({ db, store, projection });
    assert.equal(
      (await search(db, 'quince')).map((h) => [h.interactionId, h.customerId]),
      [
        ['again-2', ali],
        ['again-1', aliAgain],
      ],
    );
    assert.equal(ids(await search(db, 'quince', { customerId: aliAgain })), ['again-1']);
  });

  test('an erased customer is gone at once, when the erasure is recorded, and after a rebuild', async ({
    db,
    keys,
    store,
    projection,
  }) => {
    assert.equal(ids(await search(db, 'loquat')), ['nasrin-1']);
    assert.is(await purgeCustomerMessages(db, [nasrin]), 1, 'the erasure route purges at once');
    assert.equal(ids(await search(db, 'loquat')), []);
    // The route then destroys the key; the recorded erasure removes whatever the projection had.
    await append(
      store,
      nasrin,
      { type: 'CustomerErased', data: { customerId: nasrin, requestedBy: 'agent-1', reason: null } },
      at(11),
    );
    await keys.destroy(nasrin);
    await projected({ db, store, projection });
    assert.equal(ids(await search(db, 'loquat')), []);
    const [left] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM read_models.message_search WHERE customer_id = $1 OR origin_customer_id = $1',
      [nasrin],
    );
    assert.is(left?.n, 0);

    const result = await rebuildProjection({ db, store, logger: silentLogger() }, messageSearchProjection);
    assert.ok(result.events > 0);
    assert.equal(ids(await search(db, 'loquat')), [], 'her text cannot be opened: never indexed again');
    assert.equal(ids(await search(db, 'nasrin')), []);
    assert.equal(ids(await search(db, 'علي كريمي')), ['ali-1'], 'the others are rebuilt');
    assert.equal(ids(await search(db, 'quince', { customerId: aliAgain })), ['again-1'], 'the unmerge replayed');
    assert.is((await search(db, 'پیگیری', { customerId: ali }))[0]?.conversationId, 'conversation-1');
  });

  return test;
}
