import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import {
  type LocalHttpProvider,
  type LocalSmtpRelay,
  startLocalHttpProvider,
  startLocalSmtpRelay,
  telegram,
} from '@hub/replies/testing';
import { loudHook, waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { CHANNEL_TOKEN, customerMail, postEmail, signIn } from './testing/agent-workspace.fixture.ts';

// Agents answer on the customer's channel, through the outbox: an email reply threaded so the
// customer's answer comes back into the same conversation, and a Telegram reply. The providers are
// local servers: an SMTP relay, and an HTTP server answering in the Telegram Bot API's format.

const TELEGRAM_SECRET = 'telegram-secret-for-tests';
const ADMIN_PASSWORD = 'admin-password-for-tests-1';

interface Context {
  hub: ComposedHub;
  dataDir: string;
  relay: LocalSmtpRelay;
  botApi: LocalHttpProvider;
  token: string;
}

const agent = (context: Context, method: 'GET' | 'POST', url: string, body?: unknown) =>
  context.hub.app
    .inject({
      method,
      url,
      headers: { authorization: `Bearer ${context.token}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    })
    .then((response) => ({ status: response.statusCode, body: response.json() as Record<string, unknown> }));

interface Item {
  kind: string;
  interactionId: string | null;
  data: { direction?: string };
  delivery?: { status: string };
}
const conversationsOf = async (context: Context) =>
  (await agent(context, 'GET', '/v1/inbox?status=all')).body.conversations as { id: string; channel: string }[];

const replies = suite<Context>('replies on the customer’s channel, through the outbox (local provider servers)');
replies.before(
  loudHook(async (context) => {
    context.relay = await startLocalSmtpRelay();
    context.botApi = await startLocalHttpProvider((request) =>
      telegram.sent(7001, String((request.body as { chat_id?: unknown }).chat_id)),
    );
    context.dataDir = await mkdtemp(join(tmpdir(), 'hub-replies-'));
    context.hub = await composeHub(
      loadConfig({
        HUB_DATA_DIR: context.dataDir,
        HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
        HUB_AGENT_TOKEN: 'agent-token-for-tests-456789',
        HUB_MASTER_KEY: randomBytes(32).toString('base64'),
        HUB_ADMIN_EMAIL: 'admin@shop.example',
        HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
        HUB_SMTP_RELAY_URL: context.relay.url,
        HUB_REPLY_FROM: 'support@shop.example',
        TELEGRAM_SECRET_TOKEN: TELEGRAM_SECRET,
        TELEGRAM_API_URL: context.botApi.url,
        TELEGRAM_BOT_TOKEN: '123456:test-bot-token',
      }),
      silentLogger(),
    );
    context.token = (await signIn(context.hub, 'admin@shop.example', ADMIN_PASSWORD)).token;
  }),
);
replies.after(async ({ hub, dataDir, relay, botApi }) => {
  await hub?.stop();
  await relay?.stop();
  await botApi?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

replies(
  'an email reply reaches the relay threaded, and the customer’s answer lands in the same conversation',
  async (context) => {
    const { hub, relay } = context;
    await postEmail(hub, customerMail('order-q@mail.example', 'سفارش ۱۲۳۴', 'سفارش من کجاست؟'));
    await hub.projectionCaughtUp();
    const [conversation] = await conversationsOf(context);
    assert.ok(conversation);
    const sent = await agent(context, 'POST', `/v1/conversations/${conversation.id}/replies`, {
      text: 'سفارش شما فردا می‌رسد.',
    });
    assert.is(sent.status, 202, JSON.stringify(sent.body));
    assert.is(sent.body.channel, 'email');

    const raw = await waitFor(async () => relay.messages[0], {
      timeoutMs: 20_000,
      what: 'the reply at the SMTP relay',
    });
    const message = await simpleParser(raw);
    assert.is(message.inReplyTo, '<order-q@mail.example>');
    assert.match(String(message.references), 'order-q@mail.example');
    assert.is(message.subject, 'Re: سفارش ۱۲۳۴');
    assert.is(message.to && 'text' in message.to ? message.to.text : '', 'sara@example.ir');
    assert.match(message.text ?? '', 'سفارش شما فردا می‌رسد.');

    // Sara answers our reply from her mail client: In-Reply-To our message, References the chain.
    const ours = message.messageId ?? '';
    await postEmail(
      hub,
      customerMail('order-a@mail.example', 'Re: سفارش ۱۲۳۴', 'ممنون!', {
        inReplyTo: ours,
        references: `<order-q@mail.example> ${ours}`,
      }),
    );
    await hub.projectionCaughtUp();
    assert.equal(
      (await conversationsOf(context)).map((c) => c.id),
      [conversation.id],
      'still one conversation',
    );
    const view = await waitFor(
      async () => {
        const body = (await agent(context, 'GET', `/v1/conversations/${conversation.id}`)).body;
        const items = body.items as Item[];
        return items.some((i) => i.delivery?.status === 'sent') ? items : undefined;
      },
      { timeoutMs: 20_000, what: 'the reply recorded as sent' },
    );
    assert.equal(
      view.filter((i) => i.kind === 'message').map((i) => i.data.direction),
      ['inbound', 'outbound', 'inbound'],
    );
    assert.is(relay.messages.length, 1, 'sent once');
  },
);

replies('a Telegram reply calls the Bot API’s sendMessage once, to the customer’s chat', async (context) => {
  const { hub, botApi } = context;
  const update = {
    update_id: 9001,
    message: {
      message_id: 55,
      date: 1_796_461_200,
      chat: { id: 424242, type: 'private', first_name: 'Reza' },
      from: { id: 424242, is_bot: false, first_name: 'Reza' },
      text: 'سلام، فاکتور من را بفرستید',
    },
  };
  const accepted = await hub.app.inject({
    method: 'POST',
    url: '/v1/channels/chat/telegram',
    headers: { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
    payload: update,
  });
  assert.is(accepted.statusCode, 200, accepted.body);
  await hub.projectionCaughtUp();
  const conversation = (await conversationsOf(context)).find((c) => c.channel === 'chat');
  assert.ok(conversation);
  const sent = await agent(context, 'POST', `/v1/conversations/${conversation.id}/replies`, { text: 'فرستادیم.' });
  assert.is(sent.status, 202, JSON.stringify(sent.body));
  assert.is(sent.body.channel, 'telegram');
  const call = await waitFor(async () => botApi.requests[0], { timeoutMs: 20_000, what: 'the sendMessage call' });
  assert.is(call.path, '/bot123456:test-bot-token/sendMessage');
  assert.is(String(call.body.chat_id), '424242');
  assert.is(call.body.text, 'فرستادیم.');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.is(botApi.requests.length, 1, 'called once');
});

replies(
  'a reply is refused with problem+json when it is empty, too long, or for no conversation; nothing is sent',
  async (context) => {
    const [conversation] = await conversationsOf(context);
    assert.ok(conversation);
    const before = context.relay.messages.length + context.botApi.requests.length;
    for (const [body, status] of [
      [{ text: '' }, 400],
      [{ text: 'x'.repeat(100_001) }, 400],
      [{ text: 42 }, 400],
    ] as const) {
      const response = await agent(context, 'POST', `/v1/conversations/${conversation.id}/replies`, body);
      assert.is(response.status, status);
    }
    const missing = await agent(context, 'POST', '/v1/conversations/00000000-0000-4000-8000-000000000000/replies', {
      text: 'hello',
    });
    assert.is(missing.status, 404);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.is(context.relay.messages.length + context.botApi.requests.length, before);
  },
);

replies.run();
