import { randomUUID } from 'node:crypto';
import { type Access, accessMigrations, createAccess, ensureFirstAdmin } from '@hub/access';
import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { useProblemDetails } from '@hub/http';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registerAccessRoutes } from './access/access.routes.ts';
import { createAuthenticate } from './access/authenticate.ts';
import { type DeclaredWebForm, registerWebFormRoutes } from './web-form.routes.ts';

// GET /v1/web-forms on real PostgreSQL, through HTTP as the console sees it: the forms file's
// declarations for an admin, nobody else.
const ADMIN = { email: 'admin@shop.example', password: 'first-admin-password-1' };
const AGENT = { email: 'maryam@shop.example', password: 'maryam-password-long' };

const forms: DeclaredWebForm[] = [
  {
    id: 'contact-us',
    fields: { email: 'email', name: 'full_name', message: 'body' },
    honeypot: 'website',
    thankYouUrl: 'https://shop.example/thanks',
  },
  { id: 'callback', fields: { phone: 'tel' } },
];

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
  access: Access;
  app: FastifyInstance;
}

const webForms = suite<Context>('the declared web forms, for admins');

webForms.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'web_forms' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 2 });
  await runMigrations(context.db, [...eventStoreMigrations, ...accessMigrations]);
  context.store = createPostgresEventStore(context.db);
  const now = () => new Date('2026-12-06T08:00:00Z');
  context.access = createAccess({ db: context.db, store: context.store, now, newId: randomUUID });
  await ensureFirstAdmin(context.access, { email: ADMIN.email, password: async () => ADMIN.password });
  const app = Fastify();
  useProblemDetails(app);
  const authenticate = createAuthenticate({ access: context.access });
  await app.register(async (scope) =>
    registerAccessRoutes(scope, { access: context.access, authenticate, secureCookie: true, now }),
  );
  await app.register(async (scope) => {
    scope.addHook('onRequest', authenticate);
    await registerWebFormRoutes(scope, { webForms: forms });
  });
  context.app = app;
});

webForms.after(async ({ app, db, store, database }) => {
  await app.close();
  await store.close();
  await db.close();
  await database.drop();
});

const list = (app: FastifyInstance, token?: string) =>
  app.inject({
    method: 'GET',
    url: '/v1/web-forms',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email, password } });
  assert.is(response.statusCode, 200, response.body);
  return response.json().token;
}

webForms('without credentials: 401, and nothing about the forms', async ({ app }) => {
  const response = await list(app);
  assert.is(response.statusCode, 401);
  assert.is(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.not.match(response.body, /contact-us/);
});

webForms('an agent: 403 naming the permission', async ({ app }) => {
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  const created = await app.inject({
    method: 'POST',
    url: '/v1/users',
    headers: { authorization: `Bearer ${admin}` },
    payload: { email: AGENT.email, displayName: 'Maryam', role: 'agent', password: AGENT.password },
  });
  assert.is(created.statusCode, 201, created.body);
  const response = await list(app, await signIn(app, AGENT.email, AGENT.password));
  assert.is(response.statusCode, 403);
  assert.is(response.json().code, 'FORBIDDEN');
  assert.match(response.json().detail, /settings:manage/);
});

webForms('an admin: every form, its fields, and the public path to post to', async ({ app }) => {
  const response = await list(app, await signIn(app, ADMIN.email, ADMIN.password));
  assert.is(response.statusCode, 200, response.body);
  assert.equal(response.json(), {
    forms: [
      {
        formId: 'contact-us',
        fields: { email: 'email', name: 'full_name', message: 'body' },
        honeypot: 'website',
        thankYouUrl: 'https://shop.example/thanks',
        endpoint: '/v1/channels/webform/contact-us',
      },
      {
        formId: 'callback',
        fields: { phone: 'tel' },
        honeypot: null,
        thankYouUrl: null,
        endpoint: '/v1/channels/webform/callback',
      },
    ],
  });
});

webForms.run();
