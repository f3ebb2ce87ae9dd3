import { randomBytes, randomUUID } from 'node:crypto';
import { conversationDecider } from '@hub/conversations';
import { handleCommand } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { customerStream, type DomainEventOf, encodeEvent, type InteractionDetails } from '@hub/events';
import { conversationsProjection, findConversation, inboxMigrations, listInbox } from '@hub/inbox';
import { silentLogger } from '@hub/logger';
import { projectionMigrations, runProjection } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { timelineMigrations } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CONVERSATION_LINKER, conversationLinker } from './conversation-linker.ts';
import { workspaceMigrations } from './workspace.migrations.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const sara = randomUUID();
const reza = randomUUID();
const minute = (m: number) => new Date(Date.UTC(2026, 11, 5, 9, m));

const email = (messageId: string, subject: string, inReplyTo: string | null = null): InteractionDetails => ({
  channel: 'email',
  messageId: `<${messageId}>`,
  subject,
  from: 'sara@example.ir',
  to: ['support@shop.ir'],
  cc: [],
  inReplyTo: inReplyTo ? `<${inReplyTo}>` : null,
  references: inReplyTo ? [`<${inReplyTo}>`] : [],
  attachments: [],
  attachmentsNotStored: [],
  autoReply: false,
  bounce: false,
  bouncedRecipients: [],
  defects: [],
});
const call = (callId: string): InteractionDetails => ({
  channel: 'phone',
  source: 'twilio',
  callId,
  from: '+989121234567',
  to: '+982188776655',
  outcome: 'answered',
  durationSeconds: 60,
  recordingUrl: null,
  agentExtension: null,
  customerNumber: '+989121234567',
  businessNumber: '+982188776655',
  startedAt: null,
  answeredAt: null,
  endedAt: null,
  talkSeconds: null,
  providerStatus: null,
  answeredBy: null,
  accountId: null,
  parentCallId: null,
});

async function recordInteraction(store: EventStore, customerId: string, at: number, details: InteractionDetails) {
  const interactionId = randomUUID();
  const data: DomainEventOf<'InteractionRecorded'>['data'] = {
    interactionId,
    customerId,
    direction: 'inbound',
    conversationId: randomUUID(),
    contact: { kind: 'email', value: 'sara@example.ir' },
    summary: 'پیام',
    text: 'متن پیام',
    html: null,
    details,
  };
  await store.appendToStream(customerStream(customerId), [
    encodeEvent({ type: 'InteractionRecorded', data }, { id: randomUUID(), occurredAt: minute(at) }),
  ]);
  return interactionId;
}

const linker = suite<Context>('the conversation linker puts each interaction into its conversation');
linker.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'linker' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
  await runMigrations(context.db, [
    ...eventStoreMigrations,
    ...projectionMigrations,
    ...timelineMigrations,
    ...inboxMigrations,
    ...workspaceMigrations,
  ]);
  context.store = createPostgresEventStore(context.db);
});
linker.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

/**
 * Readers see an append only once every older transaction on the server has ended (the store's
 * gap-free rule follows the cluster-wide snapshot xmin): on a server shared with other tests that
 * takes a moment, and a projection caught up before then has not seen the last appends.
 */
async function visibleToReaders(db: SqlDatabase, store: EventStore) {
  const [stored] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM event_store.events');
  const count = stored?.count ?? 0;
  await waitFor(async () => ((await store.readAll({ maxCount: 100_000 })).length >= count ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 20,
    what: `the ${count} stored events to be visible to readers`,
  });
}

/** The linker and the inbox projection as the hub runs them, until both have caught up. */
async function catchUp({ db, store }: Context, { replay = false } = {}) {
  if (replay) await db.query(`DELETE FROM read_models.checkpoints WHERE projection = $1`, [CONVERSATION_LINKER]);
  for (const projection of [conversationLinker({ store, indexKey }), conversationsProjection]) {
    await visibleToReaders(db, store);
    const running = await runProjection({ db, store, logger: silentLogger() }, projection);
    await running.caughtUp();
    await running.stop();
  }
}
const indexKey = randomBytes(32);

const conversationsOf = async (db: SqlDatabase, customerId: string) =>
  (await listInbox(db, { viewerId: 'maryam', status: 'all', customerId })).conversations;

linker('an email thread is one conversation; a new subject without reply headers is another', async (context) => {
  const { db, store } = context;
  await recordInteraction(store, sara, 0, email('m1@mail.example', 'سفارش ۱۲۳۴'));
  await recordInteraction(store, sara, 5, email('m2@mail.example', 'Re: سفارش ۱۲۳۴', 'm1@mail.example'));
  await recordInteraction(store, sara, 9, email('m3@mail.example', 'فاکتور'));
  await catchUp(context);
  const conversations = await conversationsOf(db, sara);
  assert.equal(
    conversations.map((c) => [c.subject, c.messageCount]),
    [
      ['فاکتور', 1],
      ['سفارش ۱۲۳۴', 2],
    ],
  );
});

linker(
  'a header-less email with the same subject joins the open conversation; another customer’s never does',
  async (context) => {
    const { db, store } = context;
    await recordInteraction(store, sara, 0, email('a1@x', 'Order 1234'));
    await recordInteraction(store, sara, 3, {
      ...email('a2@x', 'RE: order 1234'),
      messageId: null,
    } as InteractionDetails);
    await recordInteraction(store, reza, 4, email('b1@x', 'Order 1234'));
    await catchUp(context);
    assert.equal(
      (await conversationsOf(db, sara)).map((c) => c.messageCount),
      [2],
    );
    assert.equal(
      (await conversationsOf(db, reza)).map((c) => c.messageCount),
      [1],
    );
  },
);

linker('a call joins the caller’s conversation active within the window, else opens one', async (context) => {
  const { db, store } = context;
  await recordInteraction(store, sara, 0, email('c1@x', 'Delivery'));
  await recordInteraction(store, sara, 10, call('CA1'));
  await recordInteraction(store, sara, 100, call('CA2'));
  await catchUp(context);
  const conversations = await conversationsOf(db, sara);
  assert.equal(
    conversations.map((c) => [c.channel, c.messageCount]),
    [
      ['phone', 1],
      ['email', 2],
    ],
  );
});

linker('linking again (a replay) appends nothing twice', async (context) => {
  const { db, store } = context;
  await recordInteraction(store, sara, 0, email('r1@x', 'Refund'));
  await recordInteraction(store, sara, 1, email('r2@x', 'Re: Refund', 'r1@x'));
  await catchUp(context);
  await catchUp(context, { replay: true });
  const [conversation] = await conversationsOf(db, sara);
  assert.ok(conversation);
  const view = await findConversation(db, conversation.id);
  assert.equal(
    view?.items.map((i) => i.kind),
    ['opened', 'message', 'message'],
  );
});

linker(
  'an agent labelling a conversation while the linker decides its page: the page is decided again, both kept',
  async (context) => {
    const { db, store } = context;
    await recordInteraction(store, sara, 0, email('l1@x', 'Warranty'));
    await catchUp(context);
    const [conversation] = await conversationsOf(db, sara);
    assert.ok(conversation);
    await recordInteraction(store, sara, 2, email('l2@x', 'Re: Warranty', 'l1@x'));
    await recordInteraction(store, sara, 3, email('l3@x', 'Re: Warranty', 'l2@x'));
    // The agent's label lands between the linker's read of the conversation and its append.
    let raced = false;
    const racing: EventStore = {
      ...store,
      async appendToStreams(appends) {
        if (!raced) {
          raced = true;
          await handleCommand({
            store,
            streamId: `conversation-${conversation.id}`,
            decider: conversationDecider,
            command: {
              kind: 'AddLabel',
              label: 'warranty',
              actor: { kind: 'agent', userId: 'maryam' },
              now: minute(2),
            },
            eventContext: () => ({ id: randomUUID(), occurredAt: minute(2) }),
          });
        }
        return store.appendToStreams(appends);
      },
    };
    await visibleToReaders(db, store);
    const running = await runProjection(
      { db, store: racing, logger: silentLogger() },
      conversationLinker({ store: racing, indexKey }),
    );
    await running.caughtUp();
    await running.stop();
    assert.ok(raced);
    await catchUp(context);
    const view = await findConversation(db, conversation.id);
    assert.equal(
      view?.items.map((i) => i.kind),
      ['opened', 'message', 'label-added', 'message', 'message'],
    );
  },
);

linker(
  'a crash after the append but before the index: filing the page again appends nothing twice',
  async (context) => {
    const { db, store } = context;
    await recordInteraction(store, sara, 0, email('x1@x', 'Invoice'));
    await recordInteraction(store, sara, 1, email('x2@x', 'Re: Invoice', 'x1@x'));
    await catchUp(context);
    const [before] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM event_store.events');
    // As if the process died after `appendToStreams`: the index and the checkpoint never written.
    await db.query('DELETE FROM workspace.thread_keys');
    await db.query('DELETE FROM workspace.linked_conversations');
    await catchUp(context, { replay: true });
    const [after] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM event_store.events');
    assert.is(after?.count, before?.count);
    const conversations = await conversationsOf(db, sara);
    assert.equal(
      conversations.map((c) => c.messageCount),
      [2],
    );
  },
);

linker.run();
