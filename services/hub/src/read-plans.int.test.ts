import { randomBytes } from 'node:crypto';
import { silentLogger } from '@hub/logger';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import type { RouteOptions } from 'fastify';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { CHANNEL_TOKEN, customerMail, FIRST_ADMIN, postEmail, signIn } from './testing/agent-workspace.fixture.ts';
import { bulkId, fillReadModels } from './testing/bulk-read-models.ts';
import { type CapturedStatement, createStatementCapture } from './testing/statement-capture.ts';

// Every read the agent API makes, planned on a freshly migrated schema filled with 100,000
// customers (and their timeline, conversations, cases, audit trail, identity index, events) and
// never analyzed: what the planner does right after a bulk load. The statements are the ones the
// real routes send (captured under the hub's database), so a new query cannot slip past; a GET
// route the table below does not call fails the test.

/** A table at least this large is never read whole by a request. */
const LARGE_TABLE_ROWS = 10_000;

/**
 * Scans this part of the work does not own, each with the reason: remove an entry once its fix is
 * in (the test then says so).
 */
const KNOWN_SCANS: ReadonlyMap<string, string> = new Map([]);

/** Channel intake (webhook checks, the chat widget's script and socket): no read model behind them. */
const INTAKE = '/v1/channels/';

/** Routes called with the channel token rather than the admin's session. */
const CHANNEL_ROUTES = new Set(['/v1/parse-failures']);

/** Routes this test does not call, with the reason. */
const NOT_CALLED: ReadonlyMap<string, string> = new Map([
  ['GET /v1/live', 'a server-sent event stream (never ends under inject); it reads the store, not read models'],
  ['GET /v1/csat/:token', 'public rating form behind a signed link; reads one conversation stream'],
  [
    'GET /v1/admin/exports/events',
    'NDJSON/CSV of the whole store, read a page at a time in global order (the index readAll uses)',
  ],
]);

interface Ids {
  customer: string;
  conversation: string;
  caseId: string;
  caseNumber: string;
  bulkCustomer: string;
  bulkConversation: string;
  bulkAgent: string;
  bulkTeam: string;
  bulkInbox: string;
}

/** The analytics routes' range: the week before the run (the bulk facts reach back a year). */
const lastWeek = `from=${encodeURIComponent(new Date(Date.now() - 7 * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;

/** A replay recorded before the routes are called, for `GET /v1/admin/replays/:id`. */
const READ_PLANS_REPLAY = '7e0b6a52-3c1d-4f7a-9a51-0d2b5c8e4f10';

/** Each GET route of the agent API and the requests that exercise its queries (filters, cursors). */
const requests = (ids: Ids): Record<string, string[]> => ({
  '/v1/customers': ['/v1/customers?q=customer4242', '/v1/customers?q=sara'],
  '/v1/customers/lookup': [
    '/v1/customers/lookup?email=customer4242%40example.com',
    '/v1/customers/lookup?phone=%2B989120004242',
    '/v1/customers/lookup?handle=telegram%3A4242',
  ],
  '/v1/customers/:id': [
    `/v1/customers/${ids.customer}`,
    `/v1/customers/${ids.customer}?asOf=${encodeURIComponent(new Date().toISOString())}`,
  ],
  '/v1/customers/:id/timeline': [
    `/v1/customers/${ids.customer}/timeline?limit=1`,
    `/v1/customers/${ids.customer}/timeline?limit=5&asOf=${encodeURIComponent(new Date().toISOString())}`,
    `/v1/customers/${ids.bulkCustomer}/timeline?limit=1`,
  ],
  '/v1/customers/:id/profile': [
    `/v1/customers/${ids.customer}/profile`,
    `/v1/customers/${ids.customer}/profile?asOf=${encodeURIComponent(new Date().toISOString())}`,
  ],
  '/v1/customers/:id/export': [`/v1/customers/${ids.customer}/export`],
  '/v1/search/messages': [
    '/v1/search/messages?q=order',
    '/v1/search/messages?q=%D8%B3%D9%81%D8%A7%D8%B1%D8%B4',
    `/v1/search/messages?q=order&customer=${ids.customer}`,
    '/v1/search/messages?q=order&channel=email&from=2026-01-01T00:00:00Z',
  ],
  '/v1/inbox': [
    '/v1/inbox?limit=20',
    '/v1/inbox?status=all&limit=20',
    `/v1/inbox?assignee=${ids.bulkAgent}`,
    '/v1/inbox?assignee=me',
    `/v1/inbox?team=${ids.bulkTeam}`,
    `/v1/inbox?inbox=${ids.bulkInbox}&status=pending`,
    '/v1/inbox?label=vip',
    '/v1/inbox?channel=email&status=snoozed',
    '/v1/inbox?sla=breached',
    `/v1/inbox?customer=${ids.bulkCustomer}&status=all`,
    '/v1/inbox?sort=sla-due',
  ],
  '/v1/inbox/counts': ['/v1/inbox/counts', `/v1/inbox/counts?team=${ids.bulkTeam}`],
  '/v1/conversations/:id': [
    `/v1/conversations/${ids.conversation}`,
    `/v1/conversations/${ids.conversation}?asOf=${encodeURIComponent(new Date().toISOString())}`,
  ],
  // The bulk conversations are read-model rows only; the reply options read the conversation's stream.
  '/v1/conversations/:id/reply-options': [`/v1/conversations/${ids.conversation}/reply-options`],
  '/v1/cases': [
    '/v1/cases?limit=20',
    '/v1/cases?status=investigating',
    '/v1/cases?kind=complaint',
    `/v1/cases?owner=${ids.bulkAgent}`,
    '/v1/cases?owner=me',
    `/v1/cases?customer=${ids.bulkCustomer}`,
    `/v1/cases?conversation=${ids.bulkConversation}`,
  ],
  '/v1/cases/:ref': [`/v1/cases/${ids.caseId}`, `/v1/cases/${ids.caseNumber}`],
  '/v1/audit': [
    `/v1/audit?actor=${ids.bulkAgent}&limit=20`,
    '/v1/audit?actor=me',
    `/v1/audit?conversation=${ids.bulkConversation}`,
    `/v1/audit?customer=${ids.bulkCustomer}`,
  ],
  '/v1/teams': ['/v1/teams'],
  '/v1/products': ['/v1/products?limit=20', '/v1/products?after=tea'],
  '/v1/orders/:id': ['/v1/orders/SO-77'],
  '/v1/inboxes': ['/v1/inboxes'],
  '/v1/presence': ['/v1/presence'],
  '/v1/agents/workload': ['/v1/agents/workload'],
  '/v1/users': ['/v1/users'],
  '/v1/colleagues': ['/v1/colleagues'],
  '/v1/web-forms': ['/v1/web-forms'],
  '/v1/admin/replays': ['/v1/admin/replays?limit=20'],
  '/v1/admin/replays/:id': [`/v1/admin/replays/${READ_PLANS_REPLAY}`],
  '/v1/api-tokens': ['/v1/api-tokens'],
  '/v1/auth/me': ['/v1/auth/me'],
  '/v1/service-levels': ['/v1/service-levels'],
  '/v1/canned-responses': ['/v1/canned-responses'],
  '/v1/parse-failures': ['/v1/parse-failures?limit=5'],
  '/v1/analytics/volumes': [
    `/v1/analytics/volumes?${lastWeek}&granularity=hour&groupBy=channel`,
    `/v1/analytics/volumes?${lastWeek}&groupBy=agent&team=team-1&timeZone=Asia/Tehran&asOf=${encodeURIComponent(new Date().toISOString())}`,
  ],
  '/v1/analytics/response-times': [
    `/v1/analytics/response-times?${lastWeek}&metric=first&hours=business&groupBy=agent`,
    `/v1/analytics/response-times?${lastWeek}&metric=resolution&channel=chat`,
  ],
  '/v1/analytics/sla': [`/v1/analytics/sla?${lastWeek}&groupBy=team`],
  '/v1/analytics/csat': [`/v1/analytics/csat?${lastWeek}&groupBy=agent`],
  '/v1/analytics/channels': [
    `/v1/analytics/channels?${lastWeek}`,
    `/v1/analytics/channels?${lastWeek}&customer=${ids.bulkCustomer}`,
  ],
  '/v1/analytics/social': [`/v1/analytics/social?${lastWeek}&groupBy=topic`],
  '/v1/analytics/segments': ['/v1/analytics/segments', '/v1/analytics/segments?asOf=2026-12-01T00:00:00Z&currency=EUR'],
  '/v1/analytics/segments/:segment/customers': ['/v1/analytics/segments/new-customers/customers?limit=1'],
  '/v1/analytics/customer-value': ['/v1/analytics/customer-value?horizonMonths=6'],
  '/v1/analytics/cost-to-serve': [
    `/v1/analytics/cost-to-serve?${lastWeek}&limit=5`,
    `/v1/analytics/cost-to-serve?${lastWeek}&groupBy=segment`,
  ],
  '/v1/analytics/product-affinity': [
    '/v1/analytics/product-affinity?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
  ],
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Plans?: PlanNode[];
}

const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' ? [`${node.Schema}.${node['Relation Name']}`] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

const explainable = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

interface Context {
  database: TestDatabase;
  client: pg.Client;
  masterKey: string;
  hub?: ComposedHub;
}

const plans = suite<Context>('read queries of the agent API, planned before any ANALYZE');

plans.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'read_plans' });
  context.client = new pg.Client({ connectionString: context.database.url });
  await context.client.connect();
  context.masterKey = randomBytes(32).toString('base64');
});

plans.after(async ({ hub, client, database }) => {
  await hub?.stop();
  await client?.end();
  await database?.drop();
});

const configFor = (context: Context) =>
  loadConfig({
    DATABASE_URL: context.database.url,
    HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
    HUB_MASTER_KEY: context.masterKey,
    HUB_ADMIN_EMAIL: FIRST_ADMIN.email,
    HUB_ADMIN_PASSWORD: FIRST_ADMIN.password,
  });

/** A real customer with a conversation and a case, through the whole hub: the rows routes open. */
async function seedThroughTheHub(
  context: Context,
): Promise<Pick<Ids, 'customer' | 'conversation' | 'caseId' | 'caseNumber'>> {
  const hub = await composeHub(configFor(context), silentLogger());
  try {
    await postEmail(hub, customerMail('plans-1@example.ir', 'Order 77 is late', 'Where is order 77?'));
    const first = '<plans-1@example.ir>';
    await postEmail(
      hub,
      customerMail('plans-2@example.ir', 'Re: Order 77 is late', 'Still waiting', {
        inReplyTo: first,
        references: first,
      }),
    );
    await hub.projectionCaughtUp();
    const admin = (await signIn(hub, FIRST_ADMIN.email, FIRST_ADMIN.password)).token;
    const get = async (url: string) => {
      const response = await hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
      assert.is(response.statusCode, 200, `${url}: ${response.body}`);
      return response.json();
    };
    const customer = (await get('/v1/customers/lookup?email=sara%40example.ir')).id as string;
    const conversation = (await get(`/v1/inbox?customer=${customer}&status=all`)).conversations[0].id as string;
    const opened = await hub.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${admin}` },
      payload: { kind: 'complaint', customerId: customer, subject: 'Order 77 late', conversationIds: [conversation] },
    });
    assert.is(opened.statusCode, 201, opened.body);
    const put = async (method: 'PUT' | 'POST', url: string, payload: object) => {
      const response = await hub.app.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, payload });
      assert.is(response.statusCode < 300, true, `${url}: ${response.body}`);
    };
    await put('PUT', '/v1/products/tea', { name: 'Tea', category: 'tea' });
    await put('POST', '/v1/orders', {
      orderId: 'SO-77',
      placedAt: '2026-03-01T10:00:00Z',
      currency: 'EUR',
      customer: { email: 'sara@example.ir' },
      lines: [{ productId: 'tea', quantity: 1, unitAmount: '4.50' }],
    });
    await hub.projectionCaughtUp();
    const { caseId, number } = opened.json() as { caseId: string; number: string };
    return { customer, conversation, caseId, caseNumber: number };
  } finally {
    await hub.stop();
  }
}

async function bulkIds(client: pg.Client) {
  const { rows } = await client.query<Record<string, string>>(
    `SELECT ${bulkId('customer', 4242)} AS "bulkCustomer", ${bulkId('conversation', 4242)} AS "bulkConversation",
            ${bulkId('agent', 7)} AS "bulkAgent", ${bulkId('team', 3)} AS "bulkTeam", ${bulkId('inbox', 2)} AS "bulkInbox"`,
  );
  return rows[0] as Pick<Ids, 'bulkCustomer' | 'bulkConversation' | 'bulkAgent' | 'bulkTeam' | 'bulkInbox'>;
}

plans('no read of the agent API scans a large table whole, with no statistics to go by', async (context) => {
  const seeded = await seedThroughTheHub(context);
  await fillReadModels(context.client);
  const { rows: analyzed } = await context.client.query<{ relname: string }>(
    `SELECT schemaname || '.' || relname AS relname FROM pg_stat_user_tables
      WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL`,
  );
  assert.equal(analyzed, [], 'no table has statistics: the planner goes by table sizes alone');

  const capture = createStatementCapture();
  const routes: string[] = [];
  context.hub = await composeHub(configFor(context), silentLogger(), {
    observeDatabase: capture.wrap,
    onRoute: (route: RouteOptions) => {
      const methods = [route.method].flat();
      if (methods.includes('GET') && route.url.startsWith('/v1/')) routes.push(route.url);
    },
  });
  const hub = context.hub;
  const admin = (await signIn(hub, FIRST_ADMIN.email, FIRST_ADMIN.password)).token;
  const ids: Ids = { ...seeded, ...(await bulkIds(context.client)) };
  const table = requests(ids);
  const uncalled = routes.filter(
    (route) => !table[route] && !NOT_CALLED.has(`GET ${route}`) && !route.startsWith(INTAKE),
  );
  assert.equal(uncalled, [], 'every GET route of the API is called below (add its requests to the table)');

  await context.client.query(
    `INSERT INTO read_models.replays (replay_id, projection, state, started_at, updated_at)
     VALUES ($1, 'timeline', 'succeeded', now(), now())`,
    [READ_PLANS_REPLAY],
  );
  capture.start();
  for (const [route, urls] of Object.entries(table)) {
    for (const url of urls) {
      await capture.during(`GET ${route}`, async () => {
        let next: string | undefined = url;
        // A page, then the page after it: cursors have queries of their own.
        for (let page = 0; next && page < 2; page++) {
          const response: { statusCode: number; body: string; json(): unknown } = await hub.app.inject({
            method: 'GET',
            url: next,
            headers: { authorization: `Bearer ${CHANNEL_ROUTES.has(route) ? CHANNEL_TOKEN : admin}` },
          });
          assert.is(response.statusCode, 200, `${next}: ${response.body}`);
          const cursor: string | null | undefined = (response.json() as { nextCursor?: string | null }).nextCursor;
          next = cursor ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : undefined;
        }
      });
    }
  }
  capture.stop();

  const statements = dedupe(capture.statements.filter((s) => explainable.test(s.sql)));
  assert.ok(statements.length > 40, `the routes ran their queries (${statements.length} captured)`);
  const sizes = new Map<string, number>();
  const sizeOf = async (relation: string) => {
    if (!sizes.has(relation)) {
      const { rows } = await context.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${relation}`);
      sizes.set(relation, rows[0]?.n ?? 0);
    }
    return sizes.get(relation) ?? 0;
  };
  const findings: string[] = [];
  const knownSeen = new Set<string>();
  for (const statement of statements) {
    const { rows } = await context.client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON, VERBOSE) ${statement.sql}`,
      [...statement.params],
    );
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error(`no plan for ${statement.sql}`);
    for (const relation of new Set(seqScans(plan))) {
      const rowCount = await sizeOf(relation);
      if (rowCount < LARGE_TABLE_ROWS) continue;
      const key = `${statement.during} ${relation}`;
      if (KNOWN_SCANS.has(key)) {
        knownSeen.add(key);
        continue;
      }
      findings.push(await describe(context.client, statement, relation, rowCount));
    }
  }
  assert.ok(findings.length === 0, `sequential scans of large tables:\n\n${findings.join('\n\n')}`);
  const fixed = [...KNOWN_SCANS.keys()].filter((key) => !knownSeen.has(key));
  assert.equal(fixed, [], 'these known scans are gone: take them out of KNOWN_SCANS');
});

/** One statement per text and parameters: the same query on a second page is planned once. */
function dedupe(statements: readonly CapturedStatement[]): CapturedStatement[] {
  const seen = new Map<string, CapturedStatement>();
  for (const statement of statements) {
    const key = `${statement.sql}\u0000${JSON.stringify(statement.params)}`;
    if (!seen.has(key)) seen.set(key, statement);
  }
  return [...seen.values()];
}

async function describe(client: pg.Client, statement: CapturedStatement, relation: string, rowCount: number) {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.sql}`, [...statement.params]);
  return [
    `${statement.during}: Seq Scan on ${relation} (${rowCount} rows)`,
    statement.sql.trim(),
    `params: ${JSON.stringify(statement.params).slice(0, 300)}`,
    ...rows.map((r) => `  ${r['QUERY PLAN']}`),
  ].join('\n');
}

plans.run();
