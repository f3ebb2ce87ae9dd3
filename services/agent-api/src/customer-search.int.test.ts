import { randomUUID } from 'node:crypto';
import { accessMigrations, createAccess } from '@hub/access';
import { createInMemoryEventStore } from '@hub/event-store';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { useProblemDetails } from '@hub/http';
import { createIdentityIndex, identityIndexMigrations } from '@hub/identity-index';
import { createSqlKeyStore, keyStoreMigrations } from '@hub/personal-data';
import { projectionMigrations, useReadModelSchema } from '@hub/projections';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { applyTimelinePage, timelineMigrations } from '@hub/timeline';
import Fastify, { type FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAuthenticate } from './access/authenticate.ts';
import { registerCustomerRoutes } from './customer.routes.ts';

// GET /v1/customers?q= through HTTP, on the embedded engine (PGlite), as an agent's client sees it.
const TOKEN = 'customer-search-agent-token';
const ali = '7c1d2e00-0000-4a5b-8c9d-000000000001';
const reza = (n: number) => `7c1d2e00-0000-4a5b-8c9d-${String(100 + n).padStart(12, '0')}`;

const registered = (customerId: string, displayName: string, phone?: string): DomainEvent[] => [
  { type: 'CustomerRegistered', data: { customerId, displayName, firstChannel: 'phone' } },
  ...(phone
    ? [
        {
          type: 'CustomerIdentifierLinked' as const,
          data: { customerId, identifier: { kind: 'phone' as const, value: phone }, interactionId: null },
        },
      ]
    : []),
];

interface Context {
  db: SqlDatabase;
  app: FastifyInstance;
}

const search = suite<Context>('GET /v1/customers?q=');

search.before(async (context) => {
  const db = await openPGlite();
  await runMigrations(db, [
    ...eventStoreMigrations,
    ...keyStoreMigrations,
    ...identityIndexMigrations,
    ...projectionMigrations,
    ...timelineMigrations,
    ...accessMigrations,
  ]);
  const history = createInMemoryEventStore();
  const events = [
    ...registered(ali, 'علی کریمی', '+989123456789'),
    ...Array.from({ length: 12 }, (_, n) => registered(reza(n), `Reza ${n}`)).flat(),
  ];
  for (const event of events) {
    const customerId = (event.data as { customerId: string }).customerId;
    await history.appendToStream(customerStream(customerId), [
      encodeEvent(event, { id: randomUUID(), occurredAt: new Date('2026-11-01T08:00:00Z') }),
    ]);
  }
  await db.transaction(async (tx) => {
    await useReadModelSchema(tx, 'read_models');
    await applyTimelinePage(tx, await history.readAll());
  });
  const store = createPostgresEventStore(db);
  const now = () => new Date('2026-11-01T09:00:00Z');
  const access = createAccess({ db, store, now, newId: randomUUID });
  const app = Fastify();
  useProblemDetails(app);
  const noop = async () => 0;
  await app.register(async (scope) =>
    registerCustomerRoutes(scope, {
      store,
      keys: createSqlKeyStore(db),
      index: createIdentityIndex(db, Buffer.alloc(32, 1)),
      readModels: db,
      rawPayloads: { deletePayloads: noop, purgeParseFailures: noop },
      attachments: { deleteAttachments: noop },
      deadLetters: { purge: noop },
      logKeys: { transport: Buffer.alloc(32, 2), partition: Buffer.alloc(32, 3) },
      authenticate: createAuthenticate({ access, legacyAgentToken: TOKEN }),
      defaultPhoneRegion: 'IR',
      now,
    }),
  );
  Object.assign(context, { db, app });
});

search.after(async ({ app, db }) => {
  await app.close();
  await db.close();
});

const get = (app: FastifyInstance, query: string) =>
  app.inject({ method: 'GET', url: `/v1/customers?${query}`, headers: { authorization: `Bearer ${TOKEN}` } });
const q = (text: string) => `q=${encodeURIComponent(text)}`;

search('finds by a phone written as the agent heard it, read in the default region', async ({ app }) => {
  for (const typed of ['۰۹۱۲ ۳۴۵ ۶۷۸۹', '(0912) 345-6789', '+98 912 345 6789']) {
    const response = await get(app, q(typed));
    assert.is(response.statusCode, 200, typed);
    const body = response.json();
    assert.equal(
      body.customers.map((c: { id: string; match: string }) => [c.id, c.match]),
      [[ali, 'exact']],
      typed,
    );
  }
});

search('pages with nextCursor until it is null', async ({ app }) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await get(app, `${q('reza')}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
    assert.is(response.statusCode, 200);
    const body = response.json() as { customers: { id: string }[]; nextCursor: string | null };
    seen.push(...body.customers.map((c) => c.id));
    cursor = body.nextCursor;
  } while (cursor);
  assert.is(seen.length, 12);
  assert.is(new Set(seen).size, 12, 'none twice');
});

search('bad input is a 400 problem naming q (or the cursor), never a 500', async ({ app }) => {
  const refused: [string, string][] = [
    ['q=', 'q'],
    ['', 'q'],
    [q('x'.repeat(10 * 1024)), 'q'],
    [q('ali\u0000karimi'), 'q'],
    [q('ali\u001b[2J'), 'q'],
    [q('\u200c\u0640'), 'q'],
    [`${q('reza')}&cursor=${'A'.repeat(40)}`, 'cursor'],
    [`${q('reza')}&limit=0`, 'limit'],
  ];
  for (const [query, field] of refused) {
    const response = await get(app, query);
    assert.is(response.statusCode, 400, query.slice(0, 40));
    assert.match(String(response.headers['content-type']), 'application/problem+json');
    assert.match(response.json().detail, new RegExp(`\\b${field}\\b`), query.slice(0, 40));
  }
});

search('LIKE, regular-expression and full-text operators are searched for as they are', async ({ app }) => {
  for (const typed of ['%', '_', '\\', '%%%', '.*', 'a|b', "&|!():*<>'", 'reza & !ali', '[[:alpha:]]+']) {
    const response = await get(app, q(typed));
    assert.is(response.statusCode, 200, typed);
    assert.equal(response.json().customers, [], typed);
  }
});

search.run();
