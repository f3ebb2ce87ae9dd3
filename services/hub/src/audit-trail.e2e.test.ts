import { rm } from 'node:fs/promises';
import { loudHook } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { createColleagues, customerMail, postEmail, startWorkspaceHub } from './testing/agent-workspace.fixture.ts';

// The audit trail on the embedded default: what agents did is readable per agent, per conversation
// and per customer; supervisors read everyone's, an agent only their own.

interface Context {
  hub: ComposedHub;
  dataDir: string;
  admin: string;
  maryam: { token: string; userId: string };
  reza: { token: string; userId: string };
  supervisor: string;
  analyst: string;
  conversationId: string;
  customerId: string;
}

interface AuditEntry {
  eventType: string;
  actor: { kind: string; id: string };
  conversationId: string | null;
  customerId: string | null;
  details: Record<string, unknown>;
}

async function call(hub: ComposedHub, method: 'GET' | 'POST', url: string, token?: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown>, headers: response.headers };
}

const audit = suite<Context>('the audit trail: who did what, per agent, conversation and customer');
audit.before(
  loudHook(async (context) => {
    ({ hub: context.hub, dataDir: context.dataDir, admin: context.admin } = await startWorkspaceHub('audit'));
    const colleagues = await createColleagues(context.hub, context.admin);
    context.maryam = colleagues.maryam;
    context.reza = colleagues.reza;
    context.supervisor = colleagues.sima.token;
    context.analyst = colleagues.nika.token;

    // Sara writes; Maryam raises the priority, labels the conversation and resolves it.
    await postEmail(context.hub, customerMail('a1@mail.example', 'Refund', 'Where is my refund?'));
    await context.hub.projectionCaughtUp();
    const inbox = await call(context.hub, 'GET', '/v1/inbox', context.maryam.token);
    const [conversation] = inbox.body.conversations as { id: string; customerId: string; revision: number }[];
    assert.ok(conversation, JSON.stringify(inbox.body));
    context.conversationId = conversation.id;
    context.customerId = conversation.customerId;
    let revision = conversation.revision;
    for (const [path, body] of [
      ['priority', { priority: 'high' }],
      ['labels', { label: 'refund' }],
      ['status', { status: 'resolved' }],
    ] as const) {
      const changed = await call(
        context.hub,
        'POST',
        `/v1/conversations/${conversation.id}/${path}`,
        context.maryam.token,
        {
          revision,
          ...body,
        },
      );
      assert.is(changed.status, 200, JSON.stringify(changed.body));
      revision = changed.body.revision as number;
    }
    await context.hub.projectionCaughtUp();
  }),
);
audit.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const entries = (body: Record<string, unknown>) => body.entries as AuditEntry[];

audit('a supervisor reads an agent’s actions, newest first, with what changed', async (context) => {
  const trail = await call(context.hub, 'GET', `/v1/audit?actor=${context.maryam.userId}`, context.supervisor);
  assert.is(trail.status, 200, JSON.stringify(trail.body));
  const mine = entries(trail.body).filter((entry) => entry.conversationId === context.conversationId);
  assert.equal(
    mine.map((entry) => [entry.eventType, entry.details]),
    [
      ['ConversationStatusChanged', { status: 'resolved' }],
      ['ConversationLabelAdded', { label: 'refund' }],
      ['ConversationPriorityChanged', { priority: 'high' }],
    ],
  );
  assert.ok(mine.every((entry) => entry.actor.id === context.maryam.userId && entry.customerId === context.customerId));
});

audit('the same actions are found under the conversation and under the customer', async (context) => {
  for (const query of [`conversation=${context.conversationId}`, `customer=${context.customerId}`]) {
    const trail = await call(context.hub, 'GET', `/v1/audit?${query}`, context.admin);
    assert.is(trail.status, 200, JSON.stringify(trail.body));
    assert.equal(
      entries(trail.body).map((entry) => [entry.eventType, entry.actor.kind]),
      [
        // Resolving asks the customer for a rating: the hub's own action, filed under its process.
        ['CsatRequested', 'system'],
        ['ConversationStatusChanged', 'user'],
        ['ConversationLabelAdded', 'user'],
        ['ConversationPriorityChanged', 'user'],
      ],
      query,
    );
  }
});

audit('pages follow the cursor without repeats or gaps', async (context) => {
  const url = `/v1/audit?conversation=${context.conversationId}&limit=2`;
  const first = await call(context.hub, 'GET', url, context.supervisor);
  assert.is(entries(first.body).length, 2);
  const second = await call(context.hub, 'GET', `${url}&cursor=${first.body.nextCursor}`, context.supervisor);
  assert.equal(
    [...entries(first.body), ...entries(second.body)].map((entry) => entry.eventType),
    ['CsatRequested', 'ConversationStatusChanged', 'ConversationLabelAdded', 'ConversationPriorityChanged'],
  );
  assert.is(second.body.nextCursor, null, 'the last page says so');
});

audit('an agent reads their own trail, and no one else’s; an analyst reads none', async (context) => {
  const own = await call(context.hub, 'GET', '/v1/audit?actor=me', context.maryam.token);
  assert.is(own.status, 200);
  assert.is(entries(own.body).length, 3);
  const byId = await call(context.hub, 'GET', `/v1/audit?actor=${context.maryam.userId}`, context.maryam.token);
  assert.is(byId.status, 200);
  for (const [token, url] of [
    [context.reza.token, `/v1/audit?actor=${context.maryam.userId}`],
    [context.reza.token, `/v1/audit?conversation=${context.conversationId}`],
    [context.analyst, `/v1/audit?customer=${context.customerId}`],
  ] as const) {
    const refused = await call(context.hub, 'GET', url, token);
    assert.is(refused.status, 403, url);
    assert.is(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const anonymous = await call(context.hub, 'GET', `/v1/audit?conversation=${context.conversationId}`);
  assert.is(anonymous.status, 401);
});

audit('a malformed query is a 400 naming the problem', async (context) => {
  for (const query of [
    '',
    `actor=${context.maryam.userId}&conversation=${context.conversationId}`,
    'conversation=not-a-uuid',
    `customer=${context.customerId}&limit=lots`,
    `customer=${context.customerId}&limit=100000`,
    `customer=${context.customerId}&cursor=bm90LWEtY3Vyc29y`,
    `actor=${'x'.repeat(500)}`,
  ]) {
    const answer = await call(context.hub, 'GET', `/v1/audit?${query}`, context.admin);
    assert.is(answer.status, 400, query);
    assert.is(answer.headers['content-type'], 'application/problem+json; charset=utf-8', query);
    assert.is(answer.body.code, 'INVALID_INPUT', query);
  }
});

audit('a rebuild from the store gives the same trail', async (context) => {
  const before = await call(context.hub, 'GET', `/v1/audit?customer=${context.customerId}`, context.admin);
  const result = await context.hub.rebuildProjection('audit-trail');
  assert.ok(result.events > 0, JSON.stringify(result));
  const after = await call(context.hub, 'GET', `/v1/audit?customer=${context.customerId}`, context.admin);
  assert.equal(after.body, before.body);
});

audit.run();
