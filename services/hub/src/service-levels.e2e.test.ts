import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { type LocalSmtpRelay, startLocalSmtpRelay } from '@hub/replies/testing';
import { loudHook, waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { CHANNEL_TOKEN, customerMail, postEmail, signIn } from './testing/agent-workspace.fixture.ts';

// SLA and CSAT on the embedded default, with the hub's clock in the test's hand: a supervisor
// sets up a Tehran calendar and a policy for the email inbox; an email arrives on a Saturday (a
// working day in Tehran) and the inbox shows when its first response is due; the hub is stopped
// across the due time and records the breach, once, when it starts again; the agent answers and
// resolves; the customer gets a rating link by email (the local SMTP relay) and rates.

const ADMIN_PASSWORD = 'admin-password-for-tests-1';
const PASSWORD = 'a-long-password-123';

interface Context {
  hub: ComposedHub;
  dataDir: string;
  relay: LocalSmtpRelay;
  clock: { now: Date };
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'analyst', string>;
  conversationId: string;
  csatToken: string;
}

const config = (context: Context) =>
  loadConfig({
    HUB_DATA_DIR: context.dataDir,
    HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
    HUB_AGENT_TOKEN: 'agent-token-for-tests-456789',
    HUB_MASTER_KEY: MASTER_KEY,
    HUB_ADMIN_EMAIL: 'admin@shop.example',
    HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HUB_SMTP_RELAY_URL: context.relay.url,
    HUB_REPLY_FROM: 'support@shop.example',
    HUB_PUBLIC_URL: 'https://support.shop.example',
    HUB_SLA_CHECK_SECONDS: '1',
  });
const MASTER_KEY = randomBytes(32).toString('base64');
const start = (context: Context) => composeHub(config(context), silentLogger(), { now: () => context.clock.now });

async function call(context: Context, method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) {
  const response = await context.hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = response.headers['content-type']?.toString().includes('json');
  return {
    status: response.statusCode,
    type: String(response.headers['content-type'] ?? ''),
    body: (json ? response.json() : {}) as Record<string, unknown>,
    text: response.body,
  };
}

const tehranDay = [{ start: '08:00', end: '16:00' }];
const tehranCalendar = {
  timeZone: 'Asia/Tehran',
  // Sunday .. Saturday: Thursday a half day, Friday off.
  workingHours: [tehranDay, tehranDay, tehranDay, tehranDay, [{ start: '08:00', end: '12:00' }], [], tehranDay],
  holidays: ['2027-03-21', '2027-03-22'],
};
const emailPolicy = {
  name: 'Email, standard',
  calendarId: 'tehran-office',
  appliesTo: { inboxIds: ['email'] },
  targets: { firstResponse: 60, resolution: 480 },
};

interface Row {
  id: string;
  revision: number;
  sla: { dueAt: string | null; state: string | null };
  csatRating: number | null;
}
const inboxRow = async (context: Context, query = '') =>
  ((await call(context, 'GET', `/v1/inbox${query}`, context.tokens.agent)).body.conversations as Row[]).find(
    (row) => row.id === context.conversationId,
  );
const items = async (context: Context) =>
  (await call(context, 'GET', `/v1/conversations/${context.conversationId}`, context.tokens.agent)).body.items as {
    kind: string;
    data: Record<string, unknown>;
  }[];

const sla = suite<Context>('SLA due times, breaches across a restart, and CSAT on the embedded default');
sla.before(
  loudHook(async (context) => {
    context.relay = await startLocalSmtpRelay();
    context.dataDir = await mkdtemp(join(tmpdir(), 'hub-sla-'));
    // Saturday 2026-12-05 09:00Z is 12:30 in Tehran, a working day there.
    context.clock = { now: new Date('2026-12-05T09:00:00Z') };
    context.hub = await start(context);
    const admin = (await signIn(context.hub, 'admin@shop.example', ADMIN_PASSWORD)).token;
    context.tokens = { admin, supervisor: '', agent: '', analyst: '' };
    for (const role of ['supervisor', 'agent', 'analyst'] as const) {
      const email = `${role}@shop.example`;
      const created = await call(context, 'POST', '/v1/users', admin, {
        email,
        displayName: role,
        role,
        password: PASSWORD,
      });
      assert.is(created.status, 201, JSON.stringify(created.body));
      context.tokens[role] = (await signIn(context.hub, email, PASSWORD)).token;
    }
  }),
);
sla.after(async ({ hub, dataDir, relay }) => {
  await hub?.stop();
  await relay?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

sla('a supervisor saves a Tehran calendar and a policy for the email inbox; agents read them', async (context) => {
  const calendar = await call(context, 'PUT', '/v1/service-levels/calendars/tehran-office', context.tokens.supervisor, {
    ...tehranCalendar,
  });
  assert.is(calendar.status, 200, JSON.stringify(calendar.body));
  const policy = await call(context, 'PUT', '/v1/service-levels/policies/email-standard', context.tokens.supervisor, {
    ...emailPolicy,
    revision: calendar.body.revision,
  });
  assert.is(policy.status, 200, JSON.stringify(policy.body));
  const read = await call(context, 'GET', '/v1/service-levels', context.tokens.agent);
  assert.is(read.status, 200);
  assert.equal(
    (read.body.calendars as { id: string; workingHours: unknown[][] }[]).map((c) => [c.id, c.workingHours[5]]),
    [['tehran-office', []]],
    'Friday off',
  );
  assert.equal(
    (read.body.policies as { id: string }[]).map((p) => p.id),
    ['email-standard'],
  );
  // Saved again as it is: nothing new recorded.
  const again = await call(
    context,
    'PUT',
    '/v1/service-levels/policies/email-standard',
    context.tokens.admin,
    emailPolicy,
  );
  assert.is(again.body.changed, false);
  assert.is(again.body.revision, read.body.revision);
});

sla(
  'an email arrives: the inbox shows its first response due an hour of Tehran business time later',
  async (context) => {
    await postEmail(context.hub, customerMail('sla-1@mail.example', 'سفارش ۵۵', 'سفارش من کجاست؟'));
    await context.hub.projectionCaughtUp();
    const [conversation] = (await call(context, 'GET', '/v1/inbox', context.tokens.agent)).body.conversations as Row[];
    assert.ok(conversation);
    context.conversationId = conversation.id;
    // 12:30 Tehran + 60 business minutes = 13:30 Tehran = 10:00Z.
    const row = await waitFor(
      async () => {
        const found = await inboxRow(context);
        return found?.sla.dueAt ? found : undefined;
      },
      { timeoutMs: 20_000, what: 'the due time in the inbox' },
    );
    assert.equal(row.sla, { dueAt: '2026-12-05T10:00:00.000Z', state: 'ok' });
    assert.ok(await inboxRow(context, '?sla=ok&sort=sla-due'), 'the sla filter and sort find it');
    assert.not.ok(await inboxRow(context, '?sla=breached'));
  },
);

sla('the hub is down while the due time passes; started again, it records the breach once', async (context) => {
  await context.hub.stop();
  context.clock.now = new Date('2026-12-05T10:30:00Z');
  context.hub = await start(context);
  const row = await waitFor(
    async () => {
      const found = await inboxRow(context);
      return found?.sla.state === 'breached' ? found : undefined;
    },
    { timeoutMs: 20_000, what: 'the breach in the inbox' },
  );
  assert.is(row.sla.state, 'breached');
  // A few more rounds of the checker, and another restart: still one breach.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await context.hub.stop();
  context.hub = await start(context);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await context.hub.projectionCaughtUp();
  const breaches = (await items(context)).filter((item) => item.kind === 'sla-breached');
  assert.equal(
    breaches.map((b) => [b.data.target, b.data.dueAt]),
    [['first-response', '2026-12-05T10:00:00.000Z']],
  );
  const counts = await call(context, 'GET', '/v1/inbox/counts', context.tokens.agent);
  assert.is(counts.body.breached, 1);
});

sla('resolved: the customer gets a rating link by email; the rating is recorded once', async (context) => {
  const answered = await call(
    context,
    'POST',
    `/v1/conversations/${context.conversationId}/replies`,
    context.tokens.agent,
    {
      text: 'فردا می‌رسد.',
    },
  );
  assert.is(answered.status, 202, JSON.stringify(answered.body));
  await context.hub.projectionCaughtUp();
  const revision = (await call(context, 'GET', `/v1/conversations/${context.conversationId}`, context.tokens.agent))
    .body.revision;
  const resolved = await call(
    context,
    'POST',
    `/v1/conversations/${context.conversationId}/status`,
    context.tokens.agent,
    {
      revision,
      status: 'resolved',
    },
  );
  assert.is(resolved.status, 200, JSON.stringify(resolved.body));
  const raw = await waitFor(
    async () => {
      for (const message of context.relay.messages) {
        const parsed = await simpleParser(message);
        if (parsed.text?.includes('/v1/csat/')) return parsed;
      }
      return undefined;
    },
    { timeoutMs: 20_000, what: 'the rating request at the SMTP relay' },
  );
  assert.is(raw.to && 'text' in raw.to ? raw.to.text : '', 'sara@example.ir');
  assert.is(raw.inReplyTo, '<sla-1@mail.example>', 'threaded with her message');
  const link = /https:\/\/support\.shop\.example\/v1\/csat\/(\S+)/.exec(raw.text ?? '');
  assert.ok(link?.[1], raw.text);
  context.csatToken = link[1];

  const form = await call(context, 'GET', `/v1/csat/${context.csatToken}`);
  assert.is(form.status, 200);
  assert.match(form.type, 'text/html');
  assert.match(form.text, 'name="rating"');

  const rated = await call(context, 'POST', `/v1/csat/${context.csatToken}`, undefined, {
    rating: 4,
    comment: 'خوب بود، ممنون',
  });
  assert.is(rated.status, 201, JSON.stringify(rated.body));
  const shown = await waitFor(
    async () => {
      const body = (await call(context, 'GET', `/v1/conversations/${context.conversationId}`, context.tokens.agent))
        .body;
      return body.csatRating === 4 ? body : undefined;
    },
    { timeoutMs: 10_000, what: 'the rating on the conversation' },
  );
  const csat = (shown.items as { kind: string; data: Record<string, unknown> }[]).find((i) => i.kind === 'csat');
  assert.equal(csat?.data, { rating: 4, comment: 'خوب بود، ممنون' });
  assert.is((await inboxRow(context, '?status=resolved'))?.csatRating, 4);
  const twice = await call(context, 'POST', `/v1/csat/${context.csatToken}`, undefined, { rating: 1 });
  assert.is(twice.status, 409);
  assert.is(twice.body.code, 'CONVERSATION_CONFLICT');
  assert.is(context.relay.messages.filter((m) => m.toString().includes('/v1/csat/')).length, 1, 'one rating request');
});

sla(
  'a tampered, expired or malformed rating answer is refused with problem+json; nothing is recorded',
  async (context) => {
    const before = (await items(context)).length;
    const token = context.csatToken;
    const [id, expires, signature] = token.split('.');
    const cases: [string, unknown, number, string][] = [
      [`${id}.${Number(expires) + 1}.${signature}`, { rating: 5 }, 401, 'INVALID_SIGNATURE'],
      ['not-a-token', { rating: 5 }, 401, 'INVALID_SIGNATURE'],
      [token, { rating: 0 }, 400, 'INVALID_INPUT'],
      [token, { rating: '5' }, 400, 'INVALID_INPUT'],
      [token, { comment: 'no rating' }, 400, 'INVALID_INPUT'],
      [token, { rating: 5, comment: 'x'.repeat(2001) }, 400, 'INVALID_INPUT'],
      [token, '{"rating": 5', 400, 'INVALID_INPUT'],
      [token, { rating: 5, comment: 'x'.repeat(20_000) }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [link, body, status, code] of cases) {
      const response = await call(context, 'POST', `/v1/csat/${link}`, undefined, body);
      assert.is(response.status, status, `${JSON.stringify(body).slice(0, 40)}: ${response.text.slice(0, 200)}`);
      assert.match(response.type, 'application/problem+json');
      assert.is(response.body.code, code);
    }
    context.clock.now = new Date(context.clock.now.getTime() + 15 * 24 * 60 * 60 * 1000);
    const expired = await call(context, 'GET', `/v1/csat/${token}`);
    assert.is(expired.status, 410);
    assert.is(expired.body.code, 'LINK_EXPIRED');
    context.clock.now = new Date(context.clock.now.getTime() - 15 * 24 * 60 * 60 * 1000);
    await context.hub.projectionCaughtUp();
    assert.is((await items(context)).length, before, 'nothing written');
  },
);

sla('settings: bad input is refused with problem+json and nothing saved; a stale revision is 409', async (context) => {
  const { revision } = (await call(context, 'GET', '/v1/service-levels', context.tokens.admin)).body;
  const cases: [string, unknown, number][] = [
    ['/v1/service-levels/calendars/bad', { ...tehranCalendar, timeZone: 'Asia/Atlantis' }, 400],
    ['/v1/service-levels/calendars/bad', { ...tehranCalendar, workingHours: 'weekdays' }, 400],
    [
      '/v1/service-levels/calendars/bad',
      { ...tehranCalendar, workingHours: [[{ start: '16:00', end: '08:00' }], [], [], [], [], [], []] },
      400,
    ],
    ['/v1/service-levels/calendars/bad', { ...tehranCalendar, holidays: ['1405-13-40'] }, 400],
    ['/v1/service-levels/calendars/bad', { ...tehranCalendar, holidays: Array(1001).fill('2027-01-01') }, 400],
    ['/v1/service-levels/calendars/bad', '{"timeZone": ', 400],
    ['/v1/service-levels/calendars/no%20spaces', tehranCalendar, 400],
    ['/v1/service-levels/policies/bad', { ...emailPolicy, calendarId: 'nowhere' }, 400],
    ['/v1/service-levels/policies/bad', { ...emailPolicy, targets: {} }, 400],
    ['/v1/service-levels/policies/bad', { ...emailPolicy, targets: { firstResponse: -5 } }, 400],
    ['/v1/service-levels/policies/bad', { ...emailPolicy, appliesTo: { priorities: ['critical'] } }, 400],
    ['/v1/service-levels/policies/bad', { ...emailPolicy, name: 'x'.repeat(2_000_000) }, 413],
    ['/v1/service-levels/policies/email-standard', { ...emailPolicy, revision: Number(revision) - 1 }, 409],
  ];
  for (const [url, body, status] of cases) {
    const response = await call(context, 'PUT', url, context.tokens.admin, body);
    assert.is(response.status, status, `${url} ${JSON.stringify(body).slice(0, 60)}: ${response.text.slice(0, 300)}`);
    assert.match(response.type, 'application/problem+json');
  }
  const after = (await call(context, 'GET', '/v1/service-levels', context.tokens.admin)).body;
  assert.is(after.revision, revision, 'nothing saved');
});

sla('authorisation: every role against every SLA settings endpoint; the rating link needs none', async (context) => {
  const expected = {
    'GET /v1/service-levels': { admin: 200, supervisor: 200, agent: 200, analyst: 200, none: 401 },
    'PUT /v1/service-levels/calendars/tehran-office': {
      admin: 200,
      supervisor: 200,
      agent: 403,
      analyst: 403,
      none: 401,
    },
    'PUT /v1/service-levels/policies/email-standard': {
      admin: 200,
      supervisor: 200,
      agent: 403,
      analyst: 403,
      none: 401,
    },
  } as const;
  for (const [route, byRole] of Object.entries(expected)) {
    const [method, url] = route.split(' ') as ['GET' | 'PUT', string];
    const body = method === 'GET' ? undefined : url.includes('calendars') ? tehranCalendar : emailPolicy;
    for (const [role, status] of Object.entries(byRole)) {
      const token = role === 'none' ? undefined : context.tokens[role as keyof Context['tokens']];
      const response = await call(context, method, url, token, body);
      assert.is(response.status, status, `${role} ${route}`);
    }
  }
  const signedIn = await call(context, 'GET', `/v1/csat/${context.csatToken}`, context.tokens.analyst);
  assert.is(signedIn.status, 200, 'a session is neither needed nor in the way');
});

sla('the rating link is rate-limited per client address: 429 problem+json past 30 a minute', async (context) => {
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<typeof call>> | undefined;
  for (let i = 0; i < 35; i++) {
    const response = await call(context, 'GET', `/v1/csat/${context.csatToken}`);
    statuses.push(response.status);
    if (response.status === 429) limited = response;
  }
  assert.ok(limited, statuses.join(','));
  assert.match(limited.type, 'application/problem+json');
  assert.is(limited.body.code, 'RATE_LIMITED');
});

sla.run();
