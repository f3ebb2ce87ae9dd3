import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hub/logger';
import { type LocalSmtpRelay, startLocalSmtpRelay } from '@hub/replies/testing';
import { createTestDatabase, loudHook, type TestDatabase, waitFor } from '@hub/testing';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { hubProjections } from './rebuild-projection.ts';
import { CHANNEL_TOKEN, createColleagues, FIRST_ADMIN, signIn } from './testing/agent-workspace.fixture.ts';

// Replay equivalence on PostgreSQL: a morning of a shop goes in through the hub's public APIs
// (emails, a call, a contact from another system, Facebook and Instagram comments on three posts,
// replies, a resolution, a reopen and a second resolution, a rating, an SLA breach the hub records,
// orders with a return and a refund, two merges, an unmerge and an erasure); then an admin replays
// each analytics read model from scratch (POST /v1/admin/replays, the path of `pnpm hub replay`),
// and every table of each equals the live one row for row, and the analyst sees the same figures.

const META_SECRET = 'meta-app-secret-for-replay-tests';
const PAGE_ID = '104729381234567';
const INSTAGRAM_ID = '17841405309211844';
const POST = `${PAGE_ID}_998877`;
const MEDIA = ['17900000000000001', '17900000000000002'] as const;

/** The four projections whose replays this file checks, as the hub knows them. */
const REPLAYED = ['commerce', 'analytics-conversations', 'analytics-customers', 'analytics-social'] as const;

// The person to forget (her email and her Facebook profile, merged into one), and what of her must go.
const NASRIN = {
  email: 'nasrin.forget@example.com',
  name: 'Nasrin Forgetmenot',
  facebookId: '6543210987650022',
  facebookName: 'نسرین فراموش',
  text: 'kumquat order never came',
  comment: 'persimmon colour please',
};

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions below
type Json = Record<string, any>;

interface Context {
  hub: ComposedHub;
  database: TestDatabase;
  dataDir: string;
  relay: LocalSmtpRelay;
  clock: { now: Date };
  admin: string;
  agent: string;
  supervisor: string;
  analyst: string;
  ids: Record<'sara' | 'saraPhone' | 'maryam' | 'mina' | 'nasrin' | 'nasrinFacebook' | 'reza' | 'kian', string>;
  /** The analyst's figures and every replayed table, as the live projections left them. */
  live: { figures: Record<string, unknown>; tables: Map<string, TableSnapshot> };
}

interface TableSnapshot {
  readonly oid: string;
  readonly rows: readonly string[];
}

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

const equivalence = suite<Context>('analytics read models replayed from scratch equal the live ones (PostgreSQL)');

async function call(
  context: Context,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  token?: string,
  body?: unknown,
) {
  const response = await context.hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  const json = String(response.headers['content-type'] ?? '').includes('json') && response.body !== '';
  return { status: response.statusCode, body: (json ? response.json() : {}) as Json, raw: response.body };
}

async function ok(context: Context, method: 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) {
  const response = await call(context, method, url, token, body);
  assert.ok(response.status < 300, `${method} ${url}: ${response.status} ${response.raw}`);
  return response.body;
}

/** A plain-text email as the customer's mail client sends it, dated by the hub's clock. */
const mail = (from: string, messageId: string, subject: string, text: string, date: Date, inReplyTo?: string) =>
  [
    `From: ${from}`,
    'To: support@shop.example',
    `Subject: ${subject}`,
    `Message-ID: <${messageId}>`,
    ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}>`, `References: <${inReplyTo}>`] : []),
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');

async function email(context: Context, message: string) {
  const response = await context.hub.app.inject({
    method: 'POST',
    url: '/v1/channels/email',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'message/rfc822' },
    payload: message,
  });
  assert.is(response.statusCode, 202, response.body);
}

/** A signed Meta webhook, as Meta posts it. */
async function meta(context: Context, webhook: unknown) {
  const body = JSON.stringify(webhook);
  const response = await context.hub.app.inject({
    method: 'POST',
    url: '/v1/channels/social/meta',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(body).digest('hex')}`,
    },
    payload: body,
  });
  assert.is(response.statusCode, 200, response.body);
  assert.is(response.json().accepted, 1, response.body);
}

const facebookComment = (commentId: string, from: { id: string; name: string }, text: string, time: Date) => ({
  object: 'page',
  entry: [
    {
      id: PAGE_ID,
      time: time.getTime() / 1000,
      changes: [
        {
          field: 'feed',
          value: {
            item: 'comment',
            verb: 'add',
            comment_id: commentId,
            post_id: POST,
            parent_id: POST,
            message: text,
            created_time: time.getTime() / 1000,
            from,
            post: { id: POST, permalink_url: 'https://www.facebook.com/shop/posts/998877' },
          },
        },
      ],
    },
  ],
});

const instagramComment = (commentId: string, username: string, mediaId: string, text: string, time: Date) => ({
  object: 'instagram',
  entry: [
    {
      id: INSTAGRAM_ID,
      time: time.getTime() / 1000,
      changes: [
        {
          field: 'comments',
          value: {
            id: commentId,
            text,
            from: { id: '17841400000000001', username },
            media: { id: mediaId, media_product_type: 'FEED' },
          },
        },
      ],
    },
  ],
});

// The waits below poll what the user sees: the projections catch up on their own.

/** The customer owning an identifier, once the read models show it. */
const customerOf = (context: Context, query: string) =>
  waitFor(
    async () => {
      const found = await call(context, 'GET', `/v1/customers/lookup?${query}`, context.agent);
      return found.status === 200 ? (found.body.id as string) : undefined;
    },
    { timeoutMs: 20_000, what: `the customer of ${query}` },
  );

/** The customer's one conversation in the inbox (any status), once the inbox shows it. */
const conversationOf = (context: Context, customerId: string, messages: number) =>
  waitFor(
    async () => {
      const inbox = await call(context, 'GET', `/v1/inbox?customer=${customerId}&status=all`, context.agent);
      const [conversation] = inbox.body.conversations as { id: string; messageCount: number }[];
      return conversation && conversation.messageCount >= messages ? conversation.id : undefined;
    },
    { timeoutMs: 20_000, what: `the conversation of ${customerId} with ${messages} messages` },
  );

/** The agent's reply, recorded on the conversation (the message count says so). */
async function reply(context: Context, conversationId: string, text: string, messagesAfter: number) {
  const sent = await call(context, 'POST', `/v1/conversations/${conversationId}/replies`, context.agent, { text });
  assert.is(sent.status, 202, sent.raw);
  await waitFor(
    async () => {
      const view = await call(context, 'GET', `/v1/conversations/${conversationId}`, context.agent);
      const messages = (view.body.items as { kind: string }[]).filter((i) => i.kind === 'message').length;
      return messages >= messagesAfter ? true : undefined;
    },
    { timeoutMs: 20_000, what: `the reply "${text}" on the conversation` },
  );
}

async function setStatus(context: Context, conversationId: string, status: 'resolved' | 'open') {
  await context.hub.projectionCaughtUp();
  const view = await call(context, 'GET', `/v1/conversations/${conversationId}`, context.agent);
  await ok(context, 'POST', `/v1/conversations/${conversationId}/status`, context.agent, {
    revision: view.body.revision,
    status,
  });
}

/** The rating links the relay has carried so far, oldest first. */
async function ratingLinks(relay: LocalSmtpRelay): Promise<string[]> {
  const links: string[] = [];
  for (const raw of relay.messages) {
    const found = /\/v1\/csat\/(\S+)/.exec((await simpleParser(raw)).text ?? '')?.[1];
    if (found) links.push(found);
  }
  return links;
}

/** The last event the store holds (and how many): nothing may be appended while the tables are compared. */
const storeHead = async (context: Context) =>
  (
    await context.hub.database.query<{ head: string }>(
      `SELECT count(*)::text || '@' || coalesce(max(global_position), 0)::text AS head FROM event_store.events`,
    )
  )[0]?.head;

/** Until the store stops growing (the outbox, CSAT requests, the router) and every projection shows all of it. */
const quiet = (context: Context) => {
  let last: string | undefined;
  return waitFor(
    async () => {
      await context.hub.projectionCaughtUp();
      const head = await storeHead(context);
      if (head !== last) {
        last = head;
        return undefined;
      }
      return head;
    },
    { timeoutMs: 30_000, intervalMs: 1_000, what: 'the store to stop growing' },
  );
};

/**
 * Every table of a projection's read model: its rows as JSON, ordered by all its columns, and the
 * table's oid (a replay swaps new tables in: a new oid says the rows are the rebuilt ones).
 */
async function snapshot(context: Context, projectionName: string): Promise<Map<string, TableSnapshot>> {
  const projection = hubProjections.get(projectionName);
  assert.ok(projection, projectionName);
  const { schema, tables } = projection.readModel;
  const snapshots = new Map<string, TableSnapshot>();
  for (const table of tables) {
    const columns = await context.hub.database.query<{ column_name: string; oid: string }>(
      `SELECT a.attname AS column_name, c.oid::text AS oid
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [schema, table],
    );
    assert.ok(columns.length > 0, `${schema}.${table} exists`);
    const order = columns.map((c) => `t."${c.column_name}"`).join(', ');
    const rows = await context.hub.database.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM "${schema}"."${table}" t ORDER BY ${order}`,
    );
    snapshots.set(`${schema}.${table}`, { oid: columns[0]?.oid as string, rows: rows.map((r) => r.row) });
  }
  return snapshots;
}

/** What an analyst sees: the figures each replayed read model feeds, with fixed instants and ranges. */
async function figures(context: Context): Promise<Record<string, unknown>> {
  const day = 'from=2026-11-30T00:00:00Z&to=2026-12-02T00:00:00Z';
  const year = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
  const asOf = 'asOf=2026-12-01T12:00:00Z';
  const urls = [
    `/v1/analytics/volumes?${day}&groupBy=channel`,
    `/v1/analytics/volumes?${day}&groupBy=direction&granularity=hour`,
    `/v1/analytics/response-times?${day}&metric=first`,
    `/v1/analytics/response-times?${day}&metric=next`,
    `/v1/analytics/response-times?${day}&metric=resolution&hours=business`,
    `/v1/analytics/sla?${day}`,
    `/v1/analytics/csat?${day}`,
    `/v1/analytics/channels?${day}`,
    `/v1/analytics/social?${day}&groupBy=topic`,
    `/v1/analytics/social?${day}&groupBy=kind`,
    `/v1/analytics/segments?${asOf}`,
    `/v1/analytics/customer-value?${asOf}&bins=3`,
    `/v1/analytics/cost-to-serve?${year}&${asOf}`,
    `/v1/analytics/product-affinity?${year}&${asOf}`,
  ];
  const answers: Record<string, unknown> = {};
  for (const url of urls) {
    const response = await call(context, 'GET', url, context.analyst);
    assert.is(response.status, 200, `${url}: ${response.raw}`);
    answers[url] = response.body;
  }
  for (const { segment, customers } of (answers[`/v1/analytics/segments?${asOf}`] as Json).segments as Json[]) {
    if (customers === 0) continue;
    const url = `/v1/analytics/segments/${segment}/customers?${asOf}`;
    const response = await call(context, 'GET', url, context.analyst);
    assert.is(response.status, 200, `${url}: ${response.raw}`);
    answers[url] = response.body;
  }
  return answers;
}

equivalence.before(
  loudHook(async (context) => {
    context.relay = await startLocalSmtpRelay();
    context.database = await createTestDatabase({ prefix: 'hub_replay_equivalence' });
    context.dataDir = await mkdtemp(join(tmpdir(), 'hub-replay-equivalence-'));
    context.clock = { now: at('08:00') };
    context.hub = await composeHub(
      loadConfig({
        DATABASE_URL: context.database.url,
        HUB_DATA_DIR: context.dataDir,
        HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
        HUB_MASTER_KEY: randomBytes(32).toString('base64'),
        HUB_ADMIN_EMAIL: FIRST_ADMIN.email,
        HUB_ADMIN_PASSWORD: FIRST_ADMIN.password,
        HUB_LOG_LEVEL: 'error',
        META_APP_SECRET: META_SECRET,
        HUB_SMTP_RELAY_URL: context.relay.url,
        HUB_REPLY_FROM: 'support@shop.example',
        HUB_PUBLIC_URL: 'https://support.shop.example',
        HUB_SLA_CHECK_SECONDS: '1',
      }),
      // Errors only, on stderr: the runner shows them when a test fails (a 500 says why here).
      createLogger({ service: 'replay-equivalence-test', level: 'error', destination: process.stderr }),
      { now: () => context.clock.now },
    );
    context.admin = (await signIn(context.hub, FIRST_ADMIN.email, FIRST_ADMIN.password)).token;
    const team = await createColleagues(context.hub, context.admin);
    context.agent = team.maryam.token;
    context.supervisor = team.sima.token;
    context.analyst = team.nika.token;
  }),
);

equivalence.after(async ({ hub, database, dataDir, relay }) => {
  await hub?.stop();
  await relay?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

equivalence(
  'a morning of the shop goes in through the public APIs and reaches every analytics read model',
  async (context) => {
    const { clock } = context;
    // Service levels for the email inbox: a first response within an hour, resolution within eight, on a UTC day.
    const day = [{ start: '08:00', end: '16:00' }];
    const calendar = await ok(context, 'PUT', '/v1/service-levels/calendars/office', context.supervisor, {
      timeZone: 'UTC',
      workingHours: [day, day, day, day, day, day, day],
      holidays: [],
    });
    await ok(context, 'PUT', '/v1/service-levels/policies/email-standard', context.supervisor, {
      name: 'Email, standard',
      calendarId: 'office',
      appliesTo: { inboxIds: ['email'] },
      targets: { firstResponse: 60, resolution: 480 },
      revision: calendar.revision,
    });
    for (const [productId, name, category] of [
      ['tea', 'Green tea', 'tea'],
      ['cup', 'Cup', 'tableware'],
      ['pot', 'Teapot', 'tableware'],
    ] as const)
      await ok(context, 'PUT', `/v1/products/${productId}`, context.admin, { name, category });

    // 09:00-10:15: emails, a contact from another system, a call, comments on a Facebook post and two Instagram posts.
    clock.now = at('09:00');
    await email(
      context,
      mail('Sara Rezaei <sara@example.ir>', 'a1@mail.example', 'Order 1001', 'Where is order 1001?', clock.now),
    );
    clock.now = at('09:10');
    await email(
      context,
      mail(`${NASRIN.name} <${NASRIN.email}>`, 'n1@mail.example', 'My order', NASRIN.text, clock.now),
    );
    clock.now = at('09:20');
    await email(
      context,
      mail('Kian Azadi <kian@example.ir>', 'k1@mail.example', 'Invoice', 'Please send the invoice', clock.now),
    );
    clock.now = at('09:30');
    const generic = await call(context, 'POST', '/v1/interactions', CHANNEL_TOKEN, {
      channel: 'generic',
      source: { system: 'crm', externalId: 'crm-1' },
      direction: 'inbound',
      occurredAt: clock.now.toISOString(),
      contact: { identifiers: [{ kind: 'email', value: 'reza@example.ir' }], displayName: 'Reza Karimi' },
      threadKey: 'crm-1',
      summary: 'Wholesale question',
      text: 'Do you sell wholesale?',
      html: null,
      details: { channel: 'generic', system: 'crm', externalId: 'crm-1', attributes: {} },
    });
    assert.is(generic.status, 202, generic.raw);
    clock.now = at('09:40');
    const called = await call(context, 'POST', '/v1/channels/phone/calls', CHANNEL_TOKEN, {
      callId: 'call-1',
      system: 'callcenter',
      from: '+98 912 123 4567',
      to: '201',
      direction: 'inbound',
      startedAt: at('09:40').toISOString(),
      answeredAt: at('09:40').toISOString(),
      endedAt: at('09:44').toISOString(),
      durationSeconds: 240,
      outcome: 'answered',
    });
    assert.is(called.status, 202, called.raw);
    await meta(
      context,
      facebookComment('998877_1', { id: '6543210987650011', name: 'Maryam Ahmadi' }, 'Price?', at('10:00')),
    );
    await meta(
      context,
      facebookComment('998877_2', { id: NASRIN.facebookId, name: NASRIN.facebookName }, NASRIN.comment, at('10:05')),
    );
    await meta(context, instagramComment('17865799348089001', 'mina.k', MEDIA[0], 'Is it in blue?', at('10:10')));
    await meta(context, instagramComment('17865799348089002', 'mina.k', MEDIA[1], 'And this one?', at('10:15')));

    const ids = {
      sara: await customerOf(context, 'email=sara@example.ir'),
      saraPhone: await customerOf(context, `phone=${encodeURIComponent('+989121234567')}`),
      maryam: await customerOf(context, 'handle=facebook:6543210987650011'),
      mina: await customerOf(context, 'handle=instagram:17841400000000001'),
      nasrin: await customerOf(context, `email=${NASRIN.email}`),
      nasrinFacebook: await customerOf(context, `handle=facebook:${NASRIN.facebookId}`),
      reza: await customerOf(context, 'email=reza@example.ir'),
      kian: await customerOf(context, 'email=kian@example.ir'),
    };
    context.ids = ids;
    assert.is(new Set(Object.values(ids)).size, 8, 'eight customers so far');

    // Orders: Sara's two (one partly returned and refunded), Nasrin's, Reza's and Kian's.
    const order = async (orderId: string, customerEmail: string, placedAt: string, lines: Json[]) =>
      (
        await ok(context, 'POST', '/v1/orders', context.admin, {
          orderId,
          placedAt,
          currency: 'EUR',
          customer: { email: customerEmail },
          lines,
        })
      ).customerId as string;
    const line = (productId: string, quantity: number, unitAmount: string) => ({ productId, quantity, unitAmount });
    assert.is(
      await order('O-1', 'sara@example.ir', '2026-11-20T10:00:00Z', [line('tea', 2, '5.00'), line('cup', 1, '8.00')]),
      ids.sara,
    );
    assert.is(await order('O-2', 'sara@example.ir', '2026-06-01T10:00:00Z', [line('pot', 1, '30.00')]), ids.sara);
    assert.is(
      await order('O-3', NASRIN.email, '2026-11-25T10:00:00Z', [line('pot', 1, '30.00'), line('tea', 1, '5.00')]),
      ids.nasrin,
    );
    assert.is(await order('O-4', 'reza@example.ir', '2026-10-01T10:00:00Z', [line('tea', 4, '5.00')]), ids.reza);
    assert.is(await order('O-5', 'kian@example.ir', '2026-11-28T10:00:00Z', [line('cup', 2, '8.00')]), ids.kian);
    await ok(context, 'POST', '/v1/orders/O-1/returns', context.admin, {
      returnId: 'R-1',
      lines: [{ line: 2, quantity: 1 }],
    });
    await ok(context, 'POST', '/v1/orders/O-1/refunds', context.admin, {
      refundId: 'F-1',
      amount: '8.00',
      at: '2026-11-24T10:00:00Z',
    });

    // Sara's conversation: answered at 09:30, resolved, rated; she writes again (reopened), answered, resolved again.
    const saraConversation = await conversationOf(context, ids.sara, 1);
    clock.now = at('09:30');
    await reply(context, saraConversation, 'It ships today.', 2);
    clock.now = at('09:45');
    await setStatus(context, saraConversation, 'resolved');
    const [link] = await waitFor(
      async () => {
        const links = await ratingLinks(context.relay);
        return links.length === 1 ? links : undefined;
      },
      { timeoutMs: 30_000, what: 'the rating request at the SMTP relay' },
    );
    const rated = await call(context, 'POST', `/v1/csat/${link}`, undefined, { rating: 4, comment: 'quick' });
    assert.is(rated.status, 201, rated.raw);
    // Nasrin is answered in time too.
    const nasrinConversation = await conversationOf(context, ids.nasrin, 1);
    clock.now = at('09:50');
    await reply(context, nasrinConversation, 'We are looking into it.', 2);

    // 10:30: nobody answered Kian within the hour; the hub's SLA checker records the breach.
    clock.now = at('10:30');
    const kianConversation = await conversationOf(context, ids.kian, 1);
    await waitFor(
      async () => {
        const inbox = await call(context, 'GET', '/v1/inbox?sla=breached&status=all', context.agent);
        return (inbox.body.conversations as { id: string }[]).some((c) => c.id === kianConversation) ? true : undefined;
      },
      { timeoutMs: 20_000, what: "the breach of Kian's first response" },
    );
    await email(
      context,
      mail(
        'Sara Rezaei <sara@example.ir>',
        'a2@mail.example',
        'Re: Order 1001',
        'It has not arrived',
        clock.now,
        'a1@mail.example',
      ),
    );
    await conversationOf(context, ids.sara, 3);
    clock.now = at('10:40');
    await reply(context, kianConversation, 'Here is your invoice.', 2);
    clock.now = at('10:50');
    await reply(context, saraConversation, 'A new one is on its way.', 4);
    clock.now = at('11:00');
    await setStatus(context, saraConversation, 'resolved');
    await waitFor(async () => ((await ratingLinks(context.relay)).length === 2 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the second rating request',
    });

    // Merges: Sara's phone into Sara (kept); Kian into Reza, then Kian writes again, then given back (unmerged);
    // Nasrin's Facebook profile into Nasrin, then Nasrin erased (both of them).
    clock.now = at('11:05');
    await ok(context, 'POST', `/v1/customers/${ids.sara}/merges`, context.supervisor, { mergedId: ids.saraPhone });
    await ok(context, 'POST', `/v1/customers/${ids.reza}/merges`, context.supervisor, { mergedId: ids.kian });
    await context.hub.projectionCaughtUp();
    clock.now = at('11:10');
    await email(
      context,
      mail('Kian Azadi <kian@example.ir>', 'k2@mail.example', 'Bulk order', 'Can I order 50 cups?', clock.now),
    );
    await waitFor(
      async () => {
        const rows = await context.hub.database.query(
          "SELECT 1 FROM analytics.customer_contacts WHERE customer_id = $1 AND occurred_at = '2026-12-01T11:10:00Z'",
          [ids.reza],
        );
        return rows.length === 1 ? true : undefined;
      },
      { timeoutMs: 20_000, what: "Kian's new email recorded on Reza while merged" },
    );
    clock.now = at('11:15');
    await ok(context, 'DELETE', `/v1/customers/${ids.reza}/merges/${ids.kian}`, context.supervisor);
    await ok(context, 'POST', `/v1/customers/${ids.nasrin}/merges`, context.supervisor, {
      mergedId: ids.nasrinFacebook,
    });
    clock.now = at('11:20');
    const erased = await ok(context, 'DELETE', `/v1/customers/${ids.nasrin}`, context.admin);
    assert.equal([...erased.erasedIds].sort(), [ids.nasrin, ids.nasrinFacebook].sort());
    await quiet(context);

    // The history reached each read model: every table of each holds rows.
    const tables = new Map<string, TableSnapshot>();
    for (const name of REPLAYED) for (const [table, snap] of await snapshot(context, name)) tables.set(table, snap);
    for (const [table, { rows }] of tables) assert.ok(rows.length > 0, `${table} has rows`);
    const rowsOf = (table: string) => (tables.get(table)?.rows ?? []).map((row) => JSON.parse(row) as Json);

    const figuresNow = await figures(context);
    context.live = { figures: figuresNow, tables };
    const figure = (url: string) => figuresNow[url] as Json;
    const dayRange = 'from=2026-11-30T00:00:00Z&to=2026-12-02T00:00:00Z';
    // Social: both networks and the three posts; Nasrin's comment counts, without its network or post.
    const social = figure(`/v1/analytics/social?${dayRange}&groupBy=topic`).rows as Json[];
    assert.equal(
      social.map((r) => [r.network, r.key, r.comments, r.messages]),
      [
        ['erased', null, 0, 1],
        ['facebook', `post:${POST}`, 1, 0],
        ['instagram', `post:${MEDIA[0]}`, 1, 0],
        ['instagram', `post:${MEDIA[1]}`, 1, 0],
      ],
    );
    const erasedIds = [ids.nasrin, ids.nasrinFacebook];
    const socialRows = rowsOf('analytics.social_interactions');
    assert.ok(
      socialRows.every((r) => !erasedIds.includes(r.customer_id)),
      'no social row names an erased customer',
    );
    assert.equal(
      socialRows.filter((r) => r.network === 'erased').map((r) => [r.customer_id, r.page_id, r.post_id, r.kind]),
      [[null, null, null, 'unknown']],
    );
    // Nothing of Nasrin's in any row of the four read models.
    for (const [table, { rows }] of tables)
      for (const needle of [
        NASRIN.email,
        NASRIN.name,
        NASRIN.facebookId,
        NASRIN.facebookName,
        NASRIN.text,
        NASRIN.comment,
      ])
        assert.not.ok(
          rows.some((row) => row.includes(needle)),
          `${needle} in ${table}`,
        );
    // Customers: her contacts count without her; the merges as they stand.
    assert.ok(rowsOf('analytics.customer_contacts').every((r) => !erasedIds.includes(r.customer_id)));
    assert.equal(
      rowsOf('analytics.customer_merges')
        .map((r) => [r.merged_id, r.survivor_id, r.unmerged_at !== null])
        .sort(),
      [
        [ids.saraPhone, ids.sara, false],
        [ids.kian, ids.reza, true],
      ].sort(),
    );
    // Conversations: a reopened episode resolved, a rating, an SLA breach recorded by the hub and one met.
    const resolutions = rowsOf('analytics.resolutions');
    assert.equal(
      resolutions.map((r) => r.reopened),
      [false, true],
    );
    const csat = figure(`/v1/analytics/csat?${dayRange}`).rows as Json[];
    assert.equal(
      csat.map((r) => [r.requested, r.rated, r.average]),
      [[2, 1, 4]],
    );
    const sla = figure(`/v1/analytics/sla?${dayRange}`).rows as Json[];
    assert.ok(
      sla.some((r) => r.target === 'first-response' && r.met === 2 && r.breached === 1),
      `first responses: ${JSON.stringify(sla)}`,
    );
    const volumes = figure(`/v1/analytics/volumes?${dayRange}&groupBy=channel`).rows as Json[];
    assert.equal([...new Set(volumes.map((r) => r.key))].sort(), ['email', 'generic', 'phone', 'social']);
    // Commerce and value: segments have members; the erased customer's order counts in no customer's value.
    const asOf = 'asOf=2026-12-01T12:00:00Z';
    const segments = figure(`/v1/analytics/segments?${asOf}`);
    assert.is(segments.customers, 3, 'Sara (with her phone), Reza and Kian buy; Nasrin is forgotten');
    const members = Object.entries(figuresNow)
      .filter(([url]) => url.includes('/customers?'))
      .flatMap(([, page]) => ((page as Json).customers as Json[]).map((c) => c.customerId));
    assert.equal(members.sort(), [ids.sara, ids.reza, ids.kian].sort());
    // Net values: Sara 18 + 30 - 8 (refunded) = 40, Reza 20, Kian 16.
    assert.is(figure(`/v1/analytics/customer-value?${asOf}&bins=3`).historic.total, 40 + 20 + 16);
    assert.is(rowsOf('commerce.order_adjustments').length, 2, 'a return and a refund');
  },
);

equivalence(
  'each read model replayed from scratch equals the live one, row for row, and answers the same figures',
  async (context) => {
    assert.ok(context.live, 'the history was made');
    const headBefore = await storeHead(context);
    for (const projection of REPLAYED) {
      const started = await call(context, 'POST', '/v1/admin/replays', context.admin, { projection });
      assert.is(started.status, 202, started.raw);
      const done = await waitFor(
        async () => {
          const record = await call(context, 'GET', `/v1/admin/replays/${started.body.id}`, context.admin);
          return record.body.state === 'running' ? undefined : record.body;
        },
        { timeoutMs: 60_000, what: `the replay of ${projection}` },
      );
      assert.is(done.state, 'succeeded', `${projection}: ${done.error}`);
      assert.ok(done.events > 0, `${projection} replayed ${done.events} events`);
      for (const [table, rebuilt] of await snapshot(context, projection)) {
        const live = context.live.tables.get(table);
        assert.ok(live, table);
        assert.is.not(rebuilt.oid, live.oid, `${table} was swapped for the rebuilt one`);
        const missing = live.rows.filter((row) => !rebuilt.rows.includes(row));
        const extra = rebuilt.rows.filter((row) => !live.rows.includes(row));
        assert.equal(
          { missing, extra },
          { missing: [], extra: [] },
          `${table}: rows of the live table the replay lacks, and rows it has the live one had not`,
        );
        assert.equal(rebuilt.rows, live.rows, `${table} rebuilt row for row`);
      }
    }
    assert.is(await storeHead(context), headBefore, 'nothing was appended while the tables were compared');
    assert.equal(await figures(context), context.live.figures, 'the analyst sees the same figures');
  },
);

equivalence.run();
