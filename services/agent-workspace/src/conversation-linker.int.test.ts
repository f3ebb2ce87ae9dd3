import { randomBytes, randomUUID } from 'node:crypto';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { customerStream, type DomainEventOf, encodeEvent, type InteractionDetails } from '@hub/events';
import { conversationsProjection, findConversation, inboxMigrations, listInbox } from '@hub/inbox';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { timelineMigrations } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conversationLinker } from './conversation-linker.ts';
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

/** Links, then projects the inbox, each event in order in its own transaction: as the runners do. */
async function catchUp({ db, store }: Context, times = 1) {
  const link = conversationLinker({ store, indexKey: randomBytes(32) });
  for (let i = 0; i < times; i++) {
    for (const event of await store.readAll({ filter: { streamPrefix: 'customer-' } }))
      await db.transaction((tx) => link.apply(tx, event));
  }
  for (const event of await store.readAll({ filter: { streamPrefix: 'conversation-' } }))
    await db.transaction((tx) => conversationsProjection.apply(tx, event));
}

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
  await catchUp(context, 2);
  const [conversation] = await conversationsOf(db, sara);
  assert.ok(conversation);
  const view = await findConversation(db, conversation.id);
  assert.equal(
    view?.items.map((i) => i.kind),
    ['opened', 'message', 'message'],
  );
});

linker.run();
