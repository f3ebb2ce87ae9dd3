import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ordersOfCustomers, purchaseSummaries } from '@hub/commerce';
import { createLogger } from '@hub/logger';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
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

const importCsv = (hub: ComposedHub, csv: string, token: string | null = ADMIN) =>
  hub.app.inject({
    method: 'POST',
    url: '/v1/orders/import',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'text/csv' },
    payload: csv,
  });

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
    await hub.projectionCaughtUp();
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
    await hub.projectionCaughtUp();
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
  await hub.projectionCaughtUp();
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
  await hub.projectionCaughtUp();
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
  await hub.projectionCaughtUp();
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

/** A CSV of about `bytes`: `good` new orders spread through rows that are refused (a bad quantity). */
async function* generatedCsv(bytes: number, good: number) {
  const pad = 'x'.repeat(200);
  let size = 0;
  let n = 0;
  const encoder = new TextEncoder();
  yield encoder.encode(`${HEADER}\n`);
  const every = Math.floor(bytes / 300 / good);
  while (size < bytes) {
    const rows: string[] = [];
    for (let i = 0; i < 1000; i++, n++) {
      const valid = n % every === 0 && n / every < good;
      rows.push(
        valid
          ? `BULK-${n},2026-05-01T10:00:00Z,EUR,bulk-${n}@shop.example,,,tea,1,4.50`
          : `BAD-${n},2026-05-01T10:00:00Z,EUR,,,${pad}-${n},tea,many,4.50`,
      );
    }
    const chunk = encoder.encode(`${rows.join('\n')}\n`);
    if (size + chunk.length > bytes) return;
    size += chunk.length;
    yield chunk;
  }
}

orders('a 50 MB file streams through the upload with memory bounded', async ({ hub }) => {
  const address = await hub.app.listen({ port: 0, host: '127.0.0.1' });
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
  }, 2000);
  const started = Date.now();
  // 50 MB (decimal), under the 50 MiB cap.
  const source = generatedCsv(50_000_000, 200);
  const response = await fetch(`${address}/v1/orders/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
    body: new ReadableStream({
      async pull(controller) {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    }),
    duplex: 'half',
  } as RequestInit);
  clearInterval(sampler);
  const report = (await response.json()) as Json & { orders: Json; errors: unknown[] };
  assert.is(response.status, 200, JSON.stringify(report).slice(0, 500));
  assert.is(report.orders.created, 200);
  assert.ok((report.rows as number) > 150_000, `rows: ${report.rows}`);
  assert.is(report.errors.length, 1000, 'the listed errors are capped');
  assert.is(report.errorsTruncated, true);
  const growthMb = (peak - baseline) / 1024 / 1024;
  // Buffered whole, the file alone would take 50 MB of buffers and as much again as a string.
  assert.ok(
    growthMb < 80,
    `heap and buffers grew ${growthMb.toFixed(1)} MB for a 50 MB upload (${report.rows} rows, ${Date.now() - started} ms)`,
  );
});

orders.run();
