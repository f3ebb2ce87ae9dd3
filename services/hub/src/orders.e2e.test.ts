import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ordersOfCustomers, purchaseSummaries } from '@hub/commerce';
import { createLogger } from '@hub/logger';
import { createTestDatabase, type TestDatabase, untilProjected as untilShown } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

// Commerce facts through the whole hub on PostgreSQL: products, orders linked to customers by the
// writer's identity resolution, returns and refunds, refusals that write nothing, and the CSV
// import (row errors, nothing half written, idempotent re-import, a 50 MB file streamed).

const CHANNEL = 'channel-token-for-tests-0123';
const ADMIN = 'agent-token-for-tests-456789';

interface Context {
  hub: ComposedHub;
  database: TestDatabase;
  analyst: string;
  customerOfEmail: string;
  /** Set by the first test that streams an upload over a real socket. */
  address?: string;
}

type Json = Record<string, unknown>;
const orders = suite<Context>('orders and products (PostgreSQL)');

orders.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'hub_orders' });
  context.hub = await composeHub(
    loadConfig({
      HUB_CHANNEL_TOKEN: CHANNEL,
      HUB_AGENT_TOKEN: ADMIN,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_LOG_LEVEL: 'silent',
      HUB_ADMIN_EMAIL: 'admin@shop.example',
      HUB_ADMIN_PASSWORD: 'admin-password-for-tests-1',
      DATABASE_URL: context.database.url,
    }),
    createLogger({ service: 'orders-test', level: 'error', destination: process.stderr }),
  );
  const created = await call(context.hub, 'POST', '/v1/users', ADMIN, {
    email: 'nika@shop.example',
    displayName: 'Nika',
    role: 'analyst',
    password: 'a-long-password-123',
  });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const signedIn = await call(context.hub, 'POST', '/v1/auth/sign-in', undefined, {
    email: 'nika@shop.example',
    password: 'a-long-password-123',
  });
  context.analyst = signedIn.body.token as string;
});
orders.after(async ({ hub, database }) => {
  await hub?.stop();
  await database?.drop();
});

async function call(hub: ComposedHub, method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = response.body ? (response.json() as Json) : {};
  return { status: response.statusCode, body: json, contentType: response.headers['content-type'] };
}

/** Until the hub's read models show `seen` (caught up once is not yet everything: see `untilProjected`). */
const untilProjected = (hub: ComposedHub, seen: () => Promise<boolean>, what: string) =>
  untilShown(() => hub.projectionCaughtUp(), seen, { timeoutMs: 60_000, intervalMs: 100, what });

const importCsv = (hub: ComposedHub, csv: string, token: string | null = ADMIN) =>
  hub.app.inject({
    method: 'POST',
    url: '/v1/orders/import',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'text/csv' },
    payload: csv,
  });

/** The hub on a real socket, for uploads streamed as they are generated. */
const listening = async (context: Context) =>
  (context.address ??= await context.hub.app.listen({ port: 0, host: '127.0.0.1' }));

/** Posts a body as it is generated, at the pace the hub reads it (node:http: backpressure, no copy kept). */
function postStreamed(address: string, path: string, body: AsyncIterable<Uint8Array>) {
  const url = new URL(path, address);
  return new Promise<{ status: number; json: Json }>((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => {
          text += part;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as Json }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    pipeline(Readable.from(body), outgoing).catch(reject);
  });
}

const storedEvents = async (hub: ComposedHub) => (await hub.store.readAll({ maxCount: 1_000_000 })).length;

const order = (
  orderId: string,
  customer: Json,
  lines: Json[] = [{ productId: 'tea', quantity: 2, unitAmount: '4.50' }],
) => ({
  orderId,
  placedAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  customer,
  lines,
});

orders(
  'the product reference list is defined once and listed; re-sent, it changes nothing',
  async ({ hub, analyst }) => {
    const products = [
      { productId: 'tea', name: 'چای سبز', category: 'tea' },
      { productId: 'cup', name: 'Cup', category: 'tableware' },
      { productId: 'pot', name: 'Teapot', category: null },
    ];
    const first = await call(hub, 'PUT', '/v1/products', ADMIN, { products });
    assert.is(first.status, 200, JSON.stringify(first.body));
    const again = await call(hub, 'PUT', '/v1/products', ADMIN, { products });
    assert.equal(
      (again.body.products as Json[]).map((p) => p.changed),
      [false, false, false],
    );
    const renamed = await call(hub, 'PUT', '/v1/products/pot', ADMIN, { name: 'Teapot 1L', category: 'tableware' });
    assert.is(renamed.body.changed, true);
    await untilProjected(
      hub,
      async () =>
        (await hub.database.query("SELECT 1 FROM commerce.products WHERE product_id = 'pot' AND name = 'Teapot 1L'"))
          .length === 1,
      'the renamed product in the read model',
    );
    const listed = await call(hub, 'GET', '/v1/products?limit=2', analyst);
    assert.is(listed.status, 200);
    assert.equal(
      (listed.body.products as Json[]).map((p) => [p.productId, p.name]),
      [
        ['cup', 'Cup'],
        ['pot', 'Teapot 1L'],
      ],
    );
    const next = await call(hub, 'GET', `/v1/products?after=${listed.body.nextCursor}`, analyst);
    assert.equal((next.body.products as Json[])[0], {
      ...(next.body.products as Json[])[0],
      productId: 'tea',
      name: 'چای سبز',
    });
  },
);

orders(
  'an order from a new email creates a customer, found by that email; the same order again is a duplicate',
  async (context) => {
    const { hub } = context;
    const placed = await call(
      hub,
      'POST',
      '/v1/orders',
      ADMIN,
      order('SO-1', { email: ' Parisa@Shop.Example ', name: 'پریسا' }),
    );
    assert.is(placed.status, 201, JSON.stringify(placed.body));
    assert.is(placed.body.outcome, 'created');
    context.customerOfEmail = placed.body.customerId as string;
    await untilProjected(
      hub,
      async () => (await call(hub, 'GET', '/v1/customers/lookup?email=parisa@shop.example', ADMIN)).status === 200,
      'the new customer found by email',
    );
    const found = await call(hub, 'GET', '/v1/customers/lookup?email=parisa@shop.example', ADMIN);
    assert.is(found.status, 200, JSON.stringify(found.body));
    assert.is(found.body.id ?? found.body.customerId, context.customerOfEmail);
    const profile = await call(hub, 'GET', `/v1/customers/${context.customerOfEmail}`, ADMIN);
    assert.is(profile.status, 200);
    assert.match(JSON.stringify(profile.body), 'parisa@shop.example');

    const events = await storedEvents(hub);
    const again = await call(hub, 'POST', '/v1/orders', ADMIN, order('SO-1', { email: 'parisa@shop.example' }));
    assert.is(again.status, 200);
    assert.equal(again.body, { outcome: 'duplicate', orderId: 'SO-1', customerId: context.customerOfEmail });
    const other = await call(
      hub,
      'POST',
      '/v1/orders',
      ADMIN,
      order('SO-1', { email: 'parisa@shop.example' }, [{ productId: 'cup', quantity: 1, unitAmount: '9' }]),
    );
    assert.is(other.status, 409);
    assert.is(other.body.code, 'ORDER_CONFLICT');
    assert.is(await storedEvents(hub), events, 'nothing written for a duplicate or a conflict');
  },
);

orders('an order naming a phone the hub knows from an interaction lands on that customer', async ({ hub }) => {
  const interaction = {
    channel: 'generic',
    source: { system: 'crm', externalId: 'call-1' },
    direction: 'inbound',
    occurredAt: '2026-02-20T10:15:00+03:30',
    contact: { identifiers: [{ kind: 'phone', value: '+989121234567' }], displayName: 'Sara' },
    threadKey: 'call-1',
    summary: 'question',
    text: 'hello',
    html: null,
    details: { channel: 'generic', system: 'crm', externalId: 'call-1', attributes: {} },
  };
  const posted = await hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'application/json' },
    payload: JSON.stringify(interaction),
  });
  assert.is(posted.statusCode, 202, posted.body);
  await untilProjected(
    hub,
    async () => (await call(hub, 'GET', '/v1/customers/lookup?phone=%2B989121234567', ADMIN)).status === 200,
    'the caller found by phone',
  );
  const known = await call(hub, 'GET', '/v1/customers/lookup?phone=%2B989121234567', ADMIN);
  const customerId = known.body.id ?? known.body.customerId;
  assert.ok(customerId);
  const placed = await call(
    hub,
    'POST',
    '/v1/orders',
    ADMIN,
    order('SO-2', { phone: '+98 912 123 4567', externalId: 'C-77' }),
  );
  assert.is(placed.status, 201, JSON.stringify(placed.body));
  assert.is(placed.body.customerId, customerId);
  await untilProjected(
    hub,
    async () => (await call(hub, 'GET', '/v1/customers/lookup?handle=shop:C-77', ADMIN)).status === 200,
    "the shop's customer id linked",
  );
  const byShopId = await call(hub, 'GET', '/v1/customers/lookup?handle=shop:C-77', ADMIN);
  assert.is(
    byShopId.body.id ?? byShopId.body.customerId,
    customerId,
    `the shop's customer id is now theirs too: ${JSON.stringify(byShopId.body)}`,
  );
});

orders('returns no more than bought, refunds no more than paid; the order tells both', async ({ hub, analyst }) => {
  const back = await call(hub, 'POST', '/v1/orders/SO-1/returns', ADMIN, {
    returnId: 'R1',
    lines: [{ line: 1, quantity: 1 }],
  });
  assert.is(back.status, 201, JSON.stringify(back.body));
  const tooMany = await call(hub, 'POST', '/v1/orders/SO-1/returns', ADMIN, {
    returnId: 'R2',
    lines: [{ line: 1, quantity: 2 }],
  });
  assert.is(tooMany.status, 409);
  assert.is(tooMany.body.code, 'ORDER_CONFLICT');
  const refund = await call(hub, 'POST', '/v1/orders/SO-1/refunds', ADMIN, {
    refundId: 'F1',
    amount: '4.5',
    at: '2026-03-05T00:00:00Z',
  });
  assert.is(refund.status, 201);
  const retried = await call(hub, 'POST', '/v1/orders/SO-1/refunds', ADMIN, { refundId: 'F1', amount: '4.50' });
  assert.is(retried.status, 200, 'the same refund again is recorded once');
  const over = await call(hub, 'POST', '/v1/orders/SO-1/refunds', ADMIN, { refundId: 'F2', amount: '4.51' });
  assert.is(over.status, 409);
  const missing = await call(hub, 'POST', '/v1/orders/SO-404/refunds', ADMIN, { refundId: 'F1', amount: '1' });
  assert.is(missing.status, 404);
  const shown = await call(hub, 'GET', '/v1/orders/SO-1', analyst);
  assert.is(shown.status, 200);
  assert.is(shown.body.total, '9.00');
  assert.is(shown.body.refunded, '4.50');
  assert.is((shown.body.lines as Json[])[0]?.returned, 1);
});

orders('bad input gets a clear 4xx problem and writes nothing', async ({ hub, analyst }) => {
  const before = await storedEvents(hub);
  const cases: [string, Awaited<ReturnType<typeof call>>, number][] = [
    ['malformed JSON', await call(hub, 'POST', '/v1/orders', ADMIN, '{"orderId": "SO-9",'), 400],
    [
      'a quantity as text',
      await call(
        hub,
        'POST',
        '/v1/orders',
        ADMIN,
        order('SO-9', { email: 'a@b.example' }, [{ productId: 'tea', quantity: '2', unitAmount: '1' }]),
      ),
      400,
    ],
    [
      'an amount as a number',
      await call(
        hub,
        'POST',
        '/v1/orders',
        ADMIN,
        order('SO-9', { email: 'a@b.example' }, [{ productId: 'tea', quantity: 2, unitAmount: 1.5 }]),
      ),
      400,
    ],
    ['no customer', await call(hub, 'POST', '/v1/orders', ADMIN, order('SO-9', {})), 400],
    ['a bad email', await call(hub, 'POST', '/v1/orders', ADMIN, order('SO-9', { email: 'not-an-address' })), 400],
    [
      'an unknown product',
      await call(
        hub,
        'POST',
        '/v1/orders',
        ADMIN,
        order('SO-9', { email: 'a@b.example' }, [{ productId: 'kettle', quantity: 1, unitAmount: '1' }]),
      ),
      400,
    ],
    [
      'oversized',
      await call(hub, 'POST', '/v1/orders', ADMIN, {
        ...order('SO-9', { email: 'a@b.example' }),
        pad: 'x'.repeat(1_100_000),
      }),
      413,
    ],
    ['unauthenticated', await call(hub, 'POST', '/v1/orders', undefined, order('SO-9', { email: 'a@b.example' })), 401],
    [
      'an analyst writing',
      await call(hub, 'POST', '/v1/orders', analyst, order('SO-9', { email: 'a@b.example' })),
      403,
    ],
    ['an analyst defining products', await call(hub, 'PUT', '/v1/products/kettle', analyst, { name: 'Kettle' }), 403],
    ['a product id with spaces', await call(hub, 'PUT', '/v1/products/a%20b', ADMIN, { name: 'x' }), 400],
    [
      'a return as text',
      await call(hub, 'POST', '/v1/orders/SO-1/returns', ADMIN, { returnId: 'R9', lines: 'all' }),
      400,
    ],
  ];
  for (const [what, response, status] of cases) {
    assert.is(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
    assert.match(String(response.contentType), 'application/problem+json', what);
    assert.ok(response.body.detail, what);
  }
  assert.is((await call(hub, 'GET', '/v1/orders/SO-9', ADMIN)).status, 404);
  assert.is(await storedEvents(hub), before, 'nothing was written');
});

orders('a batch tells each order its outcome', async ({ hub }) => {
  const batch = await call(hub, 'POST', '/v1/orders/batch', ADMIN, {
    orders: [
      order('SO-10', { email: 'batch@shop.example' }),
      order('SO-1', { email: 'parisa@shop.example' }),
      order('SO-11', { email: 'batch@shop.example' }, [{ productId: 'kettle', quantity: 1, unitAmount: '1' }]),
      order('SO-12', { phone: '12' }),
    ],
  });
  assert.is(batch.status, 200, JSON.stringify(batch.body));
  assert.equal(
    (batch.body.results as Json[]).map((r) => [r.orderId, r.outcome, r.code ?? null]),
    [
      ['SO-10', 'created', null],
      ['SO-1', 'duplicate', null],
      ['SO-11', 'refused', 'INVALID_INPUT'],
      ['SO-12', 'refused', 'INVALID_INPUT'],
    ],
  );
  assert.equal(batch.body.totals, { created: 1, duplicates: 1, refused: 2 });
});

const HEADER =
  'order_id,placed_at,currency,customer_email,customer_phone,customer_external_id,product_id,quantity,unit_amount';
const IMPORT = [
  HEADER,
  // A two-line order, a quoted field with a comma and a line break in an unused column position.
  'CSV-1,2026-04-01T09:00:00Z,EUR,"csv.buyer@shop.example",,,tea,1,4.50',
  'CSV-1,2026-04-01T09:00:00Z,EUR,"csv.buyer@shop.example",,,cup,2,"12.00"',
  // One bad line spoils its whole order.
  'CSV-2,2026-04-02T09:00:00Z,EUR,other@shop.example,,,tea,1,4.50',
  'CSV-2,2026-04-02T09:00:00Z,EUR,other@shop.example,,,cup,zero,12.00',
  // An unknown product.
  'CSV-3,2026-04-03T09:00:00Z,EUR,third@shop.example,,,kettle,1,30',
  // A row with a column too few.
  'CSV-4,2026-04-04T09:00:00Z,EUR,fourth@shop.example,,tea,1,4.50',
  // Already placed through the API with the same content: a duplicate, not an error.
  'SO-1,2026-03-01T10:00:00Z,EUR,parisa@shop.example,,,tea,2,4.5',
  // A malformed date and currency.
  'CSV-5,yesterday,eur,fifth@shop.example,,,tea,1,4.50',
  '',
].join('\r\n');

orders(
  'the CSV import reports row errors, writes no order half, and a re-import writes nothing',
  async ({ hub, analyst }) => {
    assert.is((await importCsv(hub, IMPORT, null)).statusCode, 401);
    assert.is((await importCsv(hub, IMPORT, analyst)).statusCode, 403);
    const wrongType = await hub.app.inject({
      method: 'POST',
      url: '/v1/orders/import',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      payload: '{}',
    });
    assert.is(wrongType.statusCode, 415);
    const noHeader = await importCsv(hub, 'CSV-1,2026-04-01T09:00:00Z,EUR\n');
    assert.is(noHeader.statusCode, 400);
    assert.match(noHeader.json().detail, 'the header row lacks');

    const first = await importCsv(hub, IMPORT);
    assert.is(first.statusCode, 200, first.body);
    const report = first.json();
    assert.is(report.rows, 8);
    assert.equal(report.orders, { created: 1, duplicates: 1, refused: 4 });
    assert.equal(
      report.errors.map((e: Json) => [e.row, e.orderId, e.column]),
      [
        [5, 'CSV-2', 'quantity'],
        [6, 'CSV-3', 'product_id'],
        [7, 'CSV-4', null],
        [9, 'CSV-5', 'placed_at'],
        [9, 'CSV-5', 'currency'],
      ],
    );
    assert.is(report.errorsTruncated, false);
    for (const id of ['CSV-2', 'CSV-3', 'CSV-4', 'CSV-5']) {
      assert.is((await call(hub, 'GET', `/v1/orders/${id}`, ADMIN)).status, 404, `${id} is not written at all`);
    }
    const written = await call(hub, 'GET', '/v1/orders/CSV-1', ADMIN);
    assert.is(written.body.total, '28.50');

    const events = await storedEvents(hub);
    const again = (await importCsv(hub, IMPORT)).json();
    assert.equal(again.orders, { created: 0, duplicates: 2, refused: 4 });
    assert.is(await storedEvents(hub), events, 'a re-import writes nothing');
  },
);

orders('the read model answers what analysts and a subject-access export ask', async ({ hub, customerOfEmail }) => {
  await untilProjected(
    hub,
    async () => (await ordersOfCustomers(hub.database, [customerOfEmail]))[0]?.refunds.length === 1,
    'the refund of SO-1 in the read model',
  );
  const [own] = await ordersOfCustomers(hub.database, [customerOfEmail]);
  assert.is(own?.orderId, 'SO-1');
  assert.is(own?.refunds[0]?.amount, '4.50');
  assert.is(own?.returns[0]?.returnId, 'R1');
  const summaries = await purchaseSummaries(hub.database, {
    asOf: new Date('2026-03-04T00:00:00Z'),
    customerIds: [customerOfEmail],
  });
  assert.equal(summaries, [
    {
      customerId: customerOfEmail,
      currency: 'EUR',
      firstPurchaseAt: '2026-03-01T10:00:00.000Z',
      lastPurchaseAt: '2026-03-01T10:00:00.000Z',
      purchases: 1,
      revenue: '9.00',
      refunds: '0.00',
    },
  ]);
  const later = await purchaseSummaries(hub.database, {
    asOf: new Date('2026-03-06T00:00:00Z'),
    customerIds: [customerOfEmail],
  });
  assert.is(later[0]?.refunds, '4.50', 'the refund counts from its own date');
  const rebuilt = await hub.rebuildProjection('commerce');
  assert.ok(rebuilt.events >= 10);
  assert.equal(await ordersOfCustomers(hub.database, [customerOfEmail]), [own]);
});

/**
 * `count` orders of one or two lines (every third has two), 20,000 rows for 15,000; buyers shared by
 * ten orders each, five in a row and five half the file later, so a buyer meets the customer an
 * earlier batch made and one the same batch makes. Then a duplicate, a conflict and an unknown
 * product; order `bad` has a bad quantity. Rows of each order, for the errors.
 */
function manyOrders(count: number, bad: number) {
  const rows = [HEADER];
  const firstRow = new Map<string, number>();
  const buyerOf = (n: number) => `many-${Math.floor(n / 5) % (count / 10)}@shop.example`;
  const line = (id: string, n: number, product: string, quantity: string, amount: string, currency = 'EUR') =>
    `${id},2026-05-0${1 + (n % 9)}T10:00:00Z,${currency},${buyerOf(n)},,,${product},${quantity},${amount}`;
  const add = (id: string, lines: string[]) => {
    firstRow.set(id, rows.length + 1);
    rows.push(...lines);
  };
  for (let n = 0; n < count; n++) {
    const id = `MANY-${n}`;
    const lines = [line(id, n, 'tea', n === bad ? 'zero' : '1', '4.50')];
    if (n % 3 === 0) lines.push(line(id, n, 'cup', '2', '12.00'));
    add(id, lines);
  }
  add('MANY-7 again', [line('MANY-7', 7, 'tea', '1', '4.5')]);
  add('MANY-8 again', [line('MANY-8', 8, 'tea', '1', '4.50', 'USD')]);
  add('MANY-X', [line('MANY-X', 0, 'kettle', '1', '30.00')]);
  return { csv: `${rows.join('\n')}\n`, rows: rows.length - 1, firstRow, buyerOf };
}

orders(
  'an import of 20,000 rows places every valid order on its buyer, reports the rest by row, and a re-import writes nothing',
  async ({ hub }) => {
    const count = 15_000;
    const bad = 10_000;
    const file = manyOrders(count, bad);
    assert.is(file.rows, 20_003);
    const response = await importCsv(hub, file.csv);
    assert.is(response.statusCode, 200, response.body.slice(0, 500));
    const report = response.json();
    assert.is(report.rows, file.rows);
    assert.equal(report.orders, { created: count - 1, duplicates: 1, refused: 3 });
    assert.equal(
      report.errors.map((e: Json) => [e.row, e.orderId, e.column, String(e.reason).split(':')[0]]),
      [
        [file.firstRow.get(`MANY-${bad}`), `MANY-${bad}`, 'quantity', 'is not a whole number from 1 to 1000000'],
        [file.firstRow.get('MANY-8 again'), 'MANY-8', null, 'ORDER_CONFLICT'],
        [file.firstRow.get('MANY-X'), 'MANY-X', 'product_id', 'unknown product kettle'],
      ],
    );

    const many = async () =>
      (
        await hub.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM commerce.orders WHERE order_id LIKE 'MANY-%'",
        )
      )[0]?.n;
    await untilProjected(hub, async () => (await many()) === count - 1, `${count - 1} MANY orders in the read model`);
    const placed = await hub.database.query<{ order_id: string; customer_id: string; total: string }>(
      "SELECT order_id, customer_id, total::text AS total FROM commerce.orders WHERE order_id LIKE 'MANY-%'",
    );
    assert.is(placed.length, count - 1, 'every valid order is in the read model');
    const customerOfBuyer = new Map<string, string>();
    for (const row of placed) {
      const n = Number(row.order_id.slice('MANY-'.length));
      assert.is.not(n, bad);
      assert.is(Number(row.total), n % 3 === 0 ? 28.5 : 4.5, row.order_id);
      const buyer = file.buyerOf(n);
      assert.is(
        customerOfBuyer.get(buyer) ?? row.customer_id,
        row.customer_id,
        `${row.order_id}: one customer a buyer`,
      );
      customerOfBuyer.set(buyer, row.customer_id);
    }
    assert.is(new Set(customerOfBuyer.values()).size, count / 10, 'a customer per buyer, none shared');
    const found = await call(hub, 'GET', `/v1/customers/lookup?email=${file.buyerOf(7)}`, ADMIN);
    assert.is(found.body.id ?? found.body.customerId, customerOfBuyer.get(file.buyerOf(7)));
    for (const n of [0, 8, 7_499, count - 1]) {
      const shown = await call(hub, 'GET', `/v1/orders/MANY-${n}`, ADMIN);
      assert.is(shown.status, 200, `MANY-${n}`);
      assert.is(shown.body.currency, 'EUR', `MANY-${n} as the file first placed it`);
      assert.is(shown.body.customerId, customerOfBuyer.get(file.buyerOf(n)), `MANY-${n}`);
    }
    assert.is((await call(hub, 'GET', `/v1/orders/MANY-${bad}`, ADMIN)).status, 404);

    const events = async () =>
      Number((await hub.database.query<{ n: string }>('SELECT count(*)::text AS n FROM event_store.events'))[0]?.n);
    const before = await events();
    const again = (await importCsv(hub, file.csv)).json();
    assert.equal(again.orders, { created: 0, duplicates: count, refused: 3 });
    assert.is(await events(), before, 'a re-import writes nothing');
  },
);

orders(
  'orders placed through the API while an import of them streams: the same one is a duplicate, another one a conflict, the rest are placed',
  async (context) => {
    const { hub } = context;
    const address = await listening(context);
    const row = (n: number) => `LIVE-${n},2026-03-01T10:00:00Z,EUR,live-${n}@shop.example,,,tea,1,4.50`;
    const encoder = new TextEncoder();
    const fromApi = async (n: number, quantity: number) => {
      const placed = await call(
        hub,
        'POST',
        '/v1/orders',
        ADMIN,
        order(`LIVE-${n}`, { email: `live-${n}@shop.example` }, [{ productId: 'tea', quantity, unitAmount: '4.50' }]),
      );
      assert.equal([placed.status, placed.body.outcome], [201, 'created'], JSON.stringify(placed.body));
    };
    async function* upload() {
      yield encoder.encode(`${HEADER}\n${Array.from({ length: 20 }, (_, n) => row(n + 1)).join('\n')}\n`);
      // The import's first rows are on their way, its batch not placed yet: the API places two of them.
      await fromApi(5, 3);
      await fromApi(6, 1);
      yield encoder.encode(`${Array.from({ length: 20 }, (_, n) => row(n + 21)).join('\n')}\n`);
    }
    const { status, json } = await postStreamed(address, '/v1/orders/import', upload());
    const report = json as Json & { orders: Json; errors: Json[] };
    assert.is(status, 200, JSON.stringify(report));
    assert.equal(report.orders, { created: 38, duplicates: 1, refused: 1 });
    assert.equal(
      report.errors.map((e) => [e.row, e.orderId, String(e.reason).split(':')[0]]),
      [[6, 'LIVE-5', 'ORDER_CONFLICT']],
    );
    const conflicted = await call(hub, 'GET', '/v1/orders/LIVE-5', ADMIN);
    assert.is((conflicted.body.lines as Json[])[0]?.quantity, 3, 'LIVE-5 stays as the API placed it');
    for (const n of [1, 6, 20, 21, 40])
      assert.is((await call(hub, 'GET', `/v1/orders/LIVE-${n}`, ADMIN)).status, 200, `LIVE-${n}`);
  },
);

/**
 * A CSV of about `bytes`: `good` new orders spread through rows that are refused (a bad quantity);
 * `onQuarter` is called as each quarter of the bytes has been handed over.
 */
async function* generatedCsv(bytes: number, good: number, onQuarter: (quarter: number) => void = () => {}) {
  const pad = 'x'.repeat(200);
  let size = 0;
  let n = 0;
  let quarters = 0;
  const encoder = new TextEncoder();
  yield encoder.encode(`${HEADER}\n`);
  const every = Math.floor(bytes / 300 / good);
  while (size < bytes) {
    const rows: string[] = [];
    for (let i = 0; i < 1000; i++, n++) {
      const valid = n % every === 0 && n / every < good;
      rows.push(
        valid
          ? `BULK-${n},2026-05-01T10:00:00Z,EUR,bulk-${n % 500}@shop.example,,,tea,1,4.50`
          : `BAD-${n},2026-05-01T10:00:00Z,EUR,,,${pad}-${n},tea,many,4.50`,
      );
    }
    const chunk = encoder.encode(`${rows.join('\n')}\n`);
    if (size + chunk.length > bytes) break;
    size += chunk.length;
    yield chunk;
    while (size >= ((quarters + 1) * bytes) / 4 - 1_000_000 && quarters < 4) onQuarter(++quarters);
  }
  while (quarters < 4) onQuarter(++quarters);
}

orders('a 50 MB file streams through the upload with memory bounded, and flat as it goes', async (context) => {
  const address = await listening(context);
  // What the process holds, not the garbage it has yet to collect: collected before each sample.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const memory = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const baseline = memory();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory());
  }, 1000);
  const byQuarter: number[] = [];
  const started = Date.now();
  // 50 MB (decimal), under the 50 MiB cap; 2,000 orders to place among refused rows, a batch of
  // them every 25,000 rows or so.
  const source = generatedCsv(50_000_000, 2_000, () => byQuarter.push(memory()));
  const { status, json: report } = await postStreamed(address, '/v1/orders/import', source);
  clearInterval(sampler);
  assert.is(status, 200, JSON.stringify(report).slice(0, 500));
  assert.is((report.orders as Json).created, 2_000);
  assert.ok((report.rows as number) > 150_000, `rows: ${report.rows}`);
  assert.is((report.errors as unknown[]).length, 1000, 'the listed errors are capped');
  assert.is(report.errorsTruncated, true);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const [first = baseline, ...later] = byQuarter;
  const seen = `${report.rows} rows in ${Date.now() - started} ms; live memory ${byQuarter.map((b) => mb(b - baseline)).join(', ')} MB above the start after each quarter sent, at most ${mb(peak - baseline)} MB`;
  // Buffered whole, the file alone would take 50 MB of buffers and as much again as a string.
  assert.ok(peak - baseline < 80 * 1024 * 1024, seen);
  // Flat: what a quarter of the file left behind would be 12 MB a quarter, 36 MB by the end.
  assert.is(byQuarter.length, 4);
  assert.ok(Math.max(...later) - first < 16 * 1024 * 1024, `memory grew with the file: ${seen}`);
});

orders.run();
