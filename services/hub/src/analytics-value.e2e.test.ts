import { randomBytes } from 'node:crypto';
import { silentLogger } from '@hub/logger';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

// Customer value through the whole hub on PostgreSQL: orders, a refund, emails and a call, a merge
// and an erasure go in through the public API; segments, customer value, cost to serve and product
// affinity come out of the analyst API with the numbers worked out below.

const CHANNEL = 'channel-token-for-tests-0123';
const ADMIN = 'agent-token-for-tests-456789';
// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions below
type Json = Record<string, any>;

interface Context {
  hub: ComposedHub;
  database: TestDatabase;
  analyst: string;
  agent: string;
  ids: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string>;
}

const value = suite<Context>('customer value, cost to serve and product affinity (PostgreSQL)');

async function call(
  hub: ComposedHub,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  token?: string,
  body?: unknown,
) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'POST' && url.includes('/merges') ? { 'if-match': '*' } : {}),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return response;
}

async function user(hub: ComposedHub, name: string, role: string) {
  const created = await call(hub, 'POST', '/v1/users', ADMIN, {
    email: `${name}@shop.example`,
    displayName: name,
    role,
    password: 'a-long-password-123',
  });
  assert.is(created.statusCode, 201, created.body);
  const signedIn = await call(hub, 'POST', '/v1/auth/sign-in', undefined, {
    email: `${name}@shop.example`,
    password: 'a-long-password-123',
  });
  return signedIn.json().token as string;
}

const line = (productId: string, quantity: number, unitAmount: string) => ({ productId, quantity, unitAmount });
const prices = { tea: '5.00', cup: '8.00', pot: '30.00' } as const;

/**
 * Six buyers (EUR), each order's total in brackets:
 *   A O1 01-10 tea×2 + cup [18], O2 06-01 tea [5], O3 11-20 tea + pot [35]           3 orders, 58
 *   B O4 02-01 cup + tea [13], refund 5 on 02-05                                       1 order, net 8
 *   C O5 09-01 pot [30], O6 10-15 pot + cup [38]                                       2 orders, 68
 *   D O7 11-25 tea [5]                                                                 1 order, 5
 *   E O8 03-01 cup×2 [16], then O9 11-28 tea [5]                                       2 orders, 21
 *   F O10 05-01 cup [8], merged into A after all of it (recorded now, December 2026 or later)
 */
const orders: [string, 'a' | 'b' | 'c' | 'd' | 'e' | 'f', string, ReturnType<typeof line>[]][] = [
  ['O1', 'a', '2026-01-10T10:00:00Z', [line('tea', 2, prices.tea), line('cup', 1, prices.cup)]],
  ['O2', 'a', '2026-06-01T10:00:00Z', [line('tea', 1, prices.tea)]],
  ['O3', 'a', '2026-11-20T10:00:00Z', [line('tea', 1, prices.tea), line('pot', 1, prices.pot)]],
  ['O4', 'b', '2026-02-01T10:00:00Z', [line('cup', 1, prices.cup), line('tea', 1, prices.tea)]],
  ['O5', 'c', '2026-09-01T10:00:00Z', [line('pot', 1, prices.pot)]],
  ['O6', 'c', '2026-10-15T10:00:00Z', [line('pot', 1, prices.pot), line('cup', 1, prices.cup)]],
  ['O7', 'd', '2026-11-25T10:00:00Z', [line('tea', 1, prices.tea)]],
  ['O8', 'e', '2026-03-01T10:00:00Z', [line('cup', 2, prices.cup)]],
  ['O9', 'e', '2026-11-28T10:00:00Z', [line('tea', 1, prices.tea)]],
  ['O10', 'f', '2026-05-01T10:00:00Z', [line('cup', 1, prices.cup)]],
];

const mail = (from: string, messageId: string) =>
  [
    `From: Buyer <${from}>`,
    'To: support@shop.example',
    'Subject: My order',
    `Message-ID: <${messageId}>`,
    'Date: Sat, 05 Dec 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Where is my order?',
    '',
  ].join('\r\n');

value.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'hub_value' });
  const hub = await composeHub(
    loadConfig({
      HUB_CHANNEL_TOKEN: CHANNEL,
      HUB_AGENT_TOKEN: ADMIN,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_LOG_LEVEL: 'silent',
      HUB_ADMIN_EMAIL: 'admin@shop.example',
      HUB_ADMIN_PASSWORD: 'admin-password-for-tests-1',
      DATABASE_URL: context.database.url,
    }),
    silentLogger(),
  );
  context.hub = hub;
  context.analyst = await user(hub, 'nika', 'analyst');
  context.agent = await user(hub, 'maryam', 'agent');
  for (const [productId, name, category] of [
    ['tea', 'Green tea', 'tea'],
    ['cup', 'Cup', 'tableware'],
    ['pot', 'Teapot', 'tableware'],
  ])
    assert.is((await call(hub, 'PUT', `/v1/products/${productId}`, ADMIN, { name, category })).statusCode < 300, true);
  const ids: Partial<Context['ids']> = {};
  for (const [orderId, buyer, placedAt, lines] of orders) {
    const customer = {
      email: `${buyer}@buyers.example`,
      name: `Buyer ${buyer.toUpperCase()}`,
      ...(buyer === 'a' ? { phone: '+442071234567' } : {}),
    };
    const placed = await call(hub, 'POST', '/v1/orders', ADMIN, {
      orderId,
      placedAt,
      currency: 'EUR',
      customer,
      lines,
    });
    assert.is(placed.statusCode < 300, true, placed.body);
    ids[buyer] = placed.json().customerId;
  }
  const refund = await call(hub, 'POST', '/v1/orders/O4/refunds', ADMIN, {
    refundId: 'R1',
    amount: '5.00',
    at: '2026-02-05T10:00:00Z',
  });
  assert.is(refund.statusCode < 300, true, refund.body);
  context.ids = ids as Context['ids'];
  await hub.projectionCaughtUp();
});

value.after(async ({ hub, database }) => {
  await hub?.stop();
  await database?.drop();
});

const get = async (context: Context, url: string, token: string = context.analyst) => {
  const response = await call(context.hub, 'GET', url, token);
  assert.is(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json() as Json;
};
const sizes = (report: Json) =>
  Object.fromEntries(
    (report.segments as Json[]).filter((s) => s.customers > 0).map((s) => [s.segment, [s.customers, s.revenue]]),
  );

value('RFM segments as of a date, and membership before and after a later order', async (context) => {
  const { ids } = context;
  // As of 2026-12-01 (the merge of F is recorded later: F still counts alone), n = 6, score = 1 + ⌊5·w/6⌋
  // with w = customers strictly worse:
  //   recency, whole days from the last order (10:00) to 00:00:
  //                A 10, B 302, C 46, D 5, E 2, F 213 → R A 3, B 1, C 2, D 4, E 5, F 1
  //   frequency    A 3, C 2, E 2, B D F 1            → F A 5, C 3, E 3, others 1
  //   net value    A 58, B 13−5 = 8, C 68, D 5, E 21, F 8 → M C 5, A 4, E 3, B 1, F 1, D 1
  //   FM = ⌊(F+M)/2⌋: A 4 (R3 → loyal), B 1 (R1 → lost), C 4 (R2 → at-risk), D 1 (R4 → promising),
  //   E 3 (R5 → potential loyalist), F 1 (R1 → lost)
  const t1 = await get(context, '/v1/analytics/segments?asOf=2026-12-01T00:00:00Z&currency=EUR');
  assert.is(t1.customers, 6);
  assert.equal(sizes(t1), {
    'loyal-customers': [1, 58],
    'potential-loyalists': [1, 21],
    promising: [1, 5],
    'at-risk': [1, 68],
    lost: [2, 16],
  });
  assert.is(t1.segments.find((s: Json) => s.segment === 'lost').averageValue, 8);
  // As of 2026-11-27, before E's second order (O9): E's recency is 270 days, frequency 1, value 16:
  //   R: D 1, A 6, C 42, F 209, E 270, B 298 → D 5, A 4, C 3, F 2, E 1, B 1; F: A 5, C 4, others 1;
  //   M: C 5, A 4, E 3 (16 beats 8, 8, 5), B F D 1 → E: R1, FM ⌊(1+3)/2⌋ = 2 → lost.
  const member = async (asOf: string, segment: string) =>
    ((await get(context, `/v1/analytics/segments/${segment}/customers?asOf=${asOf}`)).customers as Json[]).map(
      (c) => c.customerId,
    );
  assert.ok((await member('2026-11-27T00:00:00Z', 'lost')).includes(ids.e), 'E lost before O9');
  assert.equal(await member('2026-12-01T00:00:00Z', 'potential-loyalists'), [ids.e], 'and a potential loyalist after');
  const loyal = await get(context, '/v1/analytics/segments/loyal-customers/customers?asOf=2026-12-01T00:00:00Z');
  const profile = (await call(context.hub, 'GET', `/v1/customers/${ids.a}`, ADMIN)).json() as Json;
  assert.equal(loyal.customers, [
    {
      customerId: ids.a,
      name: profile.displayName ?? null,
      recencyDays: 10,
      frequency: 3,
      monetary: 58,
      recencyScore: 3,
      frequencyScore: 5,
      monetaryScore: 4,
      code: '354',
      value: 58,
      tier: null,
      tierReason: null,
    },
  ]);
  const lost = await get(context, '/v1/analytics/segments/lost/customers?asOf=2026-12-01T00:00:00Z&limit=1');
  // B and F are worth 8 each: by customer id, one a page.
  const [first, second] = [ids.b, ids.f].sort();
  assert.is(lost.customers[0].customerId, first);
  const next = await get(
    context,
    `/v1/analytics/segments/lost/customers?asOf=2026-12-01T00:00:00Z&limit=1&cursor=${lost.nextCursor}`,
  );
  assert.equal([next.customers[0].customerId, next.nextCursor], [second, null]);
});

value(
  'a merge counts from when it was recorded; predictive value says why it cannot be fitted yet',
  async (context) => {
    const { hub, ids } = context;
    const merged = await call(hub, 'POST', `/v1/customers/${ids.a}/merges`, ADMIN, { mergedId: ids.f });
    assert.is(merged.statusCode, 202, merged.body);
    await hub.projectionCaughtUp();
    // Now A holds F's order: 4 orders, 58 + 8 = 66; F is no customer of its own. Whatever today's date,
    // recency ranks E < D < A < C < B, so A stays R3, F ⌊5·4/5⌋+1 = 5, M (66: 3 below) 4 → loyal.
    const now = await get(context, '/v1/analytics/segments');
    assert.is(now.customers, 5);
    const loyal = await get(context, '/v1/analytics/segments/loyal-customers/customers');
    assert.equal(
      loyal.customers.map((c: Json) => [c.customerId, c.frequency, c.value, c.code]),
      [[ids.a, 4, 66, '354']],
    );
    const before = await get(context, '/v1/analytics/segments?asOf=2026-12-01T00:00:00Z');
    assert.is(before.customers, 6, 'as of a date before the merge, F still counts alone');

    const report = await get(context, '/v1/analytics/customer-value?horizonMonths=6&discount=0.02&bins=2');
    // Net values 66, 8, 68, 5, 21: sorted 5 8 21 66 68; p50 = 21, p25 = rank 1 → 8, p90 = rank 3.6 → 66 + 0.6·2.
    assert.equal(report.historic.percentiles, { p10: 6.2, p25: 8, p50: 21, p75: 66, p90: 67.2, p99: 67.92 });
    assert.is(report.historic.total, 168);
    // Two bins of (68 − 5)/2 = 31.5: [5, 36.5) holds 5, 8, 21; [36.5, 68] holds 66, 68.
    assert.equal(report.historic.histogram, [
      { from: 5, to: 36.5, customers: 3 },
      { from: 36.5, to: 68, customers: 2 },
    ]);
    assert.is(report.predictive.fit.status, 'insufficient-data');
    assert.is(report.predictive.fit.reason, 'too-few-customers');
    assert.is(report.predictive.customers, 0);
    assert.equal(
      report.tiers.map((t: Json) => t.customers),
      [0, 0, 0],
    );
  },
);

value(
  'returning customers who all stopped alike: BG/NBD’s limit is fitted and every customer gets a value',
  async (context) => {
    const { hub } = context;
    // 24 buyers in USD, first orders 40 to 47 weeks before 2026-01-01 (so outside every 2026 range
    // above and below): a third bought once, a third again after 1 or 2 weeks, a third weekly four
    // more times, and nobody since. No spread of drop-out probabilities shows: BG/NBD's likelihood
    // climbs toward a, b → ∞, and the limit with one drop-out probability for all is fitted.
    const asOf = Date.parse('2026-01-01T00:00:00Z');
    const week = 7 * 86_400_000;
    for (let i = 0; i < 24; i++) {
      const first = asOf - (40 + (i % 8)) * week;
      const weeks = i % 3 === 0 ? [0] : i % 3 === 1 ? [0, 1 + (i % 2)] : [0, 1, 2, 3, 4];
      for (const [k, at] of weeks.entries()) {
        const placed = await call(hub, 'POST', '/v1/orders', ADMIN, {
          orderId: `U${i}-${k}`,
          placedAt: new Date(first + at * week).toISOString(),
          currency: 'USD',
          customer: { email: `u${i}@buyers.example`, name: `Buyer U${i}` },
          lines: [line('tea', 1, (10 + (i % 7) * 10).toFixed(2))],
        });
        assert.is(placed.statusCode < 300, true, placed.body);
      }
    }
    await hub.projectionCaughtUp();
    const report = await waitFor(
      async () => {
        const answer = await get(context, '/v1/analytics/customer-value?asOf=2026-01-01T00:00:00Z&currency=USD');
        return answer.customers === 24 ? answer : undefined;
      },
      { timeoutMs: 10_000, what: 'the 24 USD buyers' },
    );
    const { fit } = report.predictive;
    assert.is(fit.status, 'fitted', JSON.stringify(fit));
    assert.equal([fit.bgNbd.model, fit.bgNbd.a, fit.bgNbd.b], ['fixed-dropout', null, null]);
    assert.ok(fit.bgNbd.dropout > 0.2 && fit.bgNbd.dropout < 0.6, `drop-out probability ${fit.bgNbd.dropout}`);
    assert.is(report.predictive.customers, 24);
    assert.ok(report.predictive.total > 0);
    assert.is(
      report.tiers.reduce((sum: number, tier: Json) => sum + tier.customers, 0),
      24,
    );
  },
);

value('cost to serve: contacts per channel, handled time, cost against value', async (context) => {
  const { hub, ids } = context;
  const email = async (from: string, id: string) => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/channels/email',
      headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'message/rfc822' },
      payload: mail(from, id),
    });
    assert.is(response.statusCode, 202, response.body);
  };
  await email('a@buyers.example', 'a-1@buyers.example');
  await email('b@buyers.example', 'b-1@buyers.example');
  await email('b@buyers.example', 'b-2@buyers.example');
  const called = await hub.app.inject({
    method: 'POST',
    url: '/v1/channels/phone/calls',
    headers: { authorization: `Bearer ${CHANNEL}` },
    payload: {
      callId: 'value-call-1',
      system: 'callcenter',
      from: '+44 20 7123 4567',
      to: '201',
      direction: 'inbound',
      startedAt: '2026-12-05T10:00:00Z',
      answeredAt: '2026-12-05T10:00:00Z',
      endedAt: '2026-12-05T10:04:00Z',
      durationSeconds: 240,
      outcome: 'answered',
    },
  });
  assert.is(called.statusCode, 202, called.body);
  await hub.projectionCaughtUp();
  const year = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
  // The contacts facts are a background projection: wait until all four show.
  const report = await waitFor(
    async () => {
      const answer = await get(context, `/v1/analytics/cost-to-serve?${year}&limit=2`);
      return answer.totals.totalContacts === 4 ? answer : undefined;
    },
    { timeoutMs: 10_000, what: 'the four contacts in cost to serve' },
  );
  // Default costs (EUR): written contacts 6 minutes at 0.75 a minute (email), calls 0.10 + 0.90 a minute.
  //   A: 1 email 6 min → 4.50; 1 call of 240 s → 0.10 + 4 × 0.90 = 3.70; cost 8.20, handled 360 + 240 = 600 s;
  //      value 18 + 5 + 35 + 8 (F's, merged) = 66 → 8.2 / 66 = 0.1242
  //   B: 2 emails → 2 × 4.50 = 9.00, 720 s; value 13 − 5 = 8 → 1.125
  //   C, D, E: no contact, cost 0, values 68, 5, 21.
  assert.is(report.currency, 'EUR');
  assert.equal(
    report.customers.map((c: Json) => [
      c.customerId,
      c.contacts.email,
      c.contacts.phone,
      c.handledSeconds,
      c.cost,
      c.value,
      c.costToValue,
    ]),
    [
      [ids.b, 2, 0, 720, 9, 8, 1.125],
      [ids.a, 1, 1, 600, 8.2, 66, 0.1242],
    ],
  );
  // Totals: cost 17.20 against 66 + 8 + 68 + 5 + 21 = 168 → 0.1024.
  assert.equal(report.totals, {
    customers: 5,
    totalContacts: 4,
    handledSeconds: 1320,
    cost: 17.2,
    value: 168,
    costToValue: 0.1024,
  });
  const rest = await get(context, `/v1/analytics/cost-to-serve?${year}&limit=2&cursor=${report.nextCursor}`);
  assert.equal(
    rest.customers.map((c: Json) => [c.customerId, c.cost]),
    [ids.c, ids.d, ids.e]
      .sort()
      .slice(0, 2)
      .map((id) => [id, 0]),
  );
  // By segment as of now: A loyal, B lost (R1, F1, M ⌊5·1/5⌋+1 = 2 → FM 1).
  const bySegment = await get(context, `/v1/analytics/cost-to-serve?${year}&groupBy=segment`);
  const costOf = Object.fromEntries(bySegment.segments.map((s: Json) => [s.segment, [s.customers, s.cost, s.value]]));
  assert.equal(costOf['loyal-customers'], [1, 8.2, 66]);
  assert.equal(costOf.lost, [1, 9, 8]);
  const csv = await call(hub, 'GET', `/v1/analytics/cost-to-serve?${year}&format=csv&limit=1`, context.analyst);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  const [header, row] = csv.body.split('\r\n');
  assert.is(
    header,
    'customerId,name,contacts_email,contacts_webform,contacts_phone,contacts_chat,contacts_social,contacts_generic,totalContacts,handledSeconds,cost,value,costToValue',
  );
  assert.match(row as string, new RegExp(`^${ids.b},.*,2,0,0,0,0,0,2,720,9,8,1.125$`));
});

value('product affinity: bought together and similar by customers', async (context) => {
  const report = await get(context, '/v1/analytics/product-affinity?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z');
  // 10 orders; with tea 6, cup 5, pot 3. Together: cup+tea O1 O4 (2), pot+tea O3 (1), cup+pot O6 (1).
  //   cup–tea support 0.2, P(tea|cup) 2/5, P(cup|tea) 2/6, lift 2·10/(5·6) = 0.666667
  //   cup–pot support 0.1, 1/5, 1/3, lift 10/(5·3) = 0.666667;  pot–tea 0.1, 1/3, 1/6, lift 10/18
  // Customers (F merged into A): A {tea cup pot}, B {cup tea}, C {pot cup}, D {tea}, E {cup tea}:
  //   tea 4, cup 4, pot 2; cup–tea 3/√16 = 0.75, cup–pot 2/√8, pot–tea 1/√8.
  assert.equal([report.orders, report.customers, report.products], [10, 5, 3]);
  assert.equal(
    report.boughtTogether.map((p: Json) => [
      p.productA.productId,
      p.productB.productId,
      p.orders,
      p.support,
      p.confidenceAToB,
      p.confidenceBToA,
      p.lift,
    ]),
    [
      ['cup', 'tea', 2, 0.2, 0.4, 0.333333, 0.666667],
      ['cup', 'pot', 1, 0.1, 0.2, 0.333333, 0.666667],
      ['pot', 'tea', 1, 0.1, 0.333333, 0.166667, 0.555556],
    ],
  );
  assert.equal(report.boughtTogether[0].productB, { productId: 'tea', name: 'Green tea', category: 'tea' });
  assert.equal(
    report.similar.map((p: Json) => [p.productA.productId, p.productB.productId, p.customers, p.cosine]),
    [
      ['cup', 'tea', 3, 0.75],
      ['cup', 'pot', 2, 0.707107], // 2/√8 to six places
      ['pot', 'tea', 1, 0.353553],
    ],
  );
  const frequent = await get(
    context,
    '/v1/analytics/product-affinity?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&minSupport=0.15',
  );
  assert.is(frequent.boughtTogether.length, 1);
});

value('an erased customer is in no customer-level answer, past ones included', async (context) => {
  const { hub, ids } = context;
  const erased = await call(hub, 'DELETE', `/v1/customers/${ids.d}`, ADMIN);
  assert.is(erased.statusCode < 300, true, erased.body);
  await hub.projectionCaughtUp();
  const past = await waitFor(
    async () => {
      const answer = await get(context, '/v1/analytics/segments?asOf=2026-12-01T00:00:00Z');
      return answer.customers === 5 ? answer : undefined;
    },
    { timeoutMs: 10_000, what: 'D gone from the segments as they stood before the erasure too' },
  );
  assert.is(past.segments.find((s: Json) => s.segment === 'promising').customers, 0);
  for (const segment of ['promising', 'lost', 'loyal-customers', 'potential-loyalists', 'at-risk', 'new-customers']) {
    const page = await get(context, `/v1/analytics/segments/${segment}/customers?asOf=2026-12-01T00:00:00Z`);
    assert.not.ok(JSON.stringify(page).includes(ids.d), segment);
  }
  const costs = await get(context, '/v1/analytics/cost-to-serve?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z');
  assert.not.ok(JSON.stringify(costs).includes(ids.d));
  assert.not.ok(JSON.stringify(costs).includes('Buyer D'));
});

value('bad queries are refused with a problem; unauthenticated and agents too', async (context) => {
  const year = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
  for (const [url, needle] of [
    ['/v1/analytics/segments/best-friends/customers', 'segment'],
    ['/v1/analytics/segments?asOf=yesterday', 'asOf'],
    ['/v1/analytics/segments?currency=eur', 'currency'],
    ['/v1/analytics/segments?currency=EURO', 'currency'],
    ['/v1/analytics/segments/lost/customers?limit=many', 'limit'],
    ['/v1/analytics/segments/lost/customers?cursor=not-a-cursor', 'cursor'],
    ['/v1/analytics/customer-value?horizonMonths=0', 'horizonMonths'],
    ['/v1/analytics/customer-value?discount=high', 'discount'],
    ['/v1/analytics/cost-to-serve?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'after'],
    [`/v1/analytics/cost-to-serve?${year}&groupBy=team`, 'groupBy'],
    ['/v1/analytics/cost-to-serve?to=2027-01-01T00:00:00Z', 'from'],
    [`/v1/analytics/product-affinity?${year}&minSupport=2`, 'minSupport'],
    [`/v1/analytics/product-affinity?${year}&format=xlsx`, 'format'],
  ] as const) {
    const response = await call(context.hub, 'GET', url, context.analyst);
    assert.is(response.statusCode, 400, `${url}: ${response.body}`);
    assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    assert.match(response.body, needle, url);
  }
  for (const url of [
    '/v1/analytics/segments',
    '/v1/analytics/customer-value',
    `/v1/analytics/cost-to-serve?${year}`,
    `/v1/analytics/product-affinity?${year}`,
    '/v1/analytics/segments/lost/customers',
  ]) {
    assert.is((await call(context.hub, 'GET', url)).statusCode, 401, url);
    const refused = await call(context.hub, 'GET', url, context.agent);
    assert.is(refused.statusCode, 403, `${url}: ${refused.body}`);
    assert.match(refused.body, /reports:read/);
  }
});

value.run();
