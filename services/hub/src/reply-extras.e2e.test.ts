import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEvent, teamStream } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { type LocalSmtpRelay, startLocalSmtpRelay } from '@hub/replies/testing';
import { loudHook, waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import {
  CHANNEL_TOKEN,
  chatOnWebsite,
  customerMail,
  openLive,
  postEmail,
  signIn,
  websiteChatEnv,
} from './testing/agent-workspace.fixture.ts';

// What agents do around a reply, on the embedded default with a local SMTP relay: canned responses
// with placeholders, files attached to an email reply, a failed reply shown with the relay's
// reason and sent again once on retry, delivery news over server-sent events, and a team's
// conversation kept from agents of other teams.

const ADMIN_PASSWORD = 'admin-password-for-tests-1';
const PASSWORD = 'a-long-password-123';
const MAX_ATTACHMENT_BYTES = 64 * 1024;

interface Context {
  hub: ComposedHub;
  dataDir: string;
  relay: LocalSmtpRelay;
  base: string;
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'otherAgent' | 'analyst', string>;
  agentId: string;
  conversationId: string;
}

type Role = keyof Context['tokens'];

async function call(
  context: Context,
  role: Role | 'nobody',
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  contentType = 'application/json',
) {
  const token = role === 'nobody' ? undefined : context.tokens[role];
  const response = await context.hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    ...(body === undefined
      ? {}
      : { payload: Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type']),
    body: (response.body ? response.json() : {}) as Record<string, unknown>,
  };
}

interface ReplyItem {
  kind: string;
  interactionId: string | null;
  reply?: {
    replyId: string;
    channel: string;
    text: string;
    attachments: { filename: string }[];
    delivery: { status: string; reason: string | null; providerCode: string | null; attempts: number };
  };
}

const replyInView = async (context: Context, replyId: string) => {
  const view = await call(context, 'agent', 'GET', `/v1/conversations/${context.conversationId}`);
  return (view.body.items as ReplyItem[]).find((item) => item.interactionId === replyId)?.reply;
};

const waitForDelivery = (context: Context, replyId: string, status: string) =>
  waitFor(
    async () => {
      const reply = await replyInView(context, replyId);
      return reply?.delivery.status === status ? reply : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50, what: `the reply ${status}` },
  );

const sendReply = async (context: Context, body: Record<string, unknown>) => {
  const sent = await call(context, 'agent', 'POST', `/v1/conversations/${context.conversationId}/replies`, body);
  assert.is(sent.status, 202, JSON.stringify(sent.body));
  return sent.body.replyId as string;
};

const nextMessage = async (relay: LocalSmtpRelay, index: number) =>
  simpleParser(await waitFor(async () => relay.messages[index], { timeoutMs: 20_000, what: 'a message at the relay' }));

/** A subscriber of `GET /v1/live` signed in with this role's token. */
const openLiveAs = (context: Context, role: Role) => openLive(context.base, context.tokens[role]);

const problemJson = (response: { contentType: string }) => response.contentType.startsWith('application/problem+json');

const extras = suite<Context>('canned responses, attachments, retries and live delivery news (local SMTP relay)');
extras.before(
  loudHook(async (context) => {
    context.relay = await startLocalSmtpRelay();
    context.dataDir = await mkdtemp(join(tmpdir(), 'hub-reply-extras-'));
    context.hub = await composeHub(
      loadConfig({
        HUB_DATA_DIR: context.dataDir,
        HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
        HUB_MASTER_KEY: randomBytes(32).toString('base64'),
        HUB_ADMIN_EMAIL: 'admin@shop.example',
        HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
        HUB_SMTP_RELAY_URL: context.relay.url,
        HUB_REPLY_FROM: 'support@shop.example',
        HUB_REPLY_ATTACHMENT_MAX_BYTES: String(MAX_ATTACHMENT_BYTES),
        ...websiteChatEnv,
      }),
      silentLogger(),
    );
    await context.hub.app.listen({ port: 0, host: '127.0.0.1' });
    context.base = `http://127.0.0.1:${(context.hub.app.server.address() as AddressInfo).port}`;
    const admin = (await signIn(context.hub, 'admin@shop.example', ADMIN_PASSWORD)).token;
    context.tokens = { admin, supervisor: '', agent: '', otherAgent: '', analyst: '' };
    for (const [role, email, kind] of [
      ['supervisor', 'sima@shop.example', 'supervisor'],
      ['agent', 'maryam@shop.example', 'agent'],
      ['otherAgent', 'reza@shop.example', 'agent'],
      ['analyst', 'nika@shop.example', 'analyst'],
    ] as const) {
      const displayName = email.split('@')[0] as string;
      const created = await call(context, 'admin', 'POST', '/v1/users', {
        email,
        displayName,
        role: kind,
        password: PASSWORD,
      });
      assert.is(created.status, 201, JSON.stringify(created.body));
      const session = await signIn(context.hub, email, PASSWORD);
      context.tokens[role] = session.token;
      if (role === 'agent') context.agentId = session.userId;
    }
    await postEmail(context.hub, customerMail('late-order@mail.example', 'Order 1234', 'Where is my order?'));
    await context.hub.projectionCaughtUp();
    const inbox = await call(context, 'agent', 'GET', '/v1/inbox?status=all');
    const [conversation] = inbox.body.conversations as { id: string }[];
    assert.ok(conversation);
    context.conversationId = conversation.id;
  }),
);
extras.after(async ({ hub, dataDir, relay }) => {
  await hub?.stop();
  await relay?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

extras('a canned response’s placeholders are filled in the email the customer gets', async (context) => {
  const template = 'Dear {{customer.name}},\n{{agent.name}} here: your order ships tomorrow. Ref {{conversation.id}}';
  const created = await call(context, 'supervisor', 'POST', '/v1/canned-responses', {
    shortcut: '/late-order',
    title: 'Late order',
    text: template,
  });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const cannedResponseId = created.body.cannedResponseId as string;

  const listed = await call(context, 'agent', 'GET', '/v1/canned-responses');
  assert.equal(
    (listed.body.cannedResponses as { shortcut: string }[]).map((c) => c.shortcut),
    ['/late-order'],
  );
  const preview = await call(context, 'agent', 'POST', '/v1/canned-responses/preview', {
    conversationId: context.conversationId,
    cannedResponseId,
  });
  assert.is(preview.status, 200, JSON.stringify(preview.body));
  const expected = `Dear Sara Rezaei,\nmaryam here: your order ships tomorrow. Ref ${context.conversationId}`;
  assert.is(preview.body.text, expected);

  const before = context.relay.messages.length;
  const replyId = await sendReply(context, { cannedResponseId });
  const message = await nextMessage(context.relay, before);
  assert.is(message.text?.trim(), expected);
  assert.not.match(message.html || '', '{{', 'the HTML part is filled in too');
  const shown = await waitForDelivery(context, replyId, 'sent');
  assert.is(shown.text, expected, 'the conversation shows the words that were sent');

  // A misspelt placeholder is refused when the template is saved, naming it.
  const misspelt = await call(context, 'supervisor', 'POST', '/v1/canned-responses', {
    shortcut: '/typo',
    title: 'Typo',
    text: 'Dear {{customer.nmae}}',
  });
  assert.is(misspelt.status, 400);
  assert.match(String(misspelt.body.detail), '{{customer.nmae}}');
  const taken = await call(context, 'admin', 'POST', '/v1/canned-responses', {
    shortcut: '/LATE-ORDER',
    title: 'Again',
    text: 'x',
  });
  assert.is(taken.status, 409, 'a shortcut is unique');
});

extras('a file uploaded by the agent reaches the customer as a MIME part of the email reply', async (context) => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);
  const uploaded = await call(
    context,
    'agent',
    'POST',
    '/v1/attachments?filename=invoice-1234.pdf',
    pdf,
    'application/pdf',
  );
  assert.is(uploaded.status, 201, JSON.stringify(uploaded.body));
  const before = context.relay.messages.length;
  const replyId = await sendReply(context, {
    text: 'Your invoice is attached.',
    attachments: [{ id: uploaded.body.id, filename: 'invoice-1234.pdf' }],
  });
  const message = await nextMessage(context.relay, before);
  assert.is(message.attachments.length, 1);
  const [part] = message.attachments;
  assert.is(part?.filename, 'invoice-1234.pdf');
  assert.is(part?.contentType, 'application/pdf');
  assert.ok(part?.content.equals(pdf), 'the bytes arrive unchanged');
  const shown = await waitForDelivery(context, replyId, 'sent');
  assert.is(shown.text, 'Your invoice is attached.');
  assert.equal(
    shown.attachments.map((a) => a.filename),
    ['invoice-1234.pdf'],
  );
});

extras('a reply the relay refuses shows failed with its reason; a retry sends it once', async (context) => {
  const { relay } = context;
  relay.refuse(550, '5.1.1 mailbox unavailable');
  const replyId = await sendReply(context, { text: 'Sorry for the wait.' });
  const failed = await waitForDelivery(context, replyId, 'failed');
  assert.match(String(failed.delivery.reason), 'mailbox unavailable');
  assert.is(failed.delivery.providerCode, '550');

  relay.accept();
  const before = relay.messages.length;
  const retried = await call(context, 'agent', 'POST', `/v1/replies/${replyId}/retry`, {});
  assert.is(retried.status, 202, JSON.stringify(retried.body));
  const again = await call(context, 'agent', 'POST', `/v1/replies/${replyId}/retry`, {});
  assert.is(again.status, 409, 'a second click does not make a second send');
  assert.ok(problemJson(again));
  const sent = await waitForDelivery(context, replyId, 'sent');
  assert.is(sent.delivery.attempts, 2);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.is(relay.messages.length, before + 1, 'sent once');
  const message = await simpleParser(relay.messages[before] as Buffer);
  assert.match(message.text ?? '', 'Sorry for the wait.');

  const unneeded = await call(context, 'agent', 'POST', `/v1/replies/${replyId}/confirmation`, { delivered: true });
  assert.is(unneeded.status, 409, 'only an unknown outcome needs a confirmation');
});

extras('a subscriber hears of a reply’s delivery within a second of the relay taking it', async (context) => {
  const live = await openLiveAs(context, 'agent');
  const before = context.relay.messages.length;
  const replyId = await sendReply(context, { text: 'On its way.' });
  await waitFor(async () => context.relay.messages[before], { timeoutMs: 20_000, intervalMs: 5, what: 'the relay' });
  const relayedAt = Date.now();
  const frame = await waitFor(
    async () => live.frames.find((f) => f.event === 'ReplySent' && f.about.replyId === replyId),
    {
      timeoutMs: 5_000,
      intervalMs: 5,
      what: 'the ReplySent announcement',
    },
  );
  live.close();
  assert.is(frame.about.conversationId, context.conversationId);
  assert.ok(frame.at - relayedAt < 1_000, `announced ${frame.at - relayedAt} ms after the relay took it`);
});

extras('once a conversation belongs to a team, an agent of another team no longer hears of it', async (context) => {
  const { hub } = context;
  // Teams have no API yet: the team and its member are recorded as the routing decider would.
  const admin = { kind: 'system', process: 'test' } as const;
  await hub.store.appendToStream(teamStream('sales'), [
    encodeEvent(
      { type: 'TeamCreated', data: { teamId: 'sales', name: 'Sales', maxOpenPerAgent: 10, actor: admin } },
      { id: randomUUID(), occurredAt: new Date() },
    ),
    encodeEvent(
      { type: 'TeamMemberAdded', data: { teamId: 'sales', userId: context.agentId, actor: admin } },
      { id: randomUUID(), occurredAt: new Date() },
    ),
  ]);
  await hub.projectionCaughtUp();
  const current = await call(context, 'admin', 'GET', `/v1/conversations/${context.conversationId}`);
  const assigned = await call(context, 'admin', 'POST', `/v1/conversations/${context.conversationId}/assignment`, {
    revision: current.body.revision,
    agentId: null,
    teamId: 'sales',
  });
  assert.is(assigned.status, 200, JSON.stringify(assigned.body));

  const member = await openLiveAs(context, 'agent');
  const supervisor = await openLiveAs(context, 'supervisor');
  const outsider = await openLiveAs(context, 'otherAgent');
  const note = await call(context, 'admin', 'POST', `/v1/conversations/${context.conversationId}/notes`, {
    text: 'VIP customer',
  });
  assert.is(note.status, 201, JSON.stringify(note.body));
  // A conversation in no team is still everyone's: a new customer writes.
  await postEmail(
    hub,
    customerMail('other@mail.example', 'Another question', 'Hello').replace(
      'From: Sara Rezaei <sara@example.ir>',
      'From: Omid Karimi <omid@example.ir>',
    ),
  );
  const noted = (frames: typeof member.frames) =>
    frames.find((f) => f.event === 'ConversationNoteAdded' && f.about.conversationId === context.conversationId);
  const seen = await waitFor(async () => noted(member.frames), { timeoutMs: 10_000, what: 'the note, for a member' });
  assert.is(seen.about.teamId, 'sales');
  await waitFor(async () => noted(supervisor.frames), { timeoutMs: 10_000, what: 'the note, for a supervisor' });
  const opened = await waitFor(
    async () =>
      outsider.frames.find(
        (f) => f.event === 'ConversationOpened' && f.about.conversationId !== context.conversationId,
      ),
    { timeoutMs: 20_000, what: 'the new conversation (no team), for the outsider' },
  );
  assert.is(opened.about.teamId, undefined);
  assert.equal(
    outsider.frames.filter((f) => f.about.conversationId === context.conversationId),
    [],
    'nothing of the team’s conversation reaches an agent of another team',
  );
  for (const stream of [member, supervisor, outsider]) stream.close();
});

extras(
  'the agent may answer by the website chat the customer also wrote from, not by a way she never used',
  async (context) => {
    await chatOnWebsite(context.base, {
      visitor: { email: 'sara@example.ir', name: 'Sara Rezaei' },
      text: 'Any news about my order?',
    });
    await context.hub.projectionCaughtUp();
    const url = `/v1/conversations/${context.conversationId}`;
    const options = await call(context, 'agent', 'GET', `${url}/reply-options`);
    assert.is(options.status, 200, JSON.stringify(options.body));
    const listed = options.body.options as { channel: string; recipient: string; default: boolean }[];
    assert.equal(
      listed.map((o) => [o.channel, o.default]),
      [
        ['email', true],
        ['widget', false],
      ],
      'the email she wrote first, then the chat',
    );
    assert.is(listed[0]?.recipient, 'sara@example.ir');

    const before = (await call(context, 'agent', 'GET', url)).body;
    const refused = await call(context, 'agent', 'POST', `${url}/replies`, { text: 'Hello', channel: 'telegram' });
    assert.is(refused.status, 400);
    assert.ok(problemJson(refused));
    assert.match(String(refused.body.detail), 'cannot be reached by telegram here (email, widget can)');
    const unknown = await call(context, 'agent', 'POST', `${url}/replies`, { text: 'Hello', channel: 'pigeon' });
    assert.is(unknown.status, 400);
    assert.equal((await call(context, 'agent', 'GET', url)).body, before, 'nothing written');

    const sent = await call(context, 'agent', 'POST', `${url}/replies`, {
      text: 'It left the warehouse today',
      channel: 'widget',
    });
    assert.is(sent.status, 202, JSON.stringify(sent.body));
    assert.is(sent.body.channel, 'widget');
    const shown = await waitFor(async () => replyInView(context, sent.body.replyId as string), {
      timeoutMs: 10_000,
      what: 'the chat reply in the conversation',
    });
    assert.is(shown.text, 'It left the warehouse today');
    assert.is(shown.channel, 'widget');
  },
);

extras(
  'colleagues: every reader sees who can be mentioned and by which handle, and no email address',
  async (context) => {
    const listed = await call(context, 'analyst', 'GET', '/v1/colleagues');
    assert.is(listed.status, 200);
    const colleagues = listed.body.colleagues as Record<string, unknown>[];
    assert.ok(colleagues.some((c) => c.handle === 'maryam' && c.role === 'agent' && c.displayName === 'maryam'));
    assert.not.match(JSON.stringify(colleagues), '@shop.example', 'handles, not addresses');
  },
);

extras('bad input on every new endpoint: 4xx problem+json, nothing written', async (context) => {
  const { hub } = context;
  const cannedBefore = (await call(context, 'admin', 'GET', '/v1/canned-responses')).body.revision;
  const filesBefore = await hub.database.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.attachments');
  const nobody = '00000000-0000-4000-8000-000000000000';
  const cases: [string, Role | 'nobody', 'POST' | 'PUT', string, unknown, string, number][] = [
    ['canned: malformed JSON', 'admin', 'POST', '/v1/canned-responses', '{"shortcut":', 'application/json', 400],
    [
      'canned: text too long',
      'admin',
      'POST',
      '/v1/canned-responses',
      { shortcut: '/a', title: 'A', text: 'x'.repeat(20_001) },
      'application/json',
      400,
    ],
    [
      'canned: wrong type',
      'admin',
      'POST',
      '/v1/canned-responses',
      { shortcut: 7, title: 'A', text: 'x' },
      'application/json',
      400,
    ],
    [
      'canned: shortcut with spaces',
      'admin',
      'POST',
      '/v1/canned-responses',
      { shortcut: '/a b', title: 'A', text: 'x' },
      'application/json',
      400,
    ],
    [
      'canned: unauthenticated',
      'nobody',
      'POST',
      '/v1/canned-responses',
      { shortcut: '/a', title: 'A', text: 'x' },
      'application/json',
      401,
    ],
    [
      'canned: change, not an id',
      'admin',
      'PUT',
      '/v1/canned-responses/42',
      { shortcut: '/a', title: 'A', text: 'x' },
      'application/json',
      400,
    ],
    [
      'canned: change, unknown',
      'admin',
      'PUT',
      `/v1/canned-responses/${nobody}`,
      { shortcut: '/a', title: 'A', text: 'x' },
      'application/json',
      404,
    ],
    [
      'preview: wrong type',
      'agent',
      'POST',
      '/v1/canned-responses/preview',
      { conversationId: 1, cannedResponseId: nobody },
      'application/json',
      400,
    ],
    [
      'upload: too large',
      'agent',
      'POST',
      '/v1/attachments?filename=big.pdf',
      Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1),
      'application/pdf',
      413,
    ],
    [
      'upload: a type not allowed',
      'agent',
      'POST',
      '/v1/attachments?filename=run.exe',
      Buffer.from('MZ'),
      'application/x-msdownload',
      415,
    ],
    ['upload: no file name', 'agent', 'POST', '/v1/attachments', Buffer.from('hi'), 'text/plain', 400],
    [
      'upload: a path for a name',
      'agent',
      'POST',
      '/v1/attachments?filename=../../etc/passwd',
      Buffer.from('hi'),
      'text/plain',
      400,
    ],
    [
      'upload: unauthenticated',
      'nobody',
      'POST',
      '/v1/attachments?filename=a.txt',
      Buffer.from('hi'),
      'text/plain',
      401,
    ],
    [
      'reply: both text and canned',
      'agent',
      'POST',
      `/v1/conversations/${context.conversationId}/replies`,
      { text: 'x', cannedResponseId: nobody },
      'application/json',
      400,
    ],
    [
      'reply: unknown canned response',
      'agent',
      'POST',
      `/v1/conversations/${context.conversationId}/replies`,
      { cannedResponseId: nobody },
      'application/json',
      404,
    ],
    [
      'reply: a file never uploaded',
      'agent',
      'POST',
      `/v1/conversations/${context.conversationId}/replies`,
      { text: 'x', attachments: [{ id: 'a'.repeat(64), filename: 'a.pdf' }] },
      'application/json',
      400,
    ],
    [
      'reply: eleven files',
      'agent',
      'POST',
      `/v1/conversations/${context.conversationId}/replies`,
      { text: 'x', attachments: Array.from({ length: 11 }, () => ({ id: 'a'.repeat(64), filename: 'a.pdf' })) },
      'application/json',
      400,
    ],
    ['retry: not an id', 'agent', 'POST', '/v1/replies/42/retry', {}, 'application/json', 400],
    ['retry: unknown reply', 'agent', 'POST', `/v1/replies/${nobody}/retry`, {}, 'application/json', 404],
    ['retry: no body at all, unknown reply', 'agent', 'POST', `/v1/replies/${nobody}/retry`, undefined, '', 404],
    [
      'retry: unexpected field',
      'agent',
      'POST',
      `/v1/replies/${nobody}/retry`,
      { force: true },
      'application/json',
      400,
    ],
    [
      'confirmation: wrong type',
      'agent',
      'POST',
      `/v1/replies/${nobody}/confirmation`,
      { delivered: 'yes' },
      'application/json',
      400,
    ],
    [
      'confirmation: unauthenticated',
      'nobody',
      'POST',
      `/v1/replies/${nobody}/confirmation`,
      { delivered: true },
      'application/json',
      401,
    ],
  ];
  const problems: string[] = [];
  const relayed = context.relay.messages.length;
  for (const [what, role, method, url, body, contentType, status] of cases) {
    const response = await call(context, role, method, url, body, contentType);
    if (response.status !== status) problems.push(`${what}: ${response.status}, expected ${status}`);
    if (!problemJson(response)) problems.push(`${what}: not problem+json`);
  }
  assert.equal(problems, []);
  assert.is((await call(context, 'admin', 'GET', '/v1/canned-responses')).body.revision, cannedBefore);
  const filesAfter = await hub.database.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.attachments');
  assert.is(filesAfter[0]?.n, filesBefore[0]?.n, 'no file was kept');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  assert.is(context.relay.messages.length, relayed, 'no reply was sent');
});

// Every new endpoint against every role. Allowed calls name nothing that exists (404) or send
// what is refused (400), so the table writes nothing; a cell says only whether the role got in.
const nobodyId = '00000000-0000-4000-8000-000000000000';
const everyone = (status: number) => ({ agent: status, supervisor: status, analyst: status, admin: status });
const writers = (status: number) => ({ agent: status, supervisor: status, admin: status });
const managers = (status: number) => ({ supervisor: status, admin: status });
const endpoints: ReadonlyArray<{
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  contentType?: string;
  allowed: Record<string, number>;
}> = [
  { method: 'GET', url: '/v1/canned-responses', allowed: everyone(200) },
  { method: 'POST', url: '/v1/canned-responses', body: { shortcut: '' }, allowed: managers(400) },
  { method: 'PUT', url: `/v1/canned-responses/${nobodyId}`, body: { shortcut: '' }, allowed: managers(400) },
  { method: 'DELETE', url: `/v1/canned-responses/${nobodyId}`, allowed: managers(404) },
  {
    method: 'POST',
    url: '/v1/canned-responses/preview',
    body: { conversationId: nobodyId, cannedResponseId: nobodyId },
    allowed: everyone(404),
  },
  { method: 'POST', url: '/v1/attachments', body: 'hello', contentType: 'text/plain', allowed: writers(400) },
  { method: 'POST', url: `/v1/replies/${nobodyId}/retry`, body: {}, allowed: writers(404) },
  { method: 'POST', url: `/v1/replies/${nobodyId}/confirmation`, body: { delivered: true }, allowed: writers(404) },
  { method: 'GET', url: `/v1/conversations/${nobodyId}/reply-options`, allowed: everyone(404) },
  { method: 'GET', url: '/v1/conversations/not-a-uuid/reply-options', allowed: everyone(400) },
  { method: 'GET', url: '/v1/colleagues', allowed: everyone(200) },
];

extras('authorisation table: every role against every new endpoint', async (context) => {
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    for (const role of ['nobody', 'agent', 'supervisor', 'analyst', 'admin'] as const) {
      const response = await call(context, role, endpoint.method, endpoint.url, endpoint.body, endpoint.contentType);
      const expected = role === 'nobody' ? 401 : (endpoint.allowed[role] ?? 403);
      if (response.status !== expected)
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: ${response.status}, expected ${expected}`);
      if (response.status >= 400 && !problemJson(response))
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: not problem+json`);
    }
  }
  assert.equal(problems, []);
});

extras.run();
