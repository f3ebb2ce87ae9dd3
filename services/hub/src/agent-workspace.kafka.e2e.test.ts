import { randomBytes } from 'node:crypto';
import {
  type LocalHttpProvider,
  type LocalSmtpRelay,
  startLocalHttpProvider,
  startLocalSmtpRelay,
  telegram,
} from '@hub/replies/testing';
import {
  createTestDatabase,
  loudHook,
  type ProvidedKafka,
  provideKafka,
  singleBrokerDurability,
  type TestDatabase,
  waitFor,
} from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chatOnWebsite, customerMail, websiteChatEnv } from './testing/agent-workspace.fixture.ts';
import { type RunningHub, runHub, sharedSecrets, started } from './testing/hub-process.fixture.ts';

// The agent's scenario on Kafka + PostgreSQL with the hub as real processes: one process with the
// gateway, api and projector roles, and one writer process, which also holds the reply outbox.
// One person writes by email, calls, chats on the shop's website and on Telegram; an agent finds
// her and her conversations, answers by email (threaded) and on Telegram, a colleague's stale
// change is refused, the conversation is resolved and she answers the rating request (CSAT). Then
// the writer is killed with SIGKILL while a slow SMTP relay holds its answer to one of a batch of
// replies, and started again.
//
// The providers are local servers: an SMTP relay (smtp-server) and an HTTP server answering in the
// Telegram Bot API's format (mocks of unreachable third parties, nothing else is mocked).

const ADMIN = { email: 'admin@shop.example', password: 'admin-password-for-tests-1' };
const TELEGRAM_SECRET = 'telegram-secret-for-tests';
const SARA = { email: 'sara@example.ir', phone: '+989121234567', telegramId: 424242 };

interface Context {
  kafka: ProvidedKafka;
  database: TestDatabase;
  relay: LocalSmtpRelay;
  botApi: LocalHttpProvider;
  env: Record<string, string>;
  front: RunningHub;
  writer: RunningHub;
  admin: string;
  maryam: { token: string; userId: string };
  reza: { token: string; userId: string };
  customerId: string;
  emailConversation: string;
}

interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

async function call(
  hub: RunningHub,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const { token, body } = options;
  const contentType = options.contentType ?? (body === undefined ? undefined : 'application/json');
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const accepted = (answer: Answer, what: string) =>
  assert.ok(answer.status >= 200 && answer.status < 300, `${what}: ${answer.status} ${JSON.stringify(answer.body)}`);

const signIn = async (hub: RunningHub, email: string, password: string) => {
  const answer = await call(hub, 'POST', '/v1/auth/sign-in', { body: { email, password } });
  assert.is(answer.status, 200, JSON.stringify(answer.body));
  return { token: answer.body.token as string, userId: (answer.body.user as { userId: string }).userId };
};

interface InboxItem {
  id: string;
  channel: string;
  customerId: string;
  revision: number;
  messageCount: number;
  status: string;
}
interface Item {
  kind: string;
  interactionId: string | null;
  data: { direction?: string };
  message?: { text: string };
  delivery?: { status: string; reason: string | null; outcomeUnknown: boolean };
}

const messagesIn = (conversations: readonly InboxItem[]) => conversations.reduce((n, c) => n + c.messageCount, 0);

const inboxOf = async (context: Context, customerId: string) =>
  (
    await call(context.front, 'GET', `/v1/inbox?status=all&customer=${customerId}`, {
      token: context.maryam.token,
    })
  ).body.conversations as InboxItem[];

const itemsOf = async (context: Context, conversationId: string) =>
  (await call(context.front, 'GET', `/v1/conversations/${conversationId}`, { token: context.maryam.token })).body
    .items as Item[];

const postEmail = async (context: Context, message: string) =>
  accepted(
    await call(context.front, 'POST', '/v1/channels/email', {
      token: sharedSecrets.HUB_CHANNEL_TOKEN,
      body: message,
      contentType: 'message/rfc822',
    }),
    'the email intake',
  );

const telegramUpdate = (updateId: number, message: Record<string, unknown>) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: SARA.telegramId, type: 'private', first_name: 'Sara' },
    from: { id: SARA.telegramId, is_bot: false, first_name: 'Sara' },
    ...message,
  },
});

const scenario = suite<Context>('the agent workspace on Kafka + PostgreSQL, the hub as processes');
scenario.before(
  loudHook(async (context) => {
    context.kafka = await provideKafka();
    context.database = await createTestDatabase({ prefix: 'agent_kafka' });
    context.relay = await startLocalSmtpRelay();
    let messageId = 7000;
    context.botApi = await startLocalHttpProvider((request) =>
      telegram.sent(messageId++, String((request.body as { chat_id?: unknown }).chat_id)),
    );
    context.env = {
      ...sharedSecrets,
      ...singleBrokerDurability,
      DATABASE_URL: context.database.url,
      KAFKA_BROKERS: context.kafka.brokers.join(','),
      HUB_KAFKA_TOPIC: `agent-kafka-${randomBytes(4).toString('hex')}`,
      // One partition: the test's interactions are written in the order they were sent.
      HUB_KAFKA_PARTITIONS: '1',
      HUB_ADMIN_EMAIL: ADMIN.email,
      HUB_ADMIN_PASSWORD: ADMIN.password,
      HUB_SMTP_RELAY_URL: context.relay.url,
      HUB_REPLY_FROM: 'support@shop.example',
      TELEGRAM_SECRET_TOKEN: TELEGRAM_SECRET,
      TELEGRAM_API_URL: context.botApi.url,
      TELEGRAM_BOT_TOKEN: '123456:test-bot-token',
      ...websiteChatEnv,
    };
    context.front = await runHub({ ...context.env, HUB_ROLES: 'gateway,api,projector' });
    context.writer = await runHub({ ...context.env, HUB_ROLES: 'writer' });
    await Promise.all([started(context.front), started(context.writer)]);
    context.admin = (await signIn(context.front, ADMIN.email, ADMIN.password)).token;
    for (const email of ['maryam@shop.example', 'reza@shop.example']) {
      const created = await call(context.front, 'POST', '/v1/users', {
        token: context.admin,
        body: { email, displayName: email.split('@')[0], role: 'agent', password: 'a-long-password-123' },
      });
      assert.is(created.status, 201, JSON.stringify(created.body));
    }
    context.maryam = await signIn(context.front, 'maryam@shop.example', 'a-long-password-123');
    context.reza = await signIn(context.front, 'reza@shop.example', 'a-long-password-123');
  }),
);
scenario.after(async (context) => {
  for (const hub of [context.front, context.writer]) if (hub && hub.child.exitCode === null) hub.child.kill('SIGTERM');
  await Promise.all([context.front?.exited, context.writer?.exited]);
  await context.relay?.stop();
  await context.botApi?.stop();
  await context.database?.drop();
  await context.kafka?.stop();
});

scenario(
  'an email, a call and chats from one person: the agent finds one customer and her conversations',
  async (context) => {
    await postEmail(context, customerMail('order-q@mail.example', 'سفارش ۱۲۳۴', 'سفارش ۱۲۳۴ من کجاست؟'));
    // The email must be written before the chat names her address, or the chat would come first.
    const byEmail = await waitFor(
      async () => {
        const found = await call(context.front, 'GET', `/v1/customers/lookup?email=${SARA.email}`, {
          token: context.maryam.token,
        });
        return found.status === 200 ? (found.body.id as string) : undefined;
      },
      { timeoutMs: 30_000, what: 'the customer of the email' },
    );
    await chatOnWebsite(context.front.url, {
      visitor: { email: SARA.email, phone: SARA.phone, name: 'Sara Rezaei' },
      text: 'سلام، درباره سفارش ۱۲۳۴ پیام دادم',
    });
    // Her chat in the inbox before she calls: a call joins the caller's conversation active within
    // the last 30 minutes, so it is filed by what the inbox shows when it arrives.
    await waitFor(async () => (messagesIn(await inboxOf(context, byEmail)) === 3 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'her email and her website chat (the identify and the message) in the inbox',
    });
    accepted(
      await call(context.front, 'POST', '/v1/channels/phone/calls', {
        token: sharedSecrets.HUB_CHANNEL_TOKEN,
        body: {
          callId: 'call-1234',
          system: 'shop-pbx',
          from: SARA.phone,
          to: '+982188776655',
          direction: 'inbound',
          startedAt: new Date(Date.now() - 180_000).toISOString(),
          answeredAt: new Date(Date.now() - 170_000).toISOString(),
          endedAt: new Date().toISOString(),
          durationSeconds: 180,
          outcome: 'answered',
          customerName: 'Sara Rezaei',
        },
      }),
      'the call log',
    );
    for (const [updateId, message] of [
      [501, { contact: { phone_number: SARA.phone.slice(1), first_name: 'Sara', user_id: SARA.telegramId } }],
      [502, { text: 'فاکتور سفارش را هم بفرستید' }],
    ] as const) {
      accepted(
        await call(context.front, 'POST', '/v1/channels/chat/telegram', {
          headers: { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
          body: telegramUpdate(updateId, message),
        }),
        'the Telegram webhook',
      );
    }

    // One customer, found by any of her identifiers.
    for (const query of [
      `email=${SARA.email}`,
      `phone=${encodeURIComponent(SARA.phone)}`,
      `handle=telegram:${SARA.telegramId}`,
    ]) {
      const found = await waitFor(
        async () => {
          const answer = await call(context.front, 'GET', `/v1/customers/lookup?${query}`, {
            token: context.maryam.token,
          });
          return answer.status === 200 ? answer.body : undefined;
        },
        { timeoutMs: 30_000, what: `the customer by ${query}` },
      );
      assert.is(found.id, byEmail, `${query} finds the same customer`);
    }
    const search = await call(context.front, 'GET', `/v1/customers?q=${encodeURIComponent('Sara')}`, {
      token: context.maryam.token,
    });
    assert.equal(
      (search.body.customers as { id: string }[]).map((c) => c.id),
      [byEmail],
      'the search finds one Sara',
    );
    context.customerId = byEmail;

    // Her conversations in the inbox: the email thread; the website chat (the contact details she
    // gave, her message, and the call, which joined the conversation she was active in minutes
    // before); the Telegram chat (her shared contact and her message).
    const conversations = await waitFor(
      async () => {
        const found = await inboxOf(context, byEmail);
        return messagesIn(found) === 6 ? found : undefined;
      },
      { timeoutMs: 30_000, what: 'her six messages in the inbox' },
    );
    assert.ok(
      conversations.every((c) => c.customerId === byEmail),
      'every conversation is hers',
    );
    const texts = async (conversation: InboxItem) =>
      (await itemsOf(context, conversation.id)).flatMap((i) => (i.kind === 'message' ? [i.message?.text.trim()] : []));
    const threads = await Promise.all(
      conversations.map(async (c) => ({ channel: c.channel, texts: (await texts(c)).join(' | ') })),
    );
    assert.equal(
      threads.sort((a, b) => a.texts.localeCompare(b.texts)),
      [
        { channel: 'chat', texts: ' | فاکتور سفارش را هم بفرستید' },
        {
          channel: 'chat',
          texts: ' | سلام، درباره سفارش ۱۲۳۴ پیام دادم | Inbound call from +989121234567: answered, 3 min 0 s',
        },
        { channel: 'email', texts: 'سفارش ۱۲۳۴ من کجاست؟' },
      ].sort((a, b) => a.texts.localeCompare(b.texts)),
    );
    const email = conversations.find((c) => c.channel === 'email');
    assert.ok(email);
    context.emailConversation = email.id;
  },
);

scenario(
  'the agent replies by email, threaded; the customer’s answer lands in the same conversation',
  async (context) => {
    const { relay } = context;
    const sent = await call(context.front, 'POST', `/v1/conversations/${context.emailConversation}/replies`, {
      token: context.maryam.token,
      body: { text: 'سفارش شما فردا می‌رسد.' },
    });
    assert.is(sent.status, 202, JSON.stringify(sent.body));
    assert.is(sent.body.channel, 'email');
    const raw = await waitFor(async () => relay.messages[0], { timeoutMs: 30_000, what: 'the reply at the relay' });
    const message = await simpleParser(raw);
    assert.is(message.messageId, `<reply-${sent.body.replyId}@shop.example>`);
    assert.is(message.inReplyTo, '<order-q@mail.example>');
    assert.match(String(message.references), 'order-q@mail.example');
    assert.is(message.subject, 'Re: سفارش ۱۲۳۴');
    assert.match(message.text ?? '', 'سفارش شما فردا می‌رسد.');

    // Sara answers from her mail client: In-Reply-To our message, References the chain.
    const ours = message.messageId ?? '';
    await postEmail(
      context,
      customerMail('order-a@mail.example', 'Re: سفارش ۱۲۳۴', 'ممنون!', {
        inReplyTo: ours,
        references: `<order-q@mail.example> ${ours}`,
      }),
    );
    const items = await waitFor(
      async () => {
        const found = await itemsOf(context, context.emailConversation);
        return found.filter((i) => i.kind === 'message').length === 3 &&
          found.some((i) => i.delivery?.status === 'sent')
          ? found
          : undefined;
      },
      { timeoutMs: 30_000, what: 'her answer in the conversation and our reply recorded as sent' },
    );
    assert.equal(
      items.filter((i) => i.kind === 'message').map((i) => i.data.direction),
      ['inbound', 'outbound', 'inbound'],
    );
    assert.is(
      (await inboxOf(context, context.customerId)).filter((c) => c.channel === 'email').length,
      1,
      'no new email conversation',
    );
    assert.is(relay.messages.length, 1, 'sent once');
  },
);

scenario('the agent replies on Telegram: the Bot API records one sendMessage to her chat', async (context) => {
  const chats = (await inboxOf(context, context.customerId)).filter((c) => c.channel === 'chat');
  let chat: InboxItem | undefined;
  for (const candidate of chats) {
    const texts = (await itemsOf(context, candidate.id)).map((i) => i.message?.text.trim());
    if (texts.includes('فاکتور سفارش را هم بفرستید')) chat = candidate;
  }
  assert.ok(chat, 'the Telegram chat is in the inbox');
  const sent = await call(context.front, 'POST', `/v1/conversations/${chat.id}/replies`, {
    token: context.maryam.token,
    body: { text: 'فاکتور را فرستادیم.' },
  });
  assert.is(sent.status, 202, JSON.stringify(sent.body));
  assert.is(sent.body.channel, 'telegram');
  const request = await waitFor(async () => context.botApi.requests[0], {
    timeoutMs: 30_000,
    what: 'the sendMessage call',
  });
  assert.is(request.path, '/bot123456:test-bot-token/sendMessage');
  assert.is(String(request.body.chat_id), String(SARA.telegramId));
  assert.is(request.body.text, 'فاکتور را فرستادیم.');
  await waitFor(
    async () => ((await itemsOf(context, chat.id)).some((i) => i.delivery?.status === 'sent') ? true : undefined),
    { timeoutMs: 30_000, what: 'the Telegram reply recorded as sent' },
  );
  assert.is(context.botApi.requests.length, 1, 'called once');
});

scenario('a colleague’s stale change gets 409 with the current state; the agent resolves', async (context) => {
  const path = `/v1/conversations/${context.emailConversation}`;
  const seen = (await call(context.front, 'GET', path, { token: context.maryam.token })).body.revision as number;
  const first = await call(context.front, 'POST', `${path}/priority`, {
    token: context.maryam.token,
    body: { revision: seen, priority: 'high' },
  });
  assert.is(first.status, 200, JSON.stringify(first.body));
  const stale = await call(context.front, 'POST', `${path}/priority`, {
    token: context.reza.token,
    body: { revision: seen, priority: 'low' },
  });
  assert.is(stale.status, 409);
  assert.match(stale.contentType, 'application/problem+json');
  assert.is(stale.body.currentRevision, first.body.revision);
  assert.is((stale.body.current as { priority: string }).priority, 'high');

  const resolved = await call(context.front, 'POST', `${path}/status`, {
    token: context.maryam.token,
    body: { revision: first.body.revision, status: 'resolved' },
  });
  assert.is(resolved.status, 200, JSON.stringify(resolved.body));
  const view = await waitFor(
    async () => {
      const body = (await call(context.front, 'GET', path, { token: context.reza.token })).body;
      return body.status === 'resolved' ? body : undefined;
    },
    { timeoutMs: 30_000, what: 'the conversation resolved in the read model' },
  );
  assert.is(view.priority, 'high', 'the stale change wrote nothing');
});

scenario('on resolve she gets a rating link by email; her answer is recorded on the conversation', async (context) => {
  const { relay } = context;
  const request = await waitFor(
    async () => {
      for (const raw of relay.messages) {
        const parsed = await simpleParser(raw);
        if (parsed.text?.includes('/v1/csat/')) return parsed;
      }
      return undefined;
    },
    { timeoutMs: 60_000, what: 'the rating request at the SMTP relay' },
  );
  assert.is(request.to && 'text' in request.to ? request.to.text : '', 'sara@example.ir');
  const token = /\/v1\/csat\/(\S+)/.exec(request.text ?? '')?.[1];
  assert.ok(token, request.text);
  const rated = await call(context.front, 'POST', `/v1/csat/${token}`, { body: { rating: 5, comment: 'عالی بود' } });
  assert.is(rated.status, 201, JSON.stringify(rated.body));
  const path = `/v1/conversations/${context.emailConversation}`;
  await waitFor(
    async () =>
      (await call(context.front, 'GET', path, { token: context.maryam.token })).body.csatRating === 5
        ? true
        : undefined,
    { timeoutMs: 30_000, what: 'the rating shown on the conversation' },
  );
  const again = await call(context.front, 'POST', `/v1/csat/${token}`, { body: { rating: 1 } });
  assert.is(again.status, 409, 'one rating per resolution');
  assert.is(
    relay.messages.filter((raw) => raw.toString().includes('/v1/csat/')).length,
    1,
    'one rating request, sent once',
  );
});

scenario(
  'the writer killed (SIGKILL) mid-batch: every reply reaches the relay once; the one in flight is shown as outcome unknown',
  async (context) => {
    const { relay } = context;
    const before = relay.messages.length;
    relay.setDelay(1_500);
    const replyIds: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const sent = await call(context.front, 'POST', `/v1/conversations/${context.emailConversation}/replies`, {
        token: context.maryam.token,
        body: { text: `پیگیری شماره ${i}` },
      });
      assert.is(sent.status, 202, JSON.stringify(sent.body));
      replyIds.push(sent.body.replyId as string);
    }
    // Killed in the one window a worker cannot see through: the relay has a whole message (the
    // end-of-data dot) and holds its answer, after at least one reply of the batch arrived. Killed
    // any earlier, the reply would be sent by the next worker (the dot not sent) or, between the
    // recorded attempt and the dot, shown as outcome unknown without having arrived.
    await waitFor(async () => (relay.messages.length > before && relay.answersHeld() === 1 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 10,
      what: 'a reply of the batch at the relay, its answer held',
    });
    context.writer.child.kill('SIGKILL');
    const killedAt = Date.now();
    const deliveredBefore = relay.messages.length - before;
    await context.writer.exited;
    relay.setDelay(0);

    context.writer = await runHub({ ...context.env, HUB_ROLES: 'writer' });
    await started(context.writer);
    const deliveries = await waitFor(
      async () => {
        const items = await itemsOf(context, context.emailConversation);
        const byReply = new Map(items.map((i) => [i.interactionId, i.delivery]));
        const states = replyIds.map((id) => byReply.get(id));
        // Settled: sent or failed; queued and sending are still under way.
        return states.every((d) => d?.status === 'sent' || d?.status === 'failed') ? states : undefined;
      },
      { timeoutMs: 60_000, what: 'every reply of the batch settled after the restart' },
    );
    process.stderr.write(`batch settled ${Date.now() - killedAt} ms after the kill\n`);

    // What the relay received: Message-IDs, each reply's derived from its id.
    const ids = await Promise.all(
      relay.messages.slice(before).map(async (raw) => (await simpleParser(raw)).messageId ?? ''),
    );
    assert.is(ids.length, new Set(ids).size, 'a reply reached the relay twice');

    // They arrive in the order the agent wrote them, the one in flight included.
    assert.equal(
      ids,
      replyIds.map((id) => `<reply-${id}@shop.example>`),
    );

    // The one in flight: the relay kept it (it had the whole message, like a relay that queued it
    // before answering), but its 250 never reached the killed worker, so the hub cannot know. It
    // is not sent again; the agent sees it failed with the outcome unknown, to confirm.
    const unknown = deliveries[deliveredBefore];
    assert.is(unknown?.status, 'failed');
    assert.is(unknown?.outcomeUnknown, true);

    // Every other reply: delivered exactly once and shown as sent.
    assert.equal(
      deliveries.map((d) => d?.status),
      replyIds.map((_, i) => (i === deliveredBefore ? 'failed' : 'sent')),
    );
  },
);

scenario.run();
