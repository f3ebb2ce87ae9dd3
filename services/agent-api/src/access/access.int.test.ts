import { randomUUID } from 'node:crypto';
import { type Access, accessMigrations, createAccess, ensureFirstAdmin, isUserEvent, type UserRole } from '@hub/access';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { decodeEvent, userStream } from '@hub/events';
import { useProblemDetails } from '@hub/http';
import { createIdentityIndex, identityIndexMigrations } from '@hub/identity-index';
import { createSqlKeyStore, keyStoreMigrations } from '@hub/personal-data';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { timelineMigrations } from '@hub/timeline';
import Fastify, { type FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registerCustomerRoutes } from '../customer.routes.ts';
import { registerAccessRoutes } from './access.routes.ts';
import { createAuthenticate } from './authenticate.ts';

// The agent API's sign-in, users and tokens on real PostgreSQL, through HTTP as a client sees it.
const ADMIN = { email: 'Admin@Example.ir', password: 'first-admin-password-1' };
const LEGACY = 'legacy-agent-token-for-tests';
const HOUR = 60 * 60 * 1000;

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  access: Access;
  app: FastifyInstance;
  clock: Date;
}

const access = suite<Context>('users, roles, sign-in and API tokens');

access.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'access' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
  await runMigrations(context.db, [
    ...eventStoreMigrations,
    ...keyStoreMigrations,
    ...identityIndexMigrations,
    ...timelineMigrations,
    ...accessMigrations,
  ]);
  context.store = createPostgresEventStore(context.db);
  context.clock = new Date('2026-03-01T08:00:00Z');
  const now = () => context.clock;
  context.access = createAccess({ db: context.db, store: context.store, now, newId: randomUUID });
  const firstAdmin = { email: ADMIN.email, password: async () => ADMIN.password };
  assert.ok(await ensureFirstAdmin(context.access, firstAdmin), 'the first admin is created on an empty hub');
  assert.not.ok(await ensureFirstAdmin(context.access, firstAdmin), 'and only then');
  const app = Fastify();
  useProblemDetails(app);
  const authenticate = createAuthenticate({ access: context.access, legacyAgentToken: LEGACY });
  await app.register(async (scope) =>
    registerAccessRoutes(scope, { access: context.access, authenticate, secureCookie: true, now }),
  );
  const noop = async () => 0;
  await app.register(async (scope) =>
    registerCustomerRoutes(scope, {
      store: context.store,
      keys: createSqlKeyStore(context.db),
      index: createIdentityIndex(context.db, Buffer.alloc(32, 1)),
      readModels: context.db,
      rawPayloads: { deletePayloads: noop, purgeParseFailures: noop },
      attachments: { deleteAttachments: noop },
      deadLetters: { purge: noop },
      logKeys: { transport: Buffer.alloc(32, 2), partition: Buffer.alloc(32, 3) },
      authenticate,
      defaultPhoneRegion: undefined,
      now,
    }),
  );
  context.app = app;
});

access.after(async ({ app, db, store, database }) => {
  await app.close();
  await store.close();
  await db.close();
  await database.drop();
});

interface Call {
  readonly token?: string;
  readonly body?: unknown;
  readonly payload?: string;
  readonly headers?: Record<string, string>;
}

const call = (app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: Call = {}) =>
  app.inject({
    method,
    url,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined || options.payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });

async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const response = await call(app, 'POST', '/v1/auth/sign-in', { body: { email, password } });
  assert.is(response.statusCode, 200, response.body);
  return response.json().token;
}

/** A user of `role` (created by the admin) and a session of theirs. */
async function userWithRole(context: Context, role: UserRole, admin: string) {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.ir`;
  const password = `${role}-password-long-enough`;
  const created = await call(context.app, 'POST', '/v1/users', {
    token: admin,
    body: { email, displayName: `A ${role}`, role, password },
  });
  assert.is(created.statusCode, 201, created.body);
  return {
    userId: created.json().userId as string,
    email,
    password,
    token: await signIn(context.app, email, password),
  };
}

const countRows = async (db: SqlDatabase, table: string) =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access.${table}`))[0]?.n);

access(
  'sign-in answers a session token, its expiry, the user and an HttpOnly SameSite=Strict Secure cookie',
  async ({ app }) => {
    const response = await call(app, 'POST', '/v1/auth/sign-in', {
      body: { email: 'ADMIN@example.IR', password: ADMIN.password },
    });
    assert.is(response.statusCode, 200, response.body);
    const body = response.json();
    assert.match(body.token, /^hub_s_/);
    assert.is(body.expiresAt, '2026-03-01T20:00:00.000Z', '12 hours after sign-in');
    assert.is(body.user.email, 'admin@example.ir');
    assert.is(body.user.role, 'admin');
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^hub_session=hub_s_/);
    for (const flag of ['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/']) assert.ok(cookie.includes(flag), flag);
    const me = await call(app, 'GET', '/v1/auth/me', { token: body.token });
    assert.is(me.json().user.userId, body.user.userId);
    const byCookie = await call(app, 'GET', '/v1/auth/me', {
      headers: { cookie: `other=1; hub_session=${body.token}` },
    });
    assert.is(byCookie.statusCode, 200, 'the cookie signs in as well');
  },
);

access('a wrong password and an unknown email get the same 401, and no session', async ({ app, db }) => {
  const before = await countRows(db, 'sessions');
  const wrong = await call(app, 'POST', '/v1/auth/sign-in', {
    body: { email: ADMIN.email, password: 'not-it-at-all' },
  });
  const unknown = await call(app, 'POST', '/v1/auth/sign-in', {
    body: { email: 'nobody@example.ir', password: 'not-it-at-all' },
  });
  assert.is(wrong.statusCode, 401);
  assert.is(unknown.statusCode, 401);
  assert.is(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.is(wrong.json().detail, unknown.json().detail);
  assert.is(await countRows(db, 'sessions'), before);
});

access(
  'five failures for one email in 15 minutes answer 429 with retry-after, even with the right password',
  async (context) => {
    const { app } = context;
    const admin = await signIn(app, ADMIN.email, ADMIN.password);
    const target = await userWithRole(context, 'agent', admin);
    for (let i = 0; i < 5; i++) {
      const failed = await call(app, 'POST', '/v1/auth/sign-in', {
        body: { email: target.email, password: `guess-${i}` },
      });
      assert.is(failed.statusCode, 401);
    }
    const limited = await call(app, 'POST', '/v1/auth/sign-in', {
      body: { email: target.email, password: target.password },
    });
    assert.is(limited.statusCode, 429, limited.body);
    assert.is(limited.json().code, 'RATE_LIMITED');
    assert.is(limited.headers['retry-after'], '900');
    context.clock = new Date(context.clock.getTime() + 15 * 60 * 1000 + 1000);
    await signIn(app, target.email, target.password);
  },
);

access('a session ends after 12 idle hours; use extends it, up to 7 days after sign-in', async (context) => {
  const { app } = context;
  const idle = await signIn(app, ADMIN.email, ADMIN.password);
  const used = await signIn(app, ADMIN.email, ADMIN.password);
  const start = context.clock.getTime();
  context.clock = new Date(start + 11 * HOUR);
  assert.is((await call(app, 'GET', '/v1/auth/me', { token: used })).statusCode, 200);
  context.clock = new Date(start + 12 * HOUR + 60_000);
  assert.is((await call(app, 'GET', '/v1/auth/me', { token: idle })).statusCode, 401, 'unused for 12 h');
  assert.is((await call(app, 'GET', '/v1/auth/me', { token: used })).statusCode, 200, 'used 1 h ago');
  for (let hours = 23; hours < 7 * 24; hours += 11) {
    context.clock = new Date(start + hours * HOUR);
    assert.is((await call(app, 'GET', '/v1/auth/me', { token: used })).statusCode, 200, `after ${hours} h`);
  }
  context.clock = new Date(start + 7 * 24 * HOUR + 60_000);
  assert.is((await call(app, 'GET', '/v1/auth/me', { token: used })).statusCode, 401, 'past the absolute limit');
});

access('sign-out ends the session and clears the cookie', async ({ app }) => {
  const token = await signIn(app, ADMIN.email, ADMIN.password);
  const out = await call(app, 'POST', '/v1/auth/sign-out', { token });
  assert.is(out.statusCode, 204);
  assert.match(String(out.headers['set-cookie']), /hub_session=;.*Max-Age=0/);
  assert.is((await call(app, 'GET', '/v1/auth/me', { token })).statusCode, 401);
});

access('an API token is shown once, works with its role, and stops working when revoked', async ({ app, db }) => {
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  const created = await call(app, 'POST', '/v1/api-tokens', {
    token: admin,
    body: { name: 'crm-sync', role: 'analyst' },
  });
  assert.is(created.statusCode, 201, created.body);
  const { token, tokenId } = created.json();
  assert.match(token, /^hub_t_/);
  const stored = await db.query<{ token_digest: string }>('SELECT token_digest FROM access.api_tokens');
  assert.not.ok(
    stored.some((row) => row.token_digest.includes(token)),
    'only the hash is kept',
  );
  assert.is((await call(app, 'GET', '/v1/customers?q=sara', { token })).statusCode, 200);
  assert.is((await call(app, 'GET', '/v1/users', { token })).statusCode, 403, 'an analyst token manages no users');
  const listed = await call(app, 'GET', '/v1/api-tokens', { token: admin });
  const entry = listed.json().tokens.find((t: { tokenId: string }) => t.tokenId === tokenId);
  assert.is(entry.name, 'crm-sync');
  assert.is(entry.token, undefined, 'a listed token never shows the secret');
  assert.is((await call(app, 'DELETE', `/v1/api-tokens/${tokenId}`, { token: admin })).statusCode, 204);
  assert.is((await call(app, 'GET', '/v1/customers?q=sara', { token })).statusCode, 401);
  assert.is(
    (await call(app, 'GET', '/v1/customers?q=sara', { token: LEGACY })).statusCode,
    200,
    'HUB_AGENT_TOKEN still works',
  );
});

access(
  'users: emails are unique case-folded; the last admin stays; deactivation ends sessions; events name the actor',
  async (context) => {
    const { app, store } = context;
    const admin = await signIn(app, ADMIN.email, ADMIN.password);
    const me = (await call(app, 'GET', '/v1/auth/me', { token: admin })).json().user;
    const agent = await userWithRole(context, 'agent', admin);
    const duplicate = await call(app, 'POST', '/v1/users', {
      token: admin,
      body: { email: agent.email.toUpperCase(), displayName: 'Twin', role: 'agent' },
    });
    assert.is(duplicate.statusCode, 409);
    assert.is(duplicate.json().code, 'ALREADY_EXISTS');
    const demoteSelf = await call(app, 'PATCH', `/v1/users/${me.userId}`, { token: admin, body: { role: 'agent' } });
    assert.is(demoteSelf.statusCode, 409);
    assert.is(demoteSelf.json().code, 'LAST_ADMIN');
    const off = await call(app, 'PATCH', `/v1/users/${agent.userId}`, { token: admin, body: { active: false } });
    assert.is(off.statusCode, 200, off.body);
    assert.is(off.json().active, false);
    assert.is((await call(app, 'GET', '/v1/auth/me', { token: agent.token })).statusCode, 401, 'the session ended');
    const again = await call(app, 'POST', '/v1/auth/sign-in', {
      body: { email: agent.email, password: agent.password },
    });
    assert.is(again.statusCode, 401, 'a deactivated user cannot sign in');
    const stale = await call(app, 'PATCH', `/v1/users/${agent.userId}`, {
      token: admin,
      body: { active: true, seenRevision: 0 },
    });
    assert.is(stale.statusCode, 409, 'a change from an old view is refused');
    assert.is(stale.json().code, 'WRONG_EXPECTED_REVISION');
    const history = (await store.readStream(userStream(agent.userId))).map(decodeEvent).filter(isUserEvent);
    assert.equal(
      history.map((event) => event.type),
      ['UserCreated', 'UserPasswordChanged', 'UserDeactivated'],
    );
    for (const event of history) assert.equal(event.data.actor, { kind: 'agent', userId: me.userId });
    assert.not.ok(JSON.stringify(history).includes(agent.password));
  },
);

access('a user changes their own password with the current one; an admin resets anyone', async (context) => {
  const { app } = context;
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  const agent = await userWithRole(context, 'agent', admin);
  const url = `/v1/users/${agent.userId}/password`;
  const wrong = await call(app, 'POST', url, {
    token: agent.token,
    body: { password: 'a-brand-new-password', currentPassword: 'not-the-current' },
  });
  assert.is(wrong.statusCode, 403);
  const other = await userWithRole(context, 'supervisor', admin);
  const foreign = await call(app, 'POST', `/v1/users/${other.userId}/password`, {
    token: agent.token,
    body: { password: 'a-brand-new-password' },
  });
  assert.is(foreign.statusCode, 403, 'an agent resets nobody else');
  const own = await call(app, 'POST', url, {
    token: agent.token,
    body: { password: 'a-brand-new-password', currentPassword: agent.password },
  });
  assert.is(own.statusCode, 204, own.body);
  const old = await call(app, 'POST', '/v1/auth/sign-in', { body: { email: agent.email, password: agent.password } });
  assert.is(old.statusCode, 401);
  await signIn(app, agent.email, 'a-brand-new-password');
  const reset = await call(app, 'POST', url, { token: admin, body: { password: 'reset-by-the-admin-1' } });
  assert.is(reset.statusCode, 204);
  assert.is(
    (await call(app, 'GET', '/v1/auth/me', { token: agent.token })).statusCode,
    401,
    'a reset ends their sessions',
  );
  await signIn(app, agent.email, 'reset-by-the-admin-1');
});

// Every endpoint against every role. Allowed calls are made with input that is refused (400) or
// names nobody (404), so the table writes nothing; the cell says only whether the role got in.
const someone = randomUUID();
const endpoints: ReadonlyArray<{
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  allowed: Record<string, number>;
}> = [
  { method: 'GET', url: '/v1/auth/me', allowed: { agent: 200, supervisor: 200, analyst: 200, admin: 200 } },
  { method: 'GET', url: '/v1/users', allowed: { admin: 200 } },
  { method: 'POST', url: '/v1/users', body: { email: 'x' }, allowed: { admin: 400 } },
  { method: 'PATCH', url: `/v1/users/${someone}`, body: {}, allowed: { admin: 400 } },
  { method: 'POST', url: `/v1/users/${someone}/password`, body: { password: 'short' }, allowed: { admin: 400 } },
  { method: 'GET', url: '/v1/api-tokens', allowed: { admin: 200 } },
  { method: 'POST', url: '/v1/api-tokens', body: { role: 'root' }, allowed: { admin: 400 } },
  { method: 'DELETE', url: `/v1/api-tokens/${someone}`, allowed: { admin: 404 } },
  { method: 'GET', url: '/v1/customers?q=sara', allowed: { agent: 200, supervisor: 200, analyst: 200, admin: 200 } },
  {
    method: 'GET',
    url: '/v1/customers/lookup?email=nobody@example.ir',
    allowed: { agent: 404, supervisor: 404, analyst: 404, admin: 404 },
  },
  {
    method: 'GET',
    url: `/v1/customers/${someone}`,
    allowed: { agent: 404, supervisor: 404, analyst: 404, admin: 404 },
  },
  {
    method: 'GET',
    url: `/v1/customers/${someone}/timeline`,
    allowed: { agent: 404, supervisor: 404, analyst: 404, admin: 404 },
  },
  { method: 'POST', url: `/v1/customers/${someone}/merges`, body: {}, allowed: { supervisor: 400, admin: 400 } },
  { method: 'DELETE', url: '/v1/customers/not-a-uuid/merges/not-a-uuid', allowed: { supervisor: 400, admin: 400 } },
  { method: 'DELETE', url: '/v1/customers/not-a-uuid', allowed: { admin: 400 } },
];

access('authorisation table: every role against every endpoint', async (context) => {
  const admin = await signIn(context.app, ADMIN.email, ADMIN.password);
  const tokens: Record<string, string> = { admin };
  for (const role of ['agent', 'supervisor', 'analyst'] as const)
    tokens[role] = (await userWithRole(context, role, admin)).token;
  const users = await countRows(context.db, 'users');
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    for (const role of ['nobody', 'agent', 'supervisor', 'analyst', 'admin']) {
      const token = tokens[role];
      const response = await call(context.app, endpoint.method, endpoint.url, {
        ...(token ? { token } : {}),
        ...(endpoint.body !== undefined ? { body: endpoint.body } : {}),
      });
      const expected = token ? (endpoint.allowed[role] ?? 403) : 401;
      if (response.statusCode !== expected) {
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: ${response.statusCode}, expected ${expected}`);
      }
      if (
        response.statusCode >= 400 &&
        !String(response.headers['content-type']).startsWith('application/problem+json')
      ) {
        problems.push(`${role} ${endpoint.method} ${endpoint.url}: not problem+json`);
      }
    }
  }
  assert.equal(problems, []);
  assert.is(await countRows(context.db, 'users'), users, 'nothing was written');
});

access('bad input answers 4xx problem+json and writes nothing', async ({ app, db }) => {
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  const users = await countRows(db, 'users');
  const tokens = await countRows(db, 'api_tokens');
  const cases: Array<[string, 'POST' | 'PATCH', string, Call, number]> = [
    ['malformed JSON', 'POST', '/v1/users', { token: admin, payload: '{"email": ' }, 400],
    [
      'oversized',
      'POST',
      '/v1/users',
      { token: admin, body: { email: 'big@example.ir', displayName: 'x'.repeat(17 * 1024), role: 'agent' } },
      413,
    ],
    ['wrong types', 'POST', '/v1/users', { token: admin, body: { email: 42, displayName: [], role: 'agent' } }, 400],
    [
      'unknown role',
      'POST',
      '/v1/users',
      { token: admin, body: { email: 'r@example.ir', displayName: 'R', role: 'root' } },
      400,
    ],
    ['unknown field', 'POST', '/v1/api-tokens', { token: admin, body: { name: 'n', role: 'agent', extra: 1 } }, 400],
    ['token without a name', 'POST', '/v1/api-tokens', { token: admin, body: { role: 'agent' } }, 400],
    ['sign-in with wrong types', 'POST', '/v1/auth/sign-in', { body: { email: ['a'], password: 1 } }, 400],
    ['sign-in malformed', 'POST', '/v1/auth/sign-in', { payload: 'email=a' }, 400],
    ['a user id that is not one', 'PATCH', '/v1/users/42', { token: admin, body: { active: false } }, 400],
    ['active as text', 'PATCH', `/v1/users/${someone}`, { token: admin, body: { active: 'no' } }, 400],
  ];
  for (const [name, method, url, options, status] of cases) {
    const response = await call(app, method, url, options);
    assert.is(response.statusCode, status, `${name}: ${response.body}`);
    assert.ok(String(response.headers['content-type']).startsWith('application/problem+json'), name);
  }
  assert.is(await countRows(db, 'users'), users);
  assert.is(await countRows(db, 'api_tokens'), tokens);
});

access.run();
