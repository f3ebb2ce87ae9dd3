import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { loudHook, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import {
  createColleagues,
  customerMail,
  openLive,
  postEmail,
  signIn,
  startWorkspaceHub,
} from './testing/agent-workspace.fixture.ts';

// An agent's day on the embedded default: a customer's emails arrive and thread into one
// conversation in the inbox; agents sign in, read it, label, note, assign and resolve it; a
// colleague acting on what they saw before gets 409; the screen learns of changes live.

interface Context {
  hub: ComposedHub;
  dataDir: string;
  base: string;
  admin: string;
  agent: { token: string; userId: string };
  analyst: string;
}

async function call(hub: ComposedHub, method: 'GET' | 'POST' | 'DELETE', url: string, token: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown>, headers: response.headers };
}

interface InboxItem {
  id: string;
  revision: number;
  messageCount: number;
  status: string;
  labels: string[];
  assigneeId: string | null;
  customerName: string | null;
  preview: string | null;
}

const inbox = async (context: Context, query = '') =>
  (await call(context.hub, 'GET', `/v1/inbox${query}`, context.agent.token)).body as {
    conversations: InboxItem[];
  };

const workspace = suite<Context>('the agent workspace on the embedded default');
workspace.before(
  loudHook(async (context) => {
    ({
      hub: context.hub,
      dataDir: context.dataDir,
      admin: context.admin,
    } = await startWorkspaceHub('conversations', { HUB_AGENT_TOKEN: 'agent-token-for-tests-456789' }));
    await context.hub.app.listen({ port: 0, host: '127.0.0.1' });
    context.base = `http://127.0.0.1:${(context.hub.app.server.address() as AddressInfo).port}`;
    const colleagues = await createColleagues(context.hub, context.admin);
    context.agent = colleagues.maryam;
    context.analyst = colleagues.nika.token;
  }),
);
workspace.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

workspace(
  'a customer’s email and her reply to our answer are one conversation in the inbox, with their text',
  async (context) => {
    const { hub } = context;
    await postEmail(hub, customerMail('m1@mail.example', 'سفارش ۱۲۳۴', 'سلام، سفارش ۱۲۳۴ کجاست؟'));
    await postEmail(
      hub,
      customerMail('m2@mail.example', 'Re: سفارش ۱۲۳۴', 'هنوز نرسیده', {
        inReplyTo: '<m1@mail.example>',
        references: '<m1@mail.example>',
      }),
    );
    await postEmail(hub, customerMail('m3@mail.example', 'فاکتور', 'لطفا فاکتور بفرستید'));
    await hub.projectionCaughtUp();
    const { conversations } = await inbox(context);
    assert.equal(conversations.map((c) => c.messageCount).sort(), [1, 2]);
    const thread = conversations.find((c) => c.messageCount === 2) as InboxItem;
    assert.is(thread.customerName, 'Sara Rezaei', 'the row says who it is with');
    assert.is(thread.preview, 'Re: سفارش ۱۲۳۴', "and what was said last (the latest message's summary)");
    const view = await call(hub, 'GET', `/v1/conversations/${thread.id}`, context.agent.token);
    assert.is(view.status, 200);
    const texts = (view.body.items as { kind: string; message?: { text: string } }[])
      .filter((i) => i.kind === 'message')
      .map((i) => i.message?.text.trim());
    assert.equal(texts, ['سلام، سفارش ۱۲۳۴ کجاست؟', 'هنوز نرسیده']);
    const counts = await call(hub, 'GET', '/v1/inbox/counts', context.agent.token);
    assert.equal(counts.body, { mine: 0, unassigned: 2, open: 2, pending: 0, snoozed: 0, breached: 0 });
  },
);

workspace(
  'an agent labels, notes, takes and resolves it; each change names her and shows inline, in order',
  async (context) => {
    const { hub, agent } = context;
    const conversation = (await inbox(context)).conversations.find((c) => c.messageCount === 2);
    assert.ok(conversation);
    let revision = conversation.revision;
    const act = async (path: string, body: Record<string, unknown>) => {
      const response = await call(hub, 'POST', `/v1/conversations/${conversation.id}/${path}`, agent.token, {
        revision,
        ...body,
      });
      assert.ok(response.status < 300, `${path}: ${response.status} ${JSON.stringify(response.body)}`);
      revision = response.body.revision as number;
    };
    await act('labels', { label: 'delivery' });
    await act('notes', { text: 'پیگیری با انبار @reza' });
    await act('assignment', { agentId: agent.userId });
    await act('status', { status: 'resolved' });
    await hub.projectionCaughtUp();
    const view = await call(hub, 'GET', `/v1/conversations/${conversation.id}`, agent.token);
    const items = view.body.items as { kind: string; actor: { userId?: string }; data: Record<string, unknown> }[];
    assert.equal(
      items.map((i) => i.kind),
      // On resolve the hub asks her for a rating (CSAT): its own action, after hers.
      ['opened', 'message', 'message', 'label-added', 'note', 'assignment', 'status', 'csat-requested'],
    );
    for (const item of items.slice(3, -1)) assert.is(item.actor.userId, agent.userId, `${item.kind} names the agent`);
    const reza = (
      (await call(hub, 'GET', '/v1/users', context.admin)).body.users as { email: string; userId: string }[]
    ).find((u) => u.email === 'reza@shop.example');
    assert.equal(items[4]?.data.mentions, [reza?.userId], 'the mention names the colleague');
    assert.is(view.body.status, 'resolved');
    assert.is(view.body.revision, revision + 1, 'her changes, then the hub’s rating request');
    assert.equal(
      (await inbox(context, '?status=resolved&assignee=me')).conversations.map((c) => c.id),
      [conversation.id],
    );
  },
);

workspace(
  'a colleague who acts on what they saw before gets 409 with the current state, and nothing changes',
  async (context) => {
    const { hub } = context;
    const [conversation] = (await inbox(context)).conversations;
    assert.ok(conversation);
    const seen = conversation.revision;
    const first = await call(hub, 'POST', `/v1/conversations/${conversation.id}/priority`, context.agent.token, {
      revision: seen,
      priority: 'high',
    });
    assert.is(first.status, 200);
    const reza = await signIn(hub, 'reza@shop.example', 'a-long-password-123');
    const stale = await call(hub, 'POST', `/v1/conversations/${conversation.id}/priority`, reza.token, {
      revision: seen,
      priority: 'low',
    });
    assert.is(stale.status, 409);
    assert.match(String(stale.headers['content-type']), 'application/problem+json');
    assert.is(stale.body.currentRevision, first.body.revision);
    assert.is((stale.body.current as { priority: string }).priority, 'high');
    await hub.projectionCaughtUp();
    const after = await call(hub, 'GET', `/v1/conversations/${conversation.id}`, reza.token);
    assert.is(after.body.priority, 'high');
  },
);

workspace(
  'roles: an analyst reads but changes nothing; an agent cannot give a conversation to someone else',
  async (context) => {
    const { hub } = context;
    const [conversation] = (await inbox(context)).conversations;
    assert.ok(conversation);
    assert.is((await call(hub, 'GET', '/v1/inbox', context.analyst)).status, 200);
    const refused = await call(hub, 'POST', `/v1/conversations/${conversation.id}/status`, context.analyst, {
      revision: conversation.revision,
      status: 'pending',
    });
    assert.is(refused.status, 403);
    const reza = await signIn(hub, 'reza@shop.example', 'a-long-password-123');
    const handOver = await call(hub, 'POST', `/v1/conversations/${conversation.id}/assignment`, context.agent.token, {
      revision: conversation.revision,
      agentId: reza.userId,
    });
    assert.is(handOver.status, 403);
    const anonymous = await hub.app.inject({ method: 'GET', url: '/v1/inbox' });
    assert.is(anonymous.statusCode, 401);
  },
);

workspace(
  'bad input: malformed, wrongly typed, oversized or unknown answers 4xx problem+json and writes nothing',
  async (context) => {
    const { hub } = context;
    const [conversation] = (await inbox(context)).conversations;
    assert.ok(conversation);
    const url = `/v1/conversations/${conversation.id}`;
    const cases: [string, string, unknown, number][] = [
      ['malformed JSON', `${url}/status`, '{"revision": ', 400],
      ['a wrong type', `${url}/status`, { revision: 'latest', status: 'resolved' }, 400],
      ['an unknown status', `${url}/status`, { revision: conversation.revision, status: 'deleted' }, 400],
      ['a label too long', `${url}/labels`, { revision: conversation.revision, label: 'x'.repeat(65) }, 400],
      ['a note too long', `${url}/notes`, { text: 'x'.repeat(10_001) }, 400],
      [
        'a snooze in the past',
        `${url}/snooze`,
        { revision: conversation.revision, until: '2020-01-01T00:00:00Z' },
        400,
      ],
      [
        'no such conversation',
        '/v1/conversations/00000000-0000-4000-8000-000000000000/status',
        { revision: 0, status: 'open' },
        404,
      ],
      ['not a conversation id', '/v1/conversations/42/status', { revision: 0, status: 'open' }, 400],
    ];
    for (const [what, path, body, status] of cases) {
      const response = await call(hub, 'POST', path, context.agent.token, body);
      assert.is(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
      assert.match(String(response.headers['content-type']), 'application/problem+json', what);
    }
    await hub.projectionCaughtUp();
    const after = await call(hub, 'GET', url, context.agent.token);
    assert.is(after.body.revision, conversation.revision, 'nothing was written');
  },
);

workspace('an open screen learns of a colleague’s change over server-sent events, without polling', async (context) => {
  const { hub, base } = context;
  const [conversation] = (await inbox(context)).conversations;
  assert.ok(conversation);
  const live = await openLive(base, context.agent.token);
  const reza = await signIn(hub, 'reza@shop.example', 'a-long-password-123');
  const labelled = await call(hub, 'POST', `/v1/conversations/${conversation.id}/labels`, reza.token, {
    revision: conversation.revision,
    label: 'urgent-call-back',
  });
  assert.is(labelled.status, 200);
  const frame = await waitFor(async () => live.frames.find((f) => f.event === 'ConversationLabelAdded'), {
    timeoutMs: 10_000,
    intervalMs: 20,
    what: 'the live notification of the label',
  });
  assert.is(frame.about.conversationId, conversation.id);
  live.close();
  const unauthenticated = await hub.app.inject({ method: 'GET', url: '/v1/live' });
  assert.is(unauthenticated.statusCode, 401);
});

// Every conversation endpoint against every role. Allowed calls name no conversation (404) or send
// what is refused (400), so the table writes nothing; a cell says only whether the role got in.
const nobody = '00000000-0000-4000-8000-000000000000';
const everyone = (status: number) => ({ agent: status, supervisor: status, analyst: status, admin: status });
const writers = (status: number) => ({ agent: status, supervisor: status, admin: status });
const endpoints: ReadonlyArray<{
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
  allowed: Record<string, number>;
}> = [
  { method: 'GET', url: '/v1/inbox?status=all&limit=1', allowed: everyone(200) },
  { method: 'GET', url: '/v1/inbox/counts', allowed: everyone(200) },
  { method: 'GET', url: `/v1/conversations/${nobody}`, allowed: everyone(404) },
  {
    method: 'POST',
    url: `/v1/conversations/${nobody}/status`,
    body: { revision: 0, status: 'open' },
    allowed: writers(404),
  },
  {
    method: 'POST',
    url: `/v1/conversations/${nobody}/snooze`,
    body: { revision: 0, until: '2030-01-01T00:00:00Z' },
    allowed: writers(404),
  },
  {
    method: 'POST',
    url: `/v1/conversations/${nobody}/priority`,
    body: { revision: 0, priority: 'high' },
    allowed: writers(404),
  },
  {
    method: 'POST',
    url: `/v1/conversations/${nobody}/labels`,
    body: { revision: 0, label: 'x' },
    allowed: writers(404),
  },
  { method: 'DELETE', url: `/v1/conversations/${nobody}/labels/x?revision=0`, allowed: writers(404) },
  { method: 'POST', url: `/v1/conversations/${nobody}/notes`, body: { text: 'x' }, allowed: writers(404) },
  {
    method: 'POST',
    url: `/v1/conversations/${nobody}/assignment`,
    body: { revision: 0, agentId: 'someone-else' },
    allowed: { supervisor: 404, admin: 404 },
  },
  { method: 'GET', url: '/v1/live?lastEventId=not-an-id', allowed: everyone(400) },
];

workspace('authorisation table: every role against every conversation endpoint', async (context) => {
  const { hub } = context;
  const tokens: Record<string, string> = {
    admin: context.admin,
    agent: context.agent.token,
    analyst: context.analyst,
    supervisor: (await signIn(hub, 'sima@shop.example', 'a-long-password-123')).token,
  };
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    for (const role of ['nobody', 'agent', 'supervisor', 'analyst', 'admin']) {
      const token = tokens[role];
      const response = await hub.app.inject({
        method: endpoint.method,
        url: endpoint.url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(endpoint.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(endpoint.body === undefined ? {} : { payload: JSON.stringify(endpoint.body) }),
      });
      const expected = token ? (endpoint.allowed[role] ?? 403) : 401;
      if (response.statusCode !== expected)
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: ${response.statusCode}, expected ${expected}`);
      if (
        response.statusCode >= 400 &&
        !String(response.headers['content-type']).startsWith('application/problem+json')
      )
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: not problem+json`);
    }
  }
  assert.equal(problems, []);
});

workspace.run();
