import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { formatPosition, replyStream } from '@hub/events';
import { createInMemoryAttachmentStore } from '@hub/interactions';
import { createSealingEventStore, createSqlKeyStore, keyStoreMigrations } from '@hub/personal-data';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { outcomeUnknown, type ReplySenders } from './delivery-error.ts';
import { type ReplyDelivery, startReplyDelivery } from './delivery-worker.ts';
import { createEmailSender, replyMessageId } from './email-sender.ts';
import { createCommentReplySender, createMessengerSender } from './meta-sender.ts';
import { phoneCallLog } from './phone-sender.ts';
import { replyMigrations } from './replies.migrations.ts';
import type { ReplyRequest } from './reply.decider.ts';
import { requestReply, retryReply } from './request-reply.ts';
import { createTelegramSender } from './telegram-sender.ts';
import {
  graph,
  type LocalHttpProvider,
  startLocalHttpProvider,
  startLocalSmtpRelay,
  telegram,
} from './testing/local-providers.ts';
import { createWidgetSender, type HeldWidgetMessage, releaseHeldWidgetMessages } from './widget-sender.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  workers: ReplyDelivery[];
  providers: { stop(): Promise<void> }[];
}

const delivery = suite<Context>('replies delivered through the outbox, once each');

delivery.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'reply_delivery' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 6 });
  await runMigrations(context.db, [...eventStoreMigrations, ...keyStoreMigrations, ...replyMigrations]);
  context.store = createPostgresEventStore(context.db, { pollIntervalMs: 50 });
  context.workers = [];
  context.providers = [];
});

delivery.after.each(async ({ db, database, workers, providers }) => {
  for (const worker of workers) await worker.stop();
  for (const provider of providers) await provider.stop();
  await db.close();
  await database.drop();
});

const fastBackoff = { baseMs: 50, capMs: 200, maxAttempts: 5 };

function start(context: Context, senders: ReplySenders, leaseMs = 30_000, sendTimeoutMs = 10_000): ReplyDelivery {
  const worker = startReplyDelivery({
    store: context.store,
    db: context.db,
    senders,
    workerId: `worker-${context.workers.length + 1}`,
    backoff: fastBackoff,
    leaseMs,
    sendTimeoutMs,
    pollIntervalMs: 50,
  });
  context.workers.push(worker);
  return worker;
}

const aReply = (overrides: Partial<ReplyRequest>): ReplyRequest => ({
  replyId: randomUUID(),
  conversationId: 'conversation-42',
  customerId: randomUUID(),
  channel: 'telegram',
  recipient: '555001',
  subject: null,
  text: 'Your parcel left our warehouse this morning.',
  html: null,
  attachments: [],
  inReplyTo: null,
  references: [],
  actor: 'agent:sara',
  ...overrides,
});

const eventTypes = async (store: EventStore, replyId: string) =>
  (await store.readStream(replyStream(replyId))).map((event) => event.type);

const lastEvent = async (store: EventStore, replyId: string, type: string) =>
  (await store.readStream(replyStream(replyId))).filter((event) => event.type === type).at(-1)?.data as
    | Record<string, unknown>
    | undefined;

const untilEvent = (store: EventStore, replyId: string, type: string) =>
  waitFor(() => lastEvent(store, replyId, type), { timeoutMs: 10_000, intervalMs: 50, what: `${type} on ${replyId}` });

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const telegramProvider = async (context: Context, answer: Parameters<typeof startLocalHttpProvider>[0]) => {
  const provider = await startLocalHttpProvider(answer);
  context.providers.push(provider);
  return provider;
};
const telegramSenders = (provider: LocalHttpProvider): ReplySenders => ({
  telegram: createTelegramSender({ apiUrl: provider.url, botToken: '123456:TEST' }),
});

delivery(
  'an email reply reaches the relay threaded under the customer message, with its attachment',
  async (context) => {
    const relay = await startLocalSmtpRelay();
    context.providers.push(relay);
    const attachments = createInMemoryAttachmentStore();
    const invoiceId = await attachments.put(Buffer.from('%PDF-1.4 invoice 1001'), 'application/pdf');
    const reply = aReply({
      channel: 'email',
      recipient: 'sara@example.ir',
      subject: 'Re: Where is my parcel?',
      html: '<p>Your parcel left our warehouse this morning.</p>',
      attachments: [{ id: invoiceId, filename: 'invoice-1001.pdf' }],
      inReplyTo: '<customer-2@example.ir>',
      references: ['<customer-1@example.ir>', '<customer-2@example.ir>'],
    });
    await requestReply(context.store, reply, new Date());
    start(context, { email: createEmailSender({ relayUrl: relay.url, from: 'support@shop.example', attachments }) });

    const sent = await untilEvent(context.store, reply.replyId, 'ReplySent');
    assert.is(relay.messages.length, 1);
    const mail = await simpleParser(relay.messages[0] ?? Buffer.alloc(0));
    assert.is(mail.messageId, replyMessageId(reply.replyId, 'support@shop.example'));
    assert.is(sent.providerMessageId, mail.messageId);
    assert.is(mail.inReplyTo, '<customer-2@example.ir>');
    assert.equal(mail.references, ['<customer-1@example.ir>', '<customer-2@example.ir>']);
    assert.is(mail.subject, 'Re: Where is my parcel?');
    assert.is(mail.attachments[0]?.filename, 'invoice-1001.pdf');
    assert.is(mail.attachments[0]?.content.toString(), '%PDF-1.4 invoice 1001');
  },
);

delivery("a restarted outbox resumes past other streams' events, not from the start of the store", async (context) => {
  const event = () => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, occurredAt: new Date() });
  await context.store.appendToStream('customer-1', [event(), event(), event()]);
  const head = (await context.store.readAll()).at(-1)?.position;
  start(context, {});
  // Nothing of the outbox's streams: it still keeps how far it read, so a restart reads none of it again.
  const stored = await waitFor(
    async () => {
      const [row] = await context.db.query<{ position: string }>('SELECT position FROM replies.checkpoint');
      return row?.position;
    },
    { timeoutMs: 10_000, what: 'the outbox to store how far it read' },
  );
  assert.is(stored, head && formatPosition(head));
});

delivery('a checkpoint write that fails (the database away a moment) does not stop the later ones', async (context) => {
  const event = () => ({ id: randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, occurredAt: new Date() });
  await context.store.appendToStream('customer-1', [event()]);
  const head = (await context.store.readAll()).at(-1)?.position;
  let failures = 0;
  const flaky: SqlDatabase = {
    ...context.db,
    query: async (text: string, params?: readonly unknown[], options?: { readonly name?: string }) => {
      if (text.includes('INSERT INTO replies.checkpoint') && failures++ === 0) throw new Error('connection terminated');
      return context.db.query(text, params, options) as never;
    },
  };
  const worker = startReplyDelivery({
    store: context.store,
    db: flaky,
    senders: {},
    workerId: 'worker-flaky',
    pollIntervalMs: 50,
    idleCheckpointMs: 0,
  });
  context.workers.push(worker);
  const stored = await waitFor(
    async () => (await context.db.query<{ position: string }>('SELECT position FROM replies.checkpoint'))[0]?.position,
    { timeoutMs: 10_000, what: 'a checkpoint written after the failed one' },
  );
  assert.ok(failures >= 2, 'the first write failed, a later one was made');
  assert.is(stored, head && formatPosition(head));
});

delivery('a Telegram reply reaches the Bot API once (local server in the Telegram Bot API format)', async (context) => {
  const provider = await telegramProvider(context, (request) => telegram.sent(9001, String(request.body.chat_id)));
  const reply = aReply({ inReplyTo: '77' });
  await requestReply(context.store, reply, new Date());
  await requestReply(context.store, reply, new Date()); // An agent's double click records it once.
  start(context, telegramSenders(provider));

  const sent = await untilEvent(context.store, reply.replyId, 'ReplySent');
  await settle(300);
  assert.is(provider.requests.length, 1);
  assert.is(provider.requests[0]?.path, '/bot123456:TEST/sendMessage');
  assert.equal(provider.requests[0]?.body, { chat_id: '555001', text: reply.text, reply_to_message_id: 77 });
  assert.is(sent.providerMessageId, '9001');
  assert.equal(await eventTypes(context.store, reply.replyId), [
    'ReplyRequested',
    'ReplyDeliveryAttempted',
    'ReplySent',
  ]);
});

delivery('a provider 500 is recorded with its reason and retried after a backoff, then succeeds', async (context) => {
  const provider = await telegramProvider(context, (request, index) =>
    index === 0 ? telegram.error(500, 'Internal Server Error') : telegram.sent(9002, String(request.body.chat_id)),
  );
  const reply = aReply({});
  await requestReply(context.store, reply, new Date());
  start(context, telegramSenders(provider));

  await untilEvent(context.store, reply.replyId, 'ReplySent');
  assert.is(provider.requests.length, 2);
  const failed = await lastEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
  assert.is(failed?.reason, 'Internal Server Error');
  assert.is(failed?.providerCode, '500');
  assert.is(failed?.permanent, false);
  assert.type(failed?.retryAt, 'string');
  assert.equal(await eventTypes(context.store, reply.replyId), [
    'ReplyRequested',
    'ReplyDeliveryAttempted',
    'ReplyDeliveryFailed',
    'ReplyDeliveryAttempted',
    'ReplySent',
  ]);
});

delivery("Telegram's flood control (429 with retry_after) is waited out, then the reply is sent", async (context) => {
  const provider = await telegramProvider(context, (request, index) =>
    index === 0
      ? telegram.error(429, 'Too Many Requests: retry after 1', 1)
      : telegram.sent(9004, String(request.body.chat_id)),
  );
  const reply = aReply({});
  await requestReply(context.store, reply, new Date());
  start(context, telegramSenders(provider));

  await untilEvent(context.store, reply.replyId, 'ReplySent');
  const events = await context.store.readStream(replyStream(reply.replyId));
  const failed = events.find((event) => event.type === 'ReplyDeliveryFailed');
  const second = events.filter((event) => event.type === 'ReplyDeliveryAttempted')[1];
  assert.is((failed?.data as { providerCode?: string } | undefined)?.providerCode, '429');
  assert.ok(
    (second?.occurredAt.getTime() ?? 0) - (failed?.occurredAt.getTime() ?? 0) >= 1_000,
    'sent again before Telegram said it may be',
  );
});

delivery(
  "a reply's words are sealed with the customer's key; once the customer is erased a waiting reply is failed, never sent",
  async (context) => {
    const provider = await telegramProvider(context, (request) => telegram.sent(9005, String(request.body.chat_id)));
    const keys = createSqlKeyStore(context.db);
    const sealing = createSealingEventStore(context.store, keys);
    const kept = aReply({ text: 'Your secret order number is 4471.' });
    await requestReply(sealing, kept, new Date());
    const raw = await context.store.readStream(replyStream(kept.replyId));
    assert.not.match(JSON.stringify(raw[0]?.data), '4471', 'the reply text is stored in clear');
    const worker = start({ ...context, store: sealing }, telegramSenders(provider));
    await untilEvent(context.store, kept.replyId, 'ReplySent');
    assert.is(provider.requests[0]?.body.text, 'Your secret order number is 4471.');
    await worker.stop();

    const erased = aReply({ customerId: kept.customerId, recipient: '555002' });
    await requestReply(sealing, erased, new Date());
    await keys.destroy(kept.customerId);
    start({ ...context, store: sealing }, telegramSenders(provider));
    const failed = await untilEvent(context.store, erased.replyId, 'ReplyDeliveryFailed');
    assert.is(failed.providerCode, 'CUSTOMER_ERASED');
    assert.is(failed.permanent, true);
    assert.is(provider.requests.length, 1, 'a reply to an erased customer reached Telegram');
  },
);

delivery(
  'Telegram not answering in time is an unknown outcome: recorded for an agent, never sent again',
  async (context) => {
    const provider = await telegramProvider(context, (request) => ({
      ...telegram.sent(9006, String(request.body.chat_id)),
      delayMs: 1_000,
    }));
    const reply = aReply({});
    await requestReply(context.store, reply, new Date());
    start(context, telegramSenders(provider), 30_000, 200);

    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    await settle(1_200);
    assert.is(failed.providerCode, outcomeUnknown);
    assert.is(failed.permanent, true);
    assert.is(provider.requests.length, 1, 'a reply that may have arrived was sent again');
  },
);

delivery(
  'a bot blocked by the user (Telegram 403) is failed for good with the reason; never retried',
  async (context) => {
    const provider = await telegramProvider(context, () =>
      telegram.error(403, 'Forbidden: bot was blocked by the user'),
    );
    const reply = aReply({});
    await requestReply(context.store, reply, new Date());
    start(context, telegramSenders(provider));

    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    await settle(400);
    assert.is(provider.requests.length, 1);
    assert.is(failed.reason, 'Forbidden: bot was blocked by the user');
    assert.is(failed.providerCode, '403');
    assert.is(failed.permanent, true);
    assert.is(failed.retryAt, null);
    const [row] = await context.db.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM replies.outbox WHERE reply_id = $1',
      [reply.replyId],
    );
    assert.equal(row, { status: 'failed', last_error: 'Forbidden: bot was blocked by the user' });
  },
);

delivery(
  'a worker stopped while Telegram holds its answer, then a new worker: the Bot API sees the reply once, and an agent is asked to confirm',
  async (context) => {
    const provider = await telegramProvider(context, (request) => ({
      ...telegram.sent(9003, String(request.body.chat_id)),
      delayMs: 1_500,
    }));
    const reply = aReply({});
    await requestReply(context.store, reply, new Date());
    const first = start(context, telegramSenders(provider), 300);
    await waitFor(async () => (provider.requests.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the request',
    });
    await first.stop(); // As a crash: the provider has the reply, the stream has no outcome.

    start(context, telegramSenders(provider), 300);
    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    await settle(2_000);
    assert.is(provider.requests.length, 1, 'the reply was sent twice');
    assert.is(failed.providerCode, outcomeUnknown);
    assert.is(failed.permanent, true);
    assert.equal(await eventTypes(context.store, reply.replyId), [
      'ReplyRequested',
      'ReplyDeliveryAttempted',
      'ReplyDeliveryFailed',
    ]);
  },
);

delivery(
  'a reply refused for good is sent again on an agent’s retry, once; after an unknown outcome only with their word',
  async (context) => {
    let blocked = true;
    const provider = await telegramProvider(context, (request) =>
      blocked
        ? telegram.error(403, 'Forbidden: bot was blocked by the user')
        : telegram.sent(9010, String(request.body.chat_id)),
    );
    const reply = aReply({});
    await requestReply(context.store, reply, new Date());
    start(context, telegramSenders(provider));
    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    assert.is(failed.permanent, true);
    assert.is(provider.requests.length, 1);

    blocked = false; // The customer unblocked the bot.
    const agent = { kind: 'agent', userId: 'sara' } as const;
    await retryReply(context.store, reply.replyId, {
      actor: agent,
      customerDidNotReceive: false,
      eventId: randomUUID(),
      now: new Date(),
    });
    await untilEvent(context.store, reply.replyId, 'ReplySent');
    await settle(500);
    assert.is(provider.requests.length, 2, 'the retry is one more call');
    assert.equal(await eventTypes(context.store, reply.replyId), [
      'ReplyRequested',
      'ReplyDeliveryAttempted',
      'ReplyDeliveryFailed',
      'ReplyRetryRequested',
      'ReplyDeliveryAttempted',
      'ReplySent',
    ]);
    const [row] = await context.db.query<{ status: string }>('SELECT status FROM replies.outbox WHERE reply_id = $1', [
      reply.replyId,
    ]);
    assert.is(row?.status, 'sent');
  },
);

delivery(
  "replies reach the provider in the order they were requested, whatever the outbox rows' physical order",
  async (context) => {
    const provider = await telegramProvider(context, (request) => telegram.sent(1, String(request.body.chat_id)));
    const replies = Array.from({ length: 6 }, (_, i) => aReply({ recipient: String(800 + i) }));
    const start0 = Date.now();
    for (const [i, reply] of replies.entries()) await requestReply(context.store, reply, new Date(start0 + i));
    // The rows as the outbox projection would queue them, written last first: a claim's RETURNING
    // follows the table's physical order, not the ORDER BY of its sub-select.
    for (const [i, reply] of [...replies.entries()].reverse()) {
      await context.db.query(`INSERT INTO replies.outbox (reply_id, channel, due_at) VALUES ($1, 'telegram', $2)`, [
        reply.replyId,
        new Date(start0 - 60_000 + i * 1_000),
      ]);
    }
    start(context, telegramSenders(provider));
    for (const reply of replies) await untilEvent(context.store, reply.replyId, 'ReplySent');
    assert.equal(
      provider.requests.map((request) => String(request.body.chat_id)),
      replies.map((reply) => reply.recipient),
    );
  },
);

delivery(
  'after an unknown outcome, the agent’s word that the customer did not get it sends the reply once more',
  async (context) => {
    const provider = await telegramProvider(context, (request, index) => ({
      ...telegram.sent(9011 + index, String(request.body.chat_id)),
      delayMs: index === 0 ? 1_000 : 0,
    }));
    const reply = aReply({});
    await requestReply(context.store, reply, new Date());
    start(context, telegramSenders(provider), 30_000, 200);
    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    assert.is(failed.providerCode, outcomeUnknown);
    const agent = { kind: 'agent', userId: 'sara' } as const;
    const refused = await retryReply(context.store, reply.replyId, {
      actor: agent,
      customerDidNotReceive: false,
      eventId: randomUUID(),
      now: new Date(),
    }).catch((error: unknown) => error);
    assert.is((refused as { code?: string }).code, 'REPLY_CONFLICT', 'not resent without the agent’s word');
    await retryReply(context.store, reply.replyId, {
      actor: agent,
      customerDidNotReceive: true,
      eventId: randomUUID(),
      now: new Date(),
    });
    await untilEvent(context.store, reply.replyId, 'ReplySent');
    await settle(500);
    assert.is(provider.requests.length, 2);
  },
);

delivery(
  'a live worker renews its claim through a slow provider call: a second worker does not take it for a dead one',
  async (context) => {
    const provider = await telegramProvider(context, (request) => ({
      ...telegram.sent(9007, String(request.body.chat_id)),
      delayMs: 1_500,
    }));
    const reply = aReply({});
    await requestReply(context.store, reply, new Date());
    start(context, telegramSenders(provider), 300);
    await waitFor(async () => (provider.requests.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the request',
    });
    // Five leases of the second worker pass while the first one's call is under way.
    start(context, telegramSenders(provider), 300);
    await untilEvent(context.store, reply.replyId, 'ReplySent');
    await settle(500);
    assert.is(provider.requests.length, 1);
    assert.equal(await eventTypes(context.store, reply.replyId), [
      'ReplyRequested',
      'ReplyDeliveryAttempted',
      'ReplySent',
    ]);
  },
);

delivery(
  'a worker stopped while the SMTP relay holds its answer to DATA: the relay receives the email once',
  async (context) => {
    const relay = await startLocalSmtpRelay({ delayMs: 1_500 });
    context.providers.push(relay);
    const senders = {
      email: createEmailSender({
        relayUrl: relay.url,
        from: 'support@shop.example',
        attachments: createInMemoryAttachmentStore(),
      }),
    };
    const reply = aReply({ channel: 'email', recipient: 'sara@example.ir', subject: 'Re: parcel' });
    await requestReply(context.store, reply, new Date());
    const first = start(context, senders, 300);
    await waitFor(async () => (relay.dataStarted() === 1 ? true : undefined), { timeoutMs: 10_000, what: 'DATA' });
    await first.stop();

    start(context, senders, 300);
    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    await settle(2_000);
    assert.is(relay.dataStarted(), 1, 'the email was handed to the relay twice');
    assert.is(failed.providerCode, outcomeUnknown);
  },
);

delivery(
  'a worker stopped before the relay had the whole email (RCPT unanswered): the next worker sends it, once, with nothing for an agent to confirm',
  async (context) => {
    const relay = await startLocalSmtpRelay({ rcptDelayMs: 1_500 });
    context.providers.push(relay);
    const senders = {
      email: createEmailSender({
        relayUrl: relay.url,
        from: 'support@shop.example',
        attachments: createInMemoryAttachmentStore(),
      }),
    };
    const reply = aReply({ channel: 'email', recipient: 'sara@example.ir', subject: 'Re: parcel' });
    await requestReply(context.store, reply, new Date());
    const first = start(context, senders, 300);
    await waitFor(async () => (relay.recipientsStarted() === 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'RCPT',
    });
    await first.stop(); // As a crash: the relay has the envelope, never the message.
    assert.equal(await eventTypes(context.store, reply.replyId), ['ReplyRequested'], 'nothing was handed over');

    start(context, senders, 300);
    await untilEvent(context.store, reply.replyId, 'ReplySent');
    await settle(1_000);
    assert.is(relay.messages.length, 1, 'the relay has the email once');
    assert.is(relay.dataStarted(), 1);
    assert.equal(await eventTypes(context.store, reply.replyId), [
      'ReplyRequested',
      'ReplyDeliveryAttempted',
      'ReplySent',
    ]);
  },
);

delivery(
  'an email sender whose hand-over is refused (another worker recorded the attempt) never sends the dot: the relay keeps nothing',
  async (context) => {
    const relay = await startLocalSmtpRelay();
    context.providers.push(relay);
    const sender = createEmailSender({
      relayUrl: relay.url,
      from: 'support@shop.example',
      attachments: createInMemoryAttachmentStore(),
    });
    const reply = aReply({ channel: 'email', recipient: 'sara@example.ir', subject: 'Re: parcel' });
    const lost = new Error('another worker recorded an attempt first');
    let handedOver = 0;
    const outcome = await sender
      .send(reply, new AbortController().signal, async () => {
        handedOver += 1;
        throw lost;
      })
      .catch((error: unknown) => error);
    assert.is(outcome, lost);
    assert.is(handedOver, 1);
    await settle(500);
    assert.is(relay.dataStarted(), 1, 'the message body was streamed');
    assert.is(relay.messages.length, 0, 'the relay kept a message without its end-of-data dot');

    const sent = await sender.send(reply, new AbortController().signal, async () => {});
    assert.is(sent.providerMessageId, replyMessageId(reply.replyId, 'support@shop.example'));
    assert.is(relay.messages.length, 1);
  },
);

delivery(
  'a relay that hangs up after the end-of-data dot, without answering: outcome unknown, never sent again',
  async (context) => {
    // A minimal SMTP server that takes the whole message, then drops the connection: it may have
    // queued the message (the lost 250 of RFC 1047).
    let messages = 0;
    const server = createServer((socket) => {
      let inData = false;
      let buffer = '';
      socket.write('220 relay.local ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += String(chunk);
        if (inData) {
          if (buffer.includes('\r\n.\r\n')) {
            messages += 1;
            socket.destroy();
          }
          return;
        }
        for (let end = buffer.indexOf('\r\n'); end >= 0 && !inData; end = buffer.indexOf('\r\n')) {
          const line = buffer.slice(0, end).toUpperCase();
          buffer = buffer.slice(end + 2);
          if (line.startsWith('EHLO')) socket.write('250 relay.local\r\n');
          else if (line.startsWith('DATA')) {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
          else socket.write('250 ok\r\n');
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    context.providers.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    const reply = aReply({ channel: 'email', recipient: 'sara@example.ir', subject: 'Re: parcel' });
    await requestReply(context.store, reply, new Date());
    start(context, {
      email: createEmailSender({
        relayUrl: `smtp://127.0.0.1:${port}`,
        from: 'support@shop.example',
        attachments: createInMemoryAttachmentStore(),
      }),
    });
    const failed = await untilEvent(context.store, reply.replyId, 'ReplyDeliveryFailed');
    await settle(1_000);
    assert.is(failed.providerCode, outcomeUnknown);
    assert.is(failed.permanent, true);
    assert.is(messages, 1, 'the message was handed over again');
  },
);

delivery(
  'an SMTP relay refusing the recipient (550) before the message: the reply fails for good with its answer',
  async (context) => {
    const attachments = createInMemoryAttachmentStore();
    const refused = aReply({ channel: 'email', recipient: 'no-such-user@example.ir', subject: 'Re: parcel' });
    await requestReply(context.store, refused, new Date());
    const relay = await startLocalSmtpRelay();
    context.providers.push(relay);
    start(context, { email: createEmailSender({ relayUrl: relay.url, from: 'support@shop.example', attachments }) });
    const refusal = await untilEvent(context.store, refused.replyId, 'ReplyDeliveryFailed');
    assert.is(refusal.permanent, true);
    assert.is(refusal.providerCode, '550');
    assert.match(String(refusal.reason), 'mailbox unavailable');
    assert.is(relay.dataStarted(), 0);
    assert.equal(await eventTypes(context.store, refused.replyId), [
      'ReplyRequested',
      'ReplyDeliveryAttempted',
      'ReplyDeliveryFailed',
    ]);
  },
);

delivery(
  'two workers sharing the outbox send each of 12 replies once (local server in the Telegram Bot API format)',
  async (context) => {
    let nextId = 1;
    const provider = await telegramProvider(context, (request) => ({
      ...telegram.sent(nextId++, String(request.body.chat_id)),
      delayMs: 20,
    }));
    const replies = Array.from({ length: 12 }, (_, i) => aReply({ recipient: String(700 + i) }));
    for (const reply of replies) await requestReply(context.store, reply, new Date());
    start(context, telegramSenders(provider));
    start(context, telegramSenders(provider));

    for (const reply of replies) await untilEvent(context.store, reply.replyId, 'ReplySent');
    await settle(300);
    const chats = provider.requests.map((request) => String(request.body.chat_id)).sort();
    assert.equal(chats, replies.map((reply) => reply.recipient).sort());
    const statuses = await context.db.query<{ status: string }>('SELECT DISTINCT status FROM replies.outbox');
    assert.equal(statuses, [{ status: 'sent' }]);
  },
);

delivery(
  'Messenger, Page and Instagram comment replies go to their Graph API endpoints (local server in the Graph API format)',
  async (context) => {
    const provider = await startLocalHttpProvider((request) => {
      if (request.path === '/v21.0/me/messages') return graph.messageSent('psid-1', 'm_abc');
      if (request.path === '/v21.0/ig-comment-9/replies') return graph.created('ig-reply-1');
      if (request.path === '/v21.0/page-comment-blocked/comments') {
        return graph.error(400, 10, '(#10) This comment cannot be replied to', 1446036);
      }
      return graph.created('page-reply-1');
    });
    context.providers.push(provider);
    const settings = { graphUrl: provider.url, pageToken: 'PAGE-TOKEN' };
    const messenger = aReply({ channel: 'messenger', recipient: 'psid-1' });
    const pageComment = aReply({ channel: 'page_comment', recipient: 'page-comment-7' });
    const igComment = aReply({ channel: 'instagram_comment', recipient: 'ig-comment-9' });
    const blocked = aReply({ channel: 'page_comment', recipient: 'page-comment-blocked' });
    for (const reply of [messenger, pageComment, igComment, blocked])
      await requestReply(context.store, reply, new Date());
    start(context, {
      messenger: createMessengerSender(settings),
      page_comment: createCommentReplySender(settings, 'page'),
      instagram_comment: createCommentReplySender(settings, 'instagram'),
    });

    assert.is((await untilEvent(context.store, messenger.replyId, 'ReplySent')).providerMessageId, 'm_abc');
    assert.is((await untilEvent(context.store, pageComment.replyId, 'ReplySent')).providerMessageId, 'page-reply-1');
    assert.is((await untilEvent(context.store, igComment.replyId, 'ReplySent')).providerMessageId, 'ig-reply-1');
    const refused = await untilEvent(context.store, blocked.replyId, 'ReplyDeliveryFailed');
    assert.is(refused.permanent, true);
    assert.is(refused.providerCode, '10/1446036');
    assert.match(String(refused.reason), 'This comment cannot be replied to');

    const send = provider.requests.find((request) => request.path === '/v21.0/me/messages');
    assert.equal(send?.body, {
      recipient: { id: 'psid-1' },
      messaging_type: 'RESPONSE',
      message: { text: messenger.text },
    });
    assert.is(send?.query.get('access_token'), 'PAGE-TOKEN');
    const comment = provider.requests.find((request) => request.path === '/v21.0/page-comment-7/comments');
    assert.equal(comment?.body, { message: pageComment.text });
  },
);

delivery(
  'a widget reply waits for an offline visitor and is handed over when they reconnect; a logged call is sent at once',
  async (context) => {
    const pushed: HeldWidgetMessage[] = [];
    const online = new Set<string>();
    const live = {
      async push(visitorId: string, message: HeldWidgetMessage) {
        if (!online.has(visitorId)) return false;
        pushed.push(message);
        return true;
      },
    };
    const widgetReply = aReply({ channel: 'widget', recipient: 'visitor-7' });
    const call = aReply({ channel: 'phone', recipient: '+989121234567', text: 'Called back about the refund.' });
    await requestReply(context.store, widgetReply, new Date());
    await requestReply(context.store, call, new Date());
    start(context, { widget: createWidgetSender(context.db, live), phone: phoneCallLog });

    await untilEvent(context.store, widgetReply.replyId, 'ReplySent');
    assert.is(
      (await untilEvent(context.store, call.replyId, 'ReplySent')).providerMessageId,
      `call-log:${call.replyId}`,
    );
    assert.is(pushed.length, 0, 'an offline visitor got a push');

    online.add('visitor-7');
    const received: HeldWidgetMessage[] = [];
    const released = await releaseHeldWidgetMessages(context.db, 'visitor-7', async (message) => {
      received.push(message);
    });
    assert.is(released, 1);
    assert.is(received[0]?.text, widgetReply.text);
    assert.is(
      await releaseHeldWidgetMessages(context.db, 'visitor-7', async () => {}),
      0,
      'a message was handed over twice',
    );
  },
);

delivery.run();
