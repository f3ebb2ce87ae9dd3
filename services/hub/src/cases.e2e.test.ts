import { rm } from 'node:fs/promises';
import { loudHook, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { createColleagues, customerMail, postEmail, startWorkspaceHub } from './testing/agent-workspace.fixture.ts';

// Customer service on the embedded default: an email arrives, an agent opens a complaint linked to
// its conversation, moves it through its lifecycle (a colleague's stale change gets 409), a return
// without its order is refused, and the customer's profile shows what is still open.

interface Context {
  hub: ComposedHub;
  dataDir: string;
  admin: string;
  agent: { token: string; userId: string };
  reza: { token: string; userId: string };
  analyst: string;
  supervisor: string;
  customerId: string;
  conversationId: string;
  complaint: { caseId: string; number: string; revision: number };
}

type Json = Record<string, unknown>;

async function call(hub: ComposedHub, method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.json() as Json, headers: response.headers };
}

/** The case as the read model shows it, once it has caught up with `revision`. */
async function caseAt(context: Context, ref: string, revision: number) {
  await context.hub.projectionCaughtUp();
  return waitFor(
    async () => {
      const found = await call(context.hub, 'GET', `/v1/cases/${ref}`, context.agent.token);
      return found.status === 200 && (found.body.revision as number) >= revision ? found.body : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50, what: `case ${ref} at revision ${revision}` },
  );
}

const cases = suite<Context>('customer-service cases on the embedded default');
cases.before(
  loudHook(async (context) => {
    ({ hub: context.hub, dataDir: context.dataDir, admin: context.admin } = await startWorkspaceHub('cases'));
    const colleagues = await createColleagues(context.hub, context.admin);
    context.agent = colleagues.maryam;
    context.reza = colleagues.reza;
    context.analyst = colleagues.nika.token;
    context.supervisor = colleagues.sima.token;
  }),
);
cases.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

cases(
  'an email arrives; an agent opens a complaint linked to its conversation and sees its number',
  async (context) => {
    const { hub, agent } = context;
    await postEmail(hub, customerMail('teapot-1@mail.example', 'قوری شکسته رسید', 'سفارش ORD-1001 شکسته رسید'));
    await hub.projectionCaughtUp();
    const inbox = await call(hub, 'GET', '/v1/inbox', agent.token);
    const [conversation] = inbox.body.conversations as { id: string; customerId: string }[];
    assert.ok(conversation, 'the email is a conversation in the inbox');
    context.customerId = conversation.customerId;
    context.conversationId = conversation.id;

    const opened = await call(hub, 'POST', '/v1/cases', agent.token, {
      kind: 'complaint',
      customerId: context.customerId,
      subject: 'قوری شکسته رسید',
      description: 'درب قوری ترک دارد',
      orderReference: 'ORD-1001',
      conversationIds: [conversation.id],
    });
    assert.is(opened.status, 201, JSON.stringify(opened.body));
    const year = new Date().getUTCFullYear();
    assert.is(opened.body.number, `C-${year}-000001`);
    assert.is(opened.body.status, 'new');
    assert.is(opened.body.ownerId, agent.userId, 'the agent who opens it owns it');
    context.complaint = {
      caseId: opened.body.caseId as string,
      number: opened.body.number as string,
      revision: opened.body.revision as number,
    };

    const byNumber = await caseAt(context, context.complaint.number, 0);
    assert.is(byNumber.id, context.complaint.caseId);
    assert.is(byNumber.subject, 'قوری شکسته رسید', 'Persian text exactly as written');
    assert.equal(byNumber.conversationIds, [conversation.id]);
    const byConversation = await call(hub, 'GET', `/v1/cases?conversation=${conversation.id}`, agent.token);
    assert.equal(
      (byConversation.body.cases as { number: string }[]).map((c) => c.number),
      [context.complaint.number],
    );
  },
);

cases(
  'the complaint goes through investigation, resolution, a reopening and closing, each change naming the agent',
  async (context) => {
    const { hub, agent } = context;
    let { revision } = context.complaint;
    const url = `/v1/cases/${context.complaint.caseId}`;
    for (const status of ['investigating', 'resolved', 'investigating', 'resolved', 'closed']) {
      const moved = await call(hub, 'POST', `${url}/status`, agent.token, { revision, status });
      assert.is(moved.status, 200, `${status}: ${JSON.stringify(moved.body)}`);
      assert.is(moved.body.status, status);
      revision = moved.body.revision as number;
    }
    const refused = await call(hub, 'POST', `${url}/status`, agent.token, { revision, status: 'investigating' });
    assert.is(refused.status, 409, 'a closed complaint is not reopened');
    assert.is(refused.body.code, 'CASE_CONFLICT');
    assert.match(String(refused.headers['content-type']), 'application/problem+json');

    const view = await caseAt(context, context.complaint.caseId, revision);
    assert.is(view.status, 'closed');
    assert.ok(view.closedAt);
    const items = view.items as { kind: string; actor: { userId?: string }; data: { to?: string } }[];
    assert.equal(
      items.map((i) => i.data.to ?? i.kind),
      ['opened', 'investigating', 'resolved', 'investigating', 'resolved', 'closed'],
    );
    for (const item of items) assert.is(item.actor.userId, agent.userId, `${item.kind} names the agent`);
    context.complaint.revision = revision;
  },
);

cases(
  'a colleague acting on an older revision gets 409 with the current state, and nothing changes',
  async (context) => {
    const { hub, agent, reza } = context;
    const opened = await call(hub, 'POST', '/v1/cases', agent.token, {
      kind: 'information-request',
      customerId: context.customerId,
      subject: 'Opening hours on Friday?',
    });
    assert.is(opened.status, 201, JSON.stringify(opened.body));
    const seen = opened.body.revision as number;
    const url = `/v1/cases/${opened.body.caseId}`;
    const note = await call(hub, 'POST', `${url}/notes`, agent.token, { revision: seen, text: 'asked the shop' });
    assert.is(note.status, 201);
    const stale = await call(hub, 'POST', `${url}/status`, reza.token, { revision: seen, status: 'answered' });
    assert.is(stale.status, 409);
    assert.match(String(stale.headers['content-type']), 'application/problem+json');
    assert.is(stale.body.code, 'WRONG_EXPECTED_REVISION');
    assert.is(stale.body.currentRevision, note.body.revision);
    assert.is((stale.body.current as { status: string }).status, 'new');
    const view = await caseAt(context, opened.body.caseId as string, note.body.revision as number);
    assert.is(view.status, 'new', 'the stale change was not made');

    // Owner, links: the second agent takes it over at the current revision; a link comes and goes.
    const owner = await call(hub, 'POST', `${url}/owner`, reza.token, {
      revision: note.body.revision,
      ownerId: reza.userId,
    });
    assert.is(owner.status, 200, JSON.stringify(owner.body));
    const unlinked = await call(hub, 'POST', `${url}/conversations`, reza.token, {
      revision: owner.body.revision,
      conversationId: context.conversationId,
    });
    assert.is(unlinked.status, 200, JSON.stringify(unlinked.body));
    const removed = await call(
      hub,
      'DELETE',
      `${url}/conversations/${context.conversationId}?revision=${unlinked.body.revision}`,
      reza.token,
    );
    assert.is(removed.status, 200, JSON.stringify(removed.body));
    const after = await caseAt(context, opened.body.caseId as string, removed.body.revision as number);
    assert.is(after.ownerId, reza.userId);
    assert.equal(after.conversationIds, []);
    assert.equal(
      (after.items as { kind: string }[]).map((i) => i.kind),
      ['opened', 'note', 'owner', 'linked', 'unlinked'],
    );
    const mine = await call(hub, 'GET', '/v1/cases?owner=me&status=new', reza.token);
    assert.equal(
      (mine.body.cases as { id: string }[]).map((c) => c.id),
      [opened.body.caseId],
    );
  },
);

cases('a return without its order reference is refused with 400 and takes no number', async (context) => {
  const { hub, agent } = context;
  const refused = await call(hub, 'POST', '/v1/cases', agent.token, {
    kind: 'return',
    customerId: context.customerId,
    subject: 'Return the teapot',
  });
  assert.is(refused.status, 400);
  assert.match(String(refused.headers['content-type']), 'application/problem+json');
  assert.match(String(refused.body.detail), /order reference/);
  const accepted = await call(hub, 'POST', '/v1/cases', agent.token, {
    kind: 'return',
    customerId: context.customerId,
    subject: 'Return the teapot',
    orderReference: 'ORD-1001',
    conversationIds: [context.conversationId],
  });
  assert.is(accepted.status, 201);
  assert.is(accepted.body.status, 'requested');
  assert.is(accepted.body.number, `C-${new Date().getUTCFullYear()}-000003`, 'no number was lost to the refusal');
});

cases('the customer profile shows identifiers, channels, the open conversation and the open cases', async (context) => {
  const { hub } = context;
  await hub.projectionCaughtUp();
  const profile = await waitFor(
    async () => {
      const found = await call(hub, 'GET', `/v1/customers/${context.customerId}/profile`, context.analyst);
      return found.status === 200 && (found.body.openCases as unknown[]).length === 2 ? found.body : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50, what: 'the profile with both open cases' },
  );
  assert.is(profile.customerId, context.customerId);
  assert.equal(profile.identifiers, [{ kind: 'email', value: 'sara@example.ir' }]);
  assert.equal(
    (profile.channels as { channel: string; interactions: number }[]).map((c) => [c.channel, c.interactions]),
    [['email', 1]],
  );
  assert.is((profile.lastContact as { channel: string }).channel, 'email');
  assert.equal(
    (profile.openConversations as { id: string }[]).map((c) => c.id),
    [context.conversationId],
  );
  const open = (profile.openCases as { kind: string; number: string }[]).map((c) => c.kind).sort();
  assert.equal(open, ['information-request', 'return'], 'the closed complaint is not open');
  const unknown = await call(
    hub,
    'GET',
    '/v1/customers/00000000-0000-4000-8000-000000000000/profile',
    context.agent.token,
  );
  assert.is(unknown.status, 404);
});

cases(
  'a merged customer’s profile is the survivor’s, with the merged one’s conversation and cases',
  async (context) => {
    const { hub } = context;
    const aliMail = customerMail('ali-1@mail.example', 'Invoice', 'Please send the invoice').replace(
      'From: Sara Rezaei <sara@example.ir>',
      'From: Sara at work <sara.rezaei@work.example>',
    );
    await postEmail(hub, aliMail);
    await hub.projectionCaughtUp();
    const found = await waitFor(
      async () => {
        const lookup = await call(
          hub,
          'GET',
          '/v1/customers/lookup?email=sara.rezaei@work.example',
          context.agent.token,
        );
        return lookup.status === 200 ? (lookup.body.id as string) : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, what: 'the second address as a customer' },
    );
    const opened = await call(hub, 'POST', '/v1/cases', context.agent.token, {
      kind: 'information-request',
      customerId: found,
      subject: 'Invoice for ORD-1001',
    });
    assert.is(opened.status, 201, JSON.stringify(opened.body));
    const merged = await call(hub, 'POST', `/v1/customers/${context.customerId}/merges`, context.supervisor, {
      mergedId: found,
    });
    assert.is(merged.status, 202, JSON.stringify(merged.body));
    await hub.projectionCaughtUp();
    const profile = await waitFor(
      async () => {
        const answer = await call(hub, 'GET', `/v1/customers/${found}/profile`, context.agent.token);
        return answer.status === 200 && answer.body.customerId === context.customerId ? answer.body : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, what: 'the merged customer’s profile as the survivor’s' },
    );
    assert.equal(profile.mergedIds, [found]);
    assert.is((profile.openConversations as unknown[]).length, 2);
    assert.is((profile.openCases as unknown[]).length, 3);
    assert.equal((profile.identifiers as { value: string }[]).map((i) => i.value).sort(), [
      'sara.rezaei@work.example',
      'sara@example.ir',
    ]);
    const listed = await call(hub, 'GET', `/v1/cases?customer=${context.customerId}&status=new`, context.agent.token);
    assert.ok((listed.body.cases as { id: string }[]).some((c) => c.id === opened.body.caseId));
  },
);

cases('bad input on every case endpoint: 4xx problem+json, nothing written', async (context) => {
  const { hub, agent } = context;
  const url = `/v1/cases/${context.complaint.caseId}`;
  const customerId = context.customerId;
  const rows: [string, 'POST' | 'GET' | 'DELETE', string, unknown, number][] = [
    ['malformed JSON', 'POST', '/v1/cases', '{"kind": ', 400],
    ['an unknown kind', 'POST', '/v1/cases', { kind: 'refund', customerId, subject: 'x' }, 400],
    ['a wrongly typed customer', 'POST', '/v1/cases', { kind: 'complaint', customerId: 42, subject: 'x' }, 400],
    ['an oversized subject', 'POST', '/v1/cases', { kind: 'complaint', customerId, subject: 'x'.repeat(501) }, 400],
    [
      'an unknown customer',
      'POST',
      '/v1/cases',
      { kind: 'complaint', customerId: 'ffffffff-0000-4000-8000-000000000000', subject: 'x' },
      404,
    ],
    [
      'an owner who is nobody',
      'POST',
      '/v1/cases',
      { kind: 'complaint', customerId, subject: 'x', ownerId: 'ghost' },
      400,
    ],
    ['a revision as text', 'POST', `${url}/status`, { revision: 'latest', status: 'closed' }, 400],
    ['an unknown status', 'POST', `${url}/status`, { revision: 0, status: 'deleted' }, 400],
    ['an oversized note', 'POST', `${url}/notes`, { revision: 0, text: 'x'.repeat(10_001) }, 400],
    ['a note without revision', 'POST', `${url}/notes`, { text: 'x' }, 400],
    ['a link to no conversation', 'POST', `${url}/conversations`, { revision: 0, conversationId: 'nope' }, 400],
    ['not a case id', 'POST', '/v1/cases/42/status', { revision: 0, status: 'closed' }, 400],
    ['not a case number', 'GET', '/v1/cases/C-20-1', undefined, 400],
    ['a bad list filter', 'GET', '/v1/cases?kind=refund', undefined, 400],
    ['a forged cursor', 'GET', '/v1/cases?cursor=abc', undefined, 400],
    ['an unlink without revision', 'DELETE', `${url}/conversations/${context.conversationId}`, undefined, 400],
    ['a profile of no uuid', 'GET', '/v1/customers/42/profile', undefined, 400],
  ];
  const before = await call(hub, 'GET', '/v1/cases?limit=200', agent.token);
  for (const [what, method, path, body, status] of rows) {
    const response = await call(hub, method, path, agent.token, body);
    assert.is(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
    assert.match(String(response.headers['content-type']), 'application/problem+json', what);
  }
  const oversized = await hub.app.inject({
    method: 'POST',
    url: '/v1/cases',
    headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ kind: 'complaint', customerId, subject: 'x', description: 'x'.repeat(5_000_000) }),
  });
  assert.ok(oversized.statusCode === 400 || oversized.statusCode === 413, `oversized body: ${oversized.statusCode}`);
  assert.match(String(oversized.headers['content-type']), 'application/problem+json');
  await hub.projectionCaughtUp();
  const after = await call(hub, 'GET', '/v1/cases?limit=200', agent.token);
  assert.equal(after.body, before.body, 'nothing was written');
});

// Every case endpoint and the profile against every role. Allowed calls name no case (404) or a
// customer that does not exist (404), so the table writes nothing; a cell says whether the role got in.
const nobody = '00000000-0000-4000-8000-000000000000';
const everyone = (status: number) => ({ agent: status, supervisor: status, analyst: status, admin: status });
const writers = (status: number) => ({ agent: status, supervisor: status, admin: status });
const endpoints: ReadonlyArray<{
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
  allowed: Record<string, number>;
}> = [
  { method: 'GET', url: '/v1/cases?limit=1', allowed: everyone(200) },
  { method: 'GET', url: `/v1/cases/${nobody}`, allowed: everyone(404) },
  { method: 'GET', url: '/v1/cases/C-1999-000001', allowed: everyone(404) },
  {
    method: 'POST',
    url: '/v1/cases',
    body: { kind: 'complaint', customerId: nobody, subject: 'x' },
    allowed: writers(404),
  },
  { method: 'POST', url: `/v1/cases/${nobody}/status`, body: { revision: 0, status: 'closed' }, allowed: writers(404) },
  { method: 'POST', url: `/v1/cases/${nobody}/owner`, body: { revision: 0, ownerId: null }, allowed: writers(404) },
  {
    method: 'POST',
    url: `/v1/cases/${nobody}/conversations`,
    body: { revision: 0, conversationId: nobody },
    allowed: writers(404),
  },
  { method: 'DELETE', url: `/v1/cases/${nobody}/conversations/${nobody}?revision=0`, allowed: writers(404) },
  { method: 'POST', url: `/v1/cases/${nobody}/notes`, body: { revision: 0, text: 'x' }, allowed: writers(404) },
  { method: 'GET', url: `/v1/customers/${nobody}/profile`, allowed: everyone(404) },
];

cases('authorisation table: every role against every case endpoint and the profile', async (context) => {
  const tokens: Record<string, string> = {
    admin: context.admin,
    agent: context.agent.token,
    analyst: context.analyst,
    supervisor: context.supervisor,
  };
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    for (const role of ['nobody', 'agent', 'supervisor', 'analyst', 'admin']) {
      const response = await call(context.hub, endpoint.method, endpoint.url, tokens[role], endpoint.body);
      const expected = tokens[role] ? (endpoint.allowed[role] ?? 403) : 401;
      if (response.status !== expected)
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: ${response.status}, expected ${expected}`);
      if (response.status >= 400 && !String(response.headers['content-type']).startsWith('application/problem+json'))
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: not problem+json`);
    }
  }
  assert.equal(problems, []);
});

cases('an erased customer’s cases are gone, and rebuilt from the store their text reads as erased', async (context) => {
  const { hub } = context;
  const noted = await call(hub, 'POST', `/v1/cases/${context.complaint.caseId}/notes`, context.agent.token, {
    revision: context.complaint.revision,
    text: 'Sara will send a photo of the lid',
  });
  assert.is(noted.status, 201, JSON.stringify(noted.body));
  await hub.projectionCaughtUp();
  const erased = await call(hub, 'DELETE', `/v1/customers/${context.customerId}`, context.admin);
  assert.is(erased.status, 202, JSON.stringify(erased.body));
  await hub.projectionCaughtUp();
  assert.is((await call(hub, 'GET', `/v1/cases/${context.complaint.number}`, context.agent.token)).status, 404);
  assert.is((await call(hub, 'GET', `/v1/customers/${context.customerId}/profile`, context.agent.token)).status, 404);
  const listed = await call(hub, 'GET', `/v1/cases?customer=${context.customerId}`, context.agent.token);
  assert.equal(listed.body.cases, []);
  const late = await call(hub, 'POST', `/v1/cases/${context.complaint.caseId}/notes`, context.agent.token, {
    revision: noted.body.revision,
    text: 'one more thing about Sara',
  });
  assert.is(late.status, 404, 'nothing more is written to an erased customer’s case');

  await hub.rebuildProjection('cases');
  const rebuilt = await call(hub, 'GET', `/v1/cases/${context.complaint.number}`, context.agent.token);
  assert.is(rebuilt.status, 200, 'the case itself stays, as a record without personal data');
  assert.is(rebuilt.body.subject, '[erased]');
  assert.is(rebuilt.body.description, null);
  assert.is(rebuilt.body.orderReference, '[erased]');
  const note = (rebuilt.body.items as { kind: string; data: { text?: string } }[]).find((i) => i.kind === 'note');
  assert.is(note?.data.text, '[erased]');
  assert.not.match(JSON.stringify(rebuilt.body), /قوری|photo|ORD-1001/);
});

cases.run();
