import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { loudHook, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { CHANNEL_TOKEN, customerMail, postEmail, signIn } from './testing/agent-workspace.fixture.ts';

// Routing on the embedded default: a supervisor makes a team of two agents and an inbox for the
// support mailbox; emails arrive and are assigned in turn to the available agents under their cap;
// the rest wait and are assigned as soon as someone is free, also across a restart of the hub.

const ADMIN_PASSWORD = 'admin-password-for-tests-1';
const PASSWORD = 'a-long-password-123';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Context {
  hub: ComposedHub;
  env: Record<string, string>;
  dataDir: string;
  tokens: Record<'admin' | 'maryam' | 'reza' | 'sima' | 'nika', string>;
  users: Record<'maryam' | 'reza' | 'sima', string>;
  teamId: string;
  inboxId: string;
  /** Conversation ids in the order their emails were sent. */
  sent: string[];
}

async function call(hub: ComposedHub, method: Method, url: string, token?: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.statusCode,
    // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read by the assertions below
    body: (response.body ? response.json() : {}) as any,
    contentType: String(response.headers['content-type']),
  };
}

interface InboxItem {
  id: string;
  inboxId: string;
  assigneeId: string | null;
  teamId: string | null;
  status: string;
  revision: number;
}

const conversations = async (context: Context): Promise<InboxItem[]> =>
  (await call(context.hub, 'GET', '/v1/inbox?status=all&limit=200', context.tokens.sima)).body.conversations;
const conversation = async (context: Context, id: string) =>
  (await conversations(context)).find((c) => c.id === id) as InboxItem;

const setPresence = async (context: Context, who: 'maryam' | 'reza', presence: string) => {
  const response = await call(context.hub, 'PUT', '/v1/me/presence', context.tokens[who], { presence });
  assert.is(response.status, 200, JSON.stringify(response.body));
  await context.hub.projectionCaughtUp();
};

let mailNumber = 0;
/** A new email from the customer to the support mailbox; the conversation it opened, once the inbox shows it. */
async function mail(context: Context): Promise<string> {
  mailNumber += 1;
  const before = new Set((await conversations(context)).map((c) => c.id));
  await postEmail(context.hub, customerMail(`r${mailNumber}@mail.example`, `question ${mailNumber}`, 'Hello?'));
  await context.hub.projectionCaughtUp();
  const opened = await waitFor(async () => (await conversations(context)).find((c) => !before.has(c.id)), {
    timeoutMs: 10_000,
    what: `the conversation of email ${mailNumber}`,
  });
  context.sent.push(opened.id);
  return opened.id;
}

/** Waits until the conversation's assignee is `userId` (null: stays unassigned once all caught up). */
async function assertAssignee(context: Context, id: string, userId: string | null) {
  await context.hub.projectionCaughtUp();
  const seen = await waitFor(
    async () => {
      const current = await conversation(context, id);
      return current.assigneeId === userId ? current : undefined;
    },
    { timeoutMs: 10_000, what: `conversation ${id} assigned to ${userId}` },
  ).catch(async () => conversation(context, id));
  assert.is(seen.assigneeId, userId, `conversation ${context.sent.indexOf(id) + 1}`);
}

async function startHub(context: Context) {
  context.hub = await composeHub(loadConfig(context.env), silentLogger());
}

const routing = suite<Context>('routing on the embedded default');
routing.before(
  loudHook(async (context) => {
    context.dataDir = await mkdtemp(join(tmpdir(), 'hub-routing-'));
    context.env = {
      HUB_DATA_DIR: context.dataDir,
      HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
      HUB_AGENT_TOKEN: 'agent-token-for-tests-456789',
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_ADMIN_EMAIL: 'admin@shop.example',
      HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    context.sent = [];
    await startHub(context);
    const admin = (await signIn(context.hub, 'admin@shop.example', ADMIN_PASSWORD)).token;
    const tokens: Record<string, string> = { admin };
    const users: Record<string, string> = {};
    for (const [name, role] of [
      ['maryam', 'agent'],
      ['reza', 'agent'],
      ['sima', 'supervisor'],
      ['nika', 'analyst'],
    ] as const) {
      const email = `${name}@shop.example`;
      const created = await call(context.hub, 'POST', '/v1/users', admin, {
        email,
        displayName: name,
        role,
        password: PASSWORD,
      });
      assert.is(created.status, 201, JSON.stringify(created.body));
      const session = await signIn(context.hub, email, PASSWORD);
      tokens[name] = session.token;
      users[name] = session.userId;
    }
    context.tokens = tokens as Context['tokens'];
    context.users = users as Context['users'];
  }),
);
routing.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

routing('a supervisor makes a team of two agents with a cap, and an inbox for the support mailbox', async (context) => {
  const { hub, tokens, users } = context;
  const team = await call(hub, 'POST', '/v1/teams', tokens.sima, { name: 'Support', maxOpenPerAgent: 2 });
  assert.is(team.status, 201, JSON.stringify(team.body));
  context.teamId = team.body.teamId;
  let revision = team.body.revision as number;
  for (const member of [users.maryam, users.reza]) {
    const added = await call(hub, 'POST', `/v1/teams/${context.teamId}/members`, tokens.sima, {
      revision,
      userId: member,
    });
    assert.is(added.status, 200, JSON.stringify(added.body));
    revision = added.body.revision;
  }
  const stale = await call(hub, 'PUT', `/v1/teams/${context.teamId}/cap`, tokens.sima, {
    revision: 0,
    maxOpenPerAgent: 3,
  });
  assert.is(stale.status, 409, 'a change on what the supervisor saw before the members joined');
  assert.is(stale.body.currentRevision, revision);
  const inbox = await call(hub, 'POST', '/v1/inboxes', tokens.sima, {
    name: 'Support mail',
    channel: 'email',
    endpoints: ['Support@Shop.example'],
    teamId: context.teamId,
  });
  assert.is(inbox.status, 201, JSON.stringify(inbox.body));
  context.inboxId = inbox.body.inboxId;
  await hub.projectionCaughtUp();
  const teams = await call(hub, 'GET', '/v1/teams', tokens.maryam);
  assert.equal(teams.body.teams, [
    { teamId: context.teamId, name: 'Support', maxOpenPerAgent: 2, members: [users.maryam, users.reza], revision },
  ]);
  const inboxes = await call(hub, 'GET', '/v1/inboxes', tokens.reza);
  assert.equal(inboxes.body.inboxes, [
    {
      inboxId: context.inboxId,
      name: 'Support mail',
      channel: 'email',
      endpoints: ['support@shop.example'],
      teamId: context.teamId,
      revision: 0,
    },
  ]);
});

routing('nobody is available yet: an email waits unassigned in the support inbox', async (context) => {
  const first = await mail(context);
  const waiting = await conversation(context, first);
  assert.is(waiting.inboxId, context.inboxId, 'the linker files it in the inbox covering the mailbox');
  await assertAssignee(context, first, null);
});

routing('agents become available: emails are assigned in turn, the waiting one first', async (context) => {
  const { users } = context;
  await setPresence(context, 'maryam', 'available');
  await assertAssignee(context, context.sent[0] as string, users.maryam);
  await setPresence(context, 'reza', 'available');
  await assertAssignee(context, await mail(context), users.reza);
  await assertAssignee(context, await mail(context), users.maryam);
  const view = await call(context.hub, 'GET', `/v1/conversations/${context.sent[0]}`, context.tokens.maryam);
  const assignment = view.body.items.find((item: { kind: string }) => item.kind === 'assignment');
  assert.equal(assignment.actor, { kind: 'system', process: 'router' });
  assert.equal(assignment.data.assignment, 'auto');
  assert.is(assignment.data.teamId, context.teamId);
});

routing('a busy agent gets none; at the cap new conversations wait unassigned', async (context) => {
  const { users } = context;
  await setPresence(context, 'reza', 'busy');
  // Maryam holds 2 (the cap): reza is busy, so nobody takes the next ones.
  const fourth = await mail(context);
  const fifth = await mail(context);
  await assertAssignee(context, fourth, null);
  await assertAssignee(context, fifth, null);
  const workload = await call(context.hub, 'GET', '/v1/agents/workload', context.tokens.sima);
  assert.equal(
    workload.body.agents,
    [
      { agentId: users.maryam, presence: 'available', teams: [context.teamId], open: 2, pending: 0, snoozed: 0 },
      { agentId: users.reza, presence: 'busy', teams: [context.teamId], open: 1, pending: 0, snoozed: 0 },
    ].sort((a, b) => a.agentId.localeCompare(b.agentId)),
  );
});

routing('after a restart the waiting ones are assigned as agents become free, each once', async (context) => {
  const { users } = context;
  await context.hub.stop();
  await startHub(context);
  await context.hub.projectionCaughtUp();
  const [, , , fourth, fifth] = context.sent as [string, string, string, string, string];
  await assertAssignee(context, fourth, null);
  await setPresence(context, 'reza', 'available');
  // Reza (1 open) takes the oldest waiting one and reaches the cap; the fifth still waits.
  await assertAssignee(context, fourth, users.reza);
  await assertAssignee(context, fifth, null);
  // Maryam resolves one and drops under the cap: the fifth is hers.
  const first = await conversation(context, context.sent[0] as string);
  const resolved = await call(context.hub, 'POST', `/v1/conversations/${first.id}/status`, context.tokens.maryam, {
    revision: first.revision,
    status: 'resolved',
  });
  assert.is(resolved.status, 200, JSON.stringify(resolved.body));
  await assertAssignee(context, fifth, users.maryam);
  for (const id of context.sent) {
    const view = await call(context.hub, 'GET', `/v1/conversations/${id}`, context.tokens.sima);
    const assignments = view.body.items.filter((item: { kind: string }) => item.kind === 'assignment');
    assert.is(assignments.length, 1, `conversation ${id} was assigned once`);
  }
});

routing('a supervisor’s transfer is in the conversation’s history with her name', async (context) => {
  const { users } = context;
  const fifth = await conversation(context, context.sent[4] as string);
  const moved = await call(context.hub, 'POST', `/v1/conversations/${fifth.id}/assignment`, context.tokens.sima, {
    revision: fifth.revision,
    agentId: users.reza,
    teamId: context.teamId,
  });
  assert.is(moved.status, 200, JSON.stringify(moved.body));
  await assertAssignee(context, fifth.id, users.reza);
  const view = await call(context.hub, 'GET', `/v1/conversations/${fifth.id}`, context.tokens.sima);
  const assignments = view.body.items.filter((item: { kind: string }) => item.kind === 'assignment');
  assert.equal(
    assignments.map((item: { actor: unknown; data: { assignment: string; agentId: string } }) => [
      item.actor,
      item.data.assignment,
      item.data.agentId,
    ]),
    [
      [{ kind: 'system', process: 'router' }, 'auto', users.maryam],
      [{ kind: 'agent', userId: users.sima }, 'transfer', users.reza],
    ],
  );
  const own = await call(context.hub, 'GET', '/v1/agents/workload', context.tokens.reza);
  assert.equal(own.body.agents, [
    { agentId: users.reza, presence: 'available', teams: [context.teamId], open: 3, pending: 0, snoozed: 0 },
  ]);
  const presence = await call(context.hub, 'GET', '/v1/presence', context.tokens.sima);
  assert.equal(
    presence.body.agents.map((agent: { userId: string; presence: string }) => [agent.userId, agent.presence]),
    [
      [users.maryam, 'available'],
      [users.reza, 'available'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
});

routing('an agent signed out of every session is set away by the hub, not left available', async (context) => {
  const { users } = context;
  const presenceOf = async (userId: string) => {
    await context.hub.projectionCaughtUp();
    const listed = await call(context.hub, 'GET', '/v1/presence', context.tokens.sima);
    return listed.body.agents.find((agent: { userId: string }) => agent.userId === userId)?.presence;
  };
  // Reza is signed in twice (a laptop and a phone): leaving one, he is still there.
  const phone = await signIn(context.hub, 'reza@shop.example', PASSWORD);
  assert.is((await call(context.hub, 'POST', '/v1/auth/sign-out', phone.token)).status, 204);
  assert.is(await presenceOf(users.reza), 'available');
  assert.is((await call(context.hub, 'POST', '/v1/auth/sign-out', context.tokens.reza)).status, 204);
  const away = await waitFor(async () => ((await presenceOf(users.reza)) === 'away' ? true : undefined), {
    timeoutMs: 10_000,
    what: 'reza away after his last sign-out',
  });
  assert.ok(away);
  assert.is(await presenceOf(users.maryam), 'available', 'a colleague still signed in is left as she was');
  // In his presence's history, with who set it.
  const [last] = await context.hub.store.readStream(`agent-presence-${users.reza}`, {
    direction: 'backwards',
    maxCount: 1,
  });
  assert.equal((last?.data as { actor?: unknown } | undefined)?.actor, { kind: 'system', process: 'sessions-ended' });
});

routing('an agent removed from the team hands her conversations back to its queue', async (context) => {
  const { users } = context;
  const held = (await conversations(context)).filter((c) => c.assigneeId === users.maryam && c.status !== 'resolved');
  assert.ok(held.length > 0, 'maryam holds conversations of the team');
  const team = await call(context.hub, 'GET', '/v1/teams', context.tokens.sima);
  const { revision } = team.body.teams.find((t: { teamId: string }) => t.teamId === context.teamId);
  const removed = await call(
    context.hub,
    'DELETE',
    `/v1/teams/${context.teamId}/members/${users.maryam}?revision=${revision}`,
    context.tokens.sima,
  );
  assert.is(removed.status, 200, JSON.stringify(removed.body));
  // Reza is away: nobody takes them, they wait in the team's queue.
  for (const { id } of held) await assertAssignee(context, id, null);
  for (const { id } of held) assert.is((await conversation(context, id)).teamId, context.teamId, 'the team is kept');
  const [last] = await context.hub.store.readStream(`conversation-${held[0]?.id}`, {
    direction: 'backwards',
    maxCount: 1,
  });
  assert.is(last?.type, 'ConversationAssigned');
  assert.equal((last?.data as { actor?: unknown } | undefined)?.actor, { kind: 'system', process: 'router' });
});

const countEvents = async (hub: ComposedHub) =>
  Number((await hub.database.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events'))[0]?.n);

routing('bad input on every routing endpoint: 4xx problem+json, nothing written', async (context) => {
  const { hub, tokens, teamId, inboxId } = context;
  const before = await countEvents(hub);
  const big = 'x'.repeat(70 * 1024);
  const cases: Array<[string, Method, string, string | undefined, unknown, number]> = [
    ['team: malformed', 'POST', '/v1/teams', tokens.sima, '{"name": ', 400],
    ['team: oversized', 'POST', '/v1/teams', tokens.sima, { name: big, maxOpenPerAgent: 2 }, 413],
    ['team: wrong types', 'POST', '/v1/teams', tokens.sima, { name: 7, maxOpenPerAgent: '2' }, 400],
    ['team: cap of 0', 'POST', '/v1/teams', tokens.sima, { name: 'T', maxOpenPerAgent: 0 }, 400],
    ['team: unauthenticated', 'POST', '/v1/teams', undefined, { name: 'T', maxOpenPerAgent: 2 }, 401],
    ['member: malformed', 'POST', `/v1/teams/${teamId}/members`, tokens.sima, '{', 400],
    ['member: oversized', 'POST', `/v1/teams/${teamId}/members`, tokens.sima, { revision: 2, userId: big }, 413],
    ['member: wrong types', 'POST', `/v1/teams/${teamId}/members`, tokens.sima, { revision: '2', userId: 1 }, 400],
    ['member: nobody', 'POST', `/v1/teams/${teamId}/members`, tokens.sima, { revision: 2, userId: 'ghost' }, 400],
    ['member: not a team', 'POST', '/v1/teams/42/members', tokens.sima, { revision: 2, userId: 'x' }, 400],
    ['member: unauthenticated', 'POST', `/v1/teams/${teamId}/members`, undefined, { revision: 2, userId: 'x' }, 401],
    ['remove: no revision', 'DELETE', `/v1/teams/${teamId}/members/someone`, tokens.sima, undefined, 400],
    ['remove: unauthenticated', 'DELETE', `/v1/teams/${teamId}/members/x?revision=2`, undefined, undefined, 401],
    ['cap: malformed', 'PUT', `/v1/teams/${teamId}/cap`, tokens.sima, '[', 400],
    ['cap: oversized', 'PUT', `/v1/teams/${teamId}/cap`, tokens.sima, { revision: 2, maxOpenPerAgent: 2, x: big }, 413],
    ['cap: wrong types', 'PUT', `/v1/teams/${teamId}/cap`, tokens.sima, { revision: 2, maxOpenPerAgent: 1.5 }, 400],
    ['cap: unauthenticated', 'PUT', `/v1/teams/${teamId}/cap`, undefined, { revision: 2, maxOpenPerAgent: 3 }, 401],
    ['inbox: malformed', 'POST', '/v1/inboxes', tokens.sima, '{"channel"', 400],
    ['inbox: oversized', 'POST', '/v1/inboxes', tokens.sima, { name: 'I', channel: 'email', endpoints: [big] }, 413],
    ['inbox: wrong types', 'POST', '/v1/inboxes', tokens.sima, { name: 'I', channel: 'fax', endpoints: 'a' }, 400],
    [
      'inbox: no such team',
      'POST',
      '/v1/inboxes',
      tokens.sima,
      { name: 'I', channel: 'email', teamId: '00000000-0000-4000-8000-000000000000' },
      400,
    ],
    ['inbox: unauthenticated', 'POST', '/v1/inboxes', undefined, { name: 'I', channel: 'email' }, 401],
    ['inbox team: malformed', 'PUT', `/v1/inboxes/${inboxId}/team`, tokens.sima, '{', 400],
    ['inbox team: oversized', 'PUT', `/v1/inboxes/${inboxId}/team`, tokens.sima, { revision: 0, teamId: big }, 413],
    ['inbox team: wrong types', 'PUT', `/v1/inboxes/${inboxId}/team`, tokens.sima, { revision: 0, teamId: 5 }, 400],
    [
      'inbox team: unauthenticated',
      'PUT',
      `/v1/inboxes/${inboxId}/team`,
      undefined,
      { revision: 0, teamId: null },
      401,
    ],
    ['presence: malformed', 'PUT', '/v1/me/presence', tokens.maryam, '{"presence": ', 400],
    ['presence: oversized', 'PUT', '/v1/me/presence', tokens.maryam, { presence: big }, 413],
    ['presence: wrong value', 'PUT', '/v1/me/presence', tokens.maryam, { presence: 'asleep' }, 400],
    ['presence: unauthenticated', 'PUT', '/v1/me/presence', undefined, { presence: 'away' }, 401],
    // Only a signed-in user has a presence: a token is refused whatever it sent.
    ['presence: an API token, wrong value', 'PUT', '/v1/me/presence', 'agent-token-for-tests-456789', {}, 403],
    ['teams: unauthenticated', 'GET', '/v1/teams', undefined, undefined, 401],
    ['inboxes: unauthenticated', 'GET', '/v1/inboxes', undefined, undefined, 401],
    ['presence list: unauthenticated', 'GET', '/v1/presence', undefined, undefined, 401],
    ['workload: unauthenticated', 'GET', '/v1/agents/workload', undefined, undefined, 401],
  ];
  for (const [name, method, url, token, body, status] of cases) {
    const response = await call(hub, method, url, token, body);
    assert.is(response.status, status, `${name}: ${JSON.stringify(response.body)}`);
    assert.ok(response.contentType.startsWith('application/problem+json'), `${name}: ${response.contentType}`);
  }
  assert.is(await countEvents(hub), before, 'nothing was written');
});

routing('authorisation table: every role against every routing endpoint', async (context) => {
  const { hub, tokens, teamId, inboxId } = context;
  const before = await countEvents(hub);
  // Allowed calls carry input that is refused (400), so the table writes nothing; reads answer 200.
  const everyone = { agent: 200, supervisor: 200, analyst: 200, admin: 200 };
  const endpoints: Array<{ method: Method; url: string; body?: unknown; allowed: Record<string, number> }> = [
    { method: 'GET', url: '/v1/teams', allowed: everyone },
    { method: 'POST', url: '/v1/teams', body: { name: '' }, allowed: { supervisor: 400, admin: 400 } },
    { method: 'POST', url: `/v1/teams/${teamId}/members`, body: {}, allowed: { supervisor: 400, admin: 400 } },
    { method: 'DELETE', url: `/v1/teams/${teamId}/members/x`, allowed: { supervisor: 400, admin: 400 } },
    { method: 'PUT', url: `/v1/teams/${teamId}/cap`, body: {}, allowed: { supervisor: 400, admin: 400 } },
    { method: 'GET', url: '/v1/inboxes', allowed: everyone },
    { method: 'POST', url: '/v1/inboxes', body: {}, allowed: { supervisor: 400, admin: 400 } },
    { method: 'PUT', url: `/v1/inboxes/${inboxId}/team`, body: {}, allowed: { supervisor: 400, admin: 400 } },
    { method: 'PUT', url: '/v1/me/presence', body: {}, allowed: { agent: 400, supervisor: 400, admin: 400 } },
    { method: 'GET', url: '/v1/presence', allowed: { supervisor: 200, admin: 200 } },
    { method: 'GET', url: '/v1/agents/workload', allowed: everyone },
  ];
  const asRole = {
    nobody: undefined,
    agent: tokens.maryam,
    supervisor: tokens.sima,
    analyst: tokens.nika,
    admin: tokens.admin,
  };
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    for (const [role, token] of Object.entries(asRole)) {
      const response = await call(hub, endpoint.method, endpoint.url, token, endpoint.body);
      const expected = token ? (endpoint.allowed[role] ?? 403) : 401;
      if (response.status !== expected)
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: ${response.status}, expected ${expected}`);
      if (response.status >= 400 && !response.contentType.startsWith('application/problem+json'))
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: not problem+json`);
    }
  }
  assert.equal(problems, []);
  const workload = await call(hub, 'GET', '/v1/agents/workload', tokens.nika);
  assert.equal(workload.body.agents, [], 'an analyst holds no conversations and sees nobody else’s');
  assert.is(await countEvents(hub), before, 'nothing was written');
});

routing.run();
