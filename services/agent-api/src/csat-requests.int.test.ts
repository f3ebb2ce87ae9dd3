import { randomBytes, randomUUID } from 'node:crypto';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import {
  type Actor,
  type Channel,
  conversationStream,
  type DomainEvent,
  decodeEvent,
  encodeEvent,
  replyStream,
} from '@hub/events';
import { applyConversationEvent, inboxMigrations } from '@hub/inbox';
import { silentLogger } from '@hub/logger';
import { useReadModelSchema } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, loudHook, type TestDatabase } from '@hub/testing';
import { timelineMigrations } from '@hub/timeline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { csatRequests } from './csat-requests.ts';
import { verifyCsatToken } from './csat-token.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  clock: { now: Date };
}

const linkKey = randomBytes(32);
const agent: Actor = { kind: 'agent', userId: 'maryam' };
const customer: Actor = { kind: 'customer' };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 9, minute)).toISOString();

/** A conversation the customer wrote in on `details`' channel, resolved at 09:10. */
async function resolvedConversation({ db, store }: Context, channel: Channel, details: Record<string, unknown>) {
  const conversationId = randomUUID();
  const customerId = randomUUID();
  const interactionId = randomUUID();
  const events: DomainEvent[] = [
    {
      type: 'ConversationOpened',
      data: {
        conversationId,
        customerId,
        channel,
        inboxId: channel,
        subject: null,
        threadKeys: [],
        openedBy: interactionId,
        openedAt: at(0),
        actor: customer,
      },
    },
    {
      type: 'ConversationMessageAdded',
      data: {
        conversationId,
        interactionId,
        direction: 'inbound',
        channel,
        occurredAt: at(0),
        threadKeys: [],
        actor: customer,
      },
    },
    {
      type: 'ConversationStatusChanged',
      data: { conversationId, status: 'resolved', snoozedUntil: null, actor: agent, reason: null, at: at(10) },
    },
  ];
  await store.appendToStream(
    conversationStream(conversationId),
    events.map((event) => encodeEvent(event, { id: randomUUID(), occurredAt: new Date(at(0)) })),
  );
  await db.query(
    `INSERT INTO read_models.timeline (interaction_id, customer_id, occurred_at, channel, direction, conversation_id,
       contact_kind, contact_value, summary, body_text, details, recorded_at)
     VALUES ($1, $2, $3, $4, 'inbound', $5, 'handle', 'widget:visitor-7', 'سلام', 'سلام', $6::jsonb, $3)`,
    [interactionId, customerId, at(0), channel, conversationId, JSON.stringify(details)],
  );
  return conversationId;
}

/** The inbox projection and the CSAT reactor over everything in the store, as the hub runs them. */
async function react(context: Context) {
  const reactor = csatRequests({
    store: context.store,
    now: () => context.clock.now,
    linkKey,
    publicUrl: 'https://support.shop.example/',
    linkTtlMs: 14 * 24 * 60 * 60 * 1000,
    logger: silentLogger(),
  });
  // Twice: the second pass sees what the first appended (CsatRequested), and replays the rest.
  for (let pass = 0; pass < 3; pass++) {
    for (const event of await context.store.readAll()) {
      await context.db.transaction(async (tx) => {
        await useReadModelSchema(tx, 'read_models');
        await applyConversationEvent(tx, event);
      });
      await reactor.apply(context.db, event);
    }
  }
}

const eventsOf = async (store: EventStore, type: string) =>
  (await store.readAll()).filter((event) => event.type === type).map(decodeEvent);

const csat = suite<Context>('rating requests on resolve, through the reply outbox (real PostgreSQL read models)');
csat.before.each(
  loudHook(async (context) => {
    context.database = await createTestDatabase({ prefix: 'csat' });
    context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
    await runMigrations(context.db, [...timelineMigrations, ...inboxMigrations]);
    context.store = createInMemoryEventStore();
    context.clock = { now: new Date(at(11)) };
  }),
);
csat.after.each(async ({ db, database }) => {
  await db?.close();
  await database?.drop();
});

csat(
  'a widget chat gets one prompt with a signed link, held for the visitor; a replay sends nothing more',
  async (context) => {
    const id = await resolvedConversation(context, 'chat', {
      channel: 'chat',
      platform: 'widget',
      chatId: 'visitor-7',
    });
    await react(context);
    assert.is((await eventsOf(context.store, 'CsatRequested')).length, 1);
    const replies = await eventsOf(context.store, 'ReplyRequested');
    assert.is(replies.length, 1, 'one request, however often replayed');
    const reply = replies[0];
    assert.ok(reply?.type === 'ReplyRequested');
    assert.is(reply.data.channel, 'widget');
    assert.is(reply.data.recipient, 'visitor-7');
    assert.is(reply.data.conversationId, id);
    const token = /https:\/\/support\.shop\.example\/v1\/csat\/(\S+)/.exec(reply.data.text)?.[1];
    assert.ok(token, reply.data.text);
    assert.is(verifyCsatToken(linkKey, token, context.clock.now).conversationId, id);
    assert.ok((await context.store.readStream(replyStream(reply.data.replyId))).length === 1);
  },
);

csat(
  'a phone conversation gets none; a resolution older than a day (a replayed history) gets none',
  async (context) => {
    await resolvedConversation(context, 'phone', { channel: 'phone', source: 'twilio', callId: 'c-1' });
    await react(context);
    assert.is((await eventsOf(context.store, 'ReplyRequested')).length, 0, 'no request on the phone');

    const other = { ...context, store: createInMemoryEventStore(), clock: { now: new Date('2026-12-07T09:00:00Z') } };
    await resolvedConversation(other, 'chat', { channel: 'chat', platform: 'widget', chatId: 'visitor-8' });
    await react(other);
    assert.is((await eventsOf(other.store, 'CsatRequested')).length, 0);
  },
);

csat.run();
