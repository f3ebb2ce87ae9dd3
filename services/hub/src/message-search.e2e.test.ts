import { rm } from 'node:fs/promises';
import { loudHook } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import {
  CHANNEL_TOKEN,
  createColleagues,
  customerMail,
  postEmail,
  startWorkspaceHub,
} from './testing/agent-workspace.fixture.ts';

// An agent searches what customers wrote, through the whole hub on the embedded default: intake,
// writer, the search projection over the sealing store, and GET /v1/search/messages.

interface Hit {
  interactionId: string;
  customerId: string;
  channel: string;
  occurredAt: string;
  conversationId: string | null;
  subject: string;
  snippet: string;
}
interface Page {
  messages: Hit[];
  nextCursor: string | null;
}

interface Context {
  hub: ComposedHub;
  dataDir: string;
  admin: string;
  agent: string;
  analyst: string;
  customers: { sara: string; ali: string; aliWork: string; nasrin: string };
}

const generic = (externalId: string, email: string, text: string, occurredAt: string) => ({
  channel: 'generic',
  source: { system: 'crm-test', externalId },
  direction: 'inbound',
  occurredAt,
  contact: { identifiers: [{ kind: 'email', value: email }], displayName: null },
  threadKey: externalId,
  summary: text.slice(0, 80),
  text,
  html: null,
  details: { channel: 'generic', system: 'crm-test', externalId, attributes: {} },
});

const search = async (hub: ComposedHub, token: string | undefined, query: Record<string, string>) => {
  const response = await hub.app.inject({
    method: 'GET',
    url: '/v1/search/messages',
    query,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
};

const found = async (hub: ComposedHub, token: string, query: Record<string, string>): Promise<Page> => {
  const answer = await search(hub, token, query);
  assert.is(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as Page;
};

const customerOf = async (hub: ComposedHub, token: string, email: string): Promise<string> => {
  const response = await hub.app.inject({
    method: 'GET',
    url: `/v1/customers/lookup?email=${encodeURIComponent(email)}`,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.is(response.statusCode, 200, response.body);
  return (response.json() as { id: string }).id;
};

const test = suite<Context>('GET /v1/search/messages: an agent searches what customers wrote');

test.before(
  loudHook(async (context) => {
    const { hub, dataDir, admin } = await startWorkspaceHub('message-search');
    Object.assign(context, { hub, dataDir, admin });
    const colleagues = await createColleagues(hub, admin);
    context.agent = colleagues.maryam.token;
    context.analyst = colleagues.nika.token;
    await postEmail(
      hub,
      customerMail(
        'order-1234@example.ir',
        'سفارش گم شده',
        'سلام، من سارا رضایی هستم. سفارش ۱۲۳۴ من هنوز نرسیده <کجاست>?',
      ),
    );
    for (const body of [
      generic('ali-1', 'ali@example.ir', 'My ORDER #7731 never came & I am upset', '2026-12-01T10:00:00Z'),
      generic('ali-2', 'ali@example.ir', 'The order arrived, thank you', '2026-12-02T10:00:00Z'),
      generic('work-1', 'ali.work@example.ir', 'quince invoice from my work address', '2026-12-03T10:00:00Z'),
      generic('nasrin-1', 'nasrin@example.ir', 'loquat complaint, please forget me', '2026-12-04T10:00:00Z'),
    ]) {
      const posted = await hub.app.inject({
        method: 'POST',
        url: '/v1/interactions',
        headers: { authorization: `Bearer ${CHANNEL_TOKEN}` },
        payload: body,
      });
      assert.is(posted.statusCode, 202, posted.body);
    }
    await hub.projectionCaughtUp();
    context.customers = {
      sara: await customerOf(hub, admin, 'sara@example.ir'),
      ali: await customerOf(hub, admin, 'ali@example.ir'),
      aliWork: await customerOf(hub, admin, 'ali.work@example.ir'),
      nasrin: await customerOf(hub, admin, 'nasrin@example.ir'),
    };
  }),
);
test.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a Persian email is found by its Arabic-keyboard spelling: customer, conversation, marked snippet', async ({
  hub,
  agent,
  customers,
}) => {
  const { messages } = await found(hub, agent, { q: 'سارا رضايي' });
  assert.is(messages.length, 1);
  const [hit] = messages;
  assert.is(hit?.customerId, customers.sara);
  assert.is(hit?.channel, 'email');
  assert.is(hit?.subject, 'سفارش گم شده');
  assert.type(hit?.conversationId, 'string', 'filed in a conversation by the linker');
  assert.is(
    hit?.snippet,
    'سلام، من <mark>سارا</mark> <mark>رضایی</mark> هستم. سفارش ۱۲۳۴ من هنوز نرسیده &lt;کجاست&gt;?',
  );
  assert.equal(
    (await found(hub, agent, { q: 'گم' })).messages.map((m) => m.customerId),
    [customers.sara],
    'a word of the subject',
  );
});

test('newest first, filtered by customer, channel and time, a page at a time', async ({ hub, agent, customers }) => {
  const all = await found(hub, agent, { q: 'order' });
  assert.equal(
    all.messages.map((m) => m.occurredAt),
    ['2026-12-02T10:00:00.000Z', '2026-12-01T10:00:00.000Z'],
  );
  assert.equal((await found(hub, agent, { q: 'order', customer: customers.sara })).messages, []);
  assert.is((await found(hub, agent, { q: 'order', customer: customers.ali })).messages.length, 2);
  assert.equal((await found(hub, agent, { q: 'order', channel: 'email' })).messages, []);
  const day = await found(hub, agent, { q: 'order', from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' });
  assert.equal(
    day.messages.map((m) => m.occurredAt),
    ['2026-12-01T10:00:00.000Z'],
  );
  const first = await found(hub, agent, { q: 'order', limit: '1' });
  assert.is(first.messages[0]?.occurredAt, '2026-12-02T10:00:00.000Z');
  assert.type(first.nextCursor, 'string');
  const second = await found(hub, agent, { q: 'order', limit: '1', cursor: first.nextCursor ?? '' });
  assert.is(second.messages[0]?.occurredAt, '2026-12-01T10:00:00.000Z');
  assert.is(second.nextCursor, null);
});

test('every role that reads timelines may search; without credentials, 401', async ({ hub, agent, analyst }) => {
  assert.is((await search(hub, agent, { q: 'order' })).status, 200);
  assert.is((await search(hub, analyst, { q: 'order' })).status, 200);
  assert.is((await search(hub, undefined, { q: 'order' })).status, 401);
  assert.is((await search(hub, 'hub_s_not-a-session', { q: 'order' })).status, 401);
});

test('bad input is a 400 problem naming the field, never a 500; operators are literal', async ({ hub, agent }) => {
  const refused: [Record<string, string>, RegExp][] = [
    [{ q: '' }, /q must not be empty/],
    [{ q: '   ' }, /q must not be empty/],
    [{ q: 'x'.repeat(10 * 1024) }, /q is at most 200 characters/],
    [{ q: 'order\u0000' }, /q must not hold control characters/],
    [{ q: 'order\u001b[31m' }, /q must not hold control characters/],
    [{ q: '%' }, /q holds no letters or digits/],
    [{ q: '_' }, /q holds no letters or digits/],
    [{ q: '\\' }, /q holds no letters or digits/],
    [{ q: "&|!():*<>'" }, /q holds no letters or digits/],
    [{ q: 'order', limit: '0' }, /limit/],
    [{ q: 'order', customer: 'not-a-uuid' }, /customer/],
    [{ q: 'order', channel: 'fax' }, /channel/],
    [{ q: 'order', from: 'yesterday' }, /from/],
    [{ q: 'order', from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, /to must be after from/],
    [{ q: 'order', cursor: 'garbage' }, /cursor/],
  ];
  for (const [query, detail] of refused) {
    const answer = await search(hub, agent, query);
    assert.is(answer.status, 400, `${JSON.stringify(query).slice(0, 80)}: ${JSON.stringify(answer.body)}`);
    assert.match(String(answer.type), /application\/problem\+json/);
    assert.match((answer.body as { detail: string }).detail, detail);
  }
  for (const q of ['!order', 'order:*', "order' | 'quince", '(order)', '.*order', 'order%', 'ord_er\\', 'a & b'])
    assert.is((await search(hub, agent, { q })).status, 200, q);
  assert.equal(
    (await found(hub, agent, { q: "order' | 'quince" })).messages,
    [],
    'both words must be there: the quote and the bar are not syntax',
  );
  assert.is((await found(hub, agent, { q: '#7731!' })).messages.length, 1);
});

test('a merged customer is found as the survivor, by either id', async ({ hub, admin, agent, customers }) => {
  const merged = await hub.app.inject({
    method: 'POST',
    url: `/v1/customers/${customers.ali}/merges`,
    headers: { authorization: `Bearer ${admin}` },
    payload: { mergedId: customers.aliWork },
  });
  assert.is(merged.statusCode, 202, merged.body);
  await hub.projectionCaughtUp();
  const hits = (await found(hub, agent, { q: 'quince' })).messages;
  assert.equal(
    hits.map((m) => m.customerId),
    [customers.ali],
  );
  assert.equal(
    (await found(hub, agent, { q: 'quince', customer: customers.aliWork })).messages.map((m) => m.customerId),
    [customers.ali],
  );
});

test('an erased customer is gone from search as the erasure answers, and after a rebuild', async ({
  hub,
  admin,
  agent,
  customers,
}) => {
  assert.is((await found(hub, agent, { q: 'loquat' })).messages.length, 1);
  const erased = await hub.app.inject({
    method: 'DELETE',
    url: `/v1/customers/${customers.nasrin}`,
    headers: { authorization: `Bearer ${admin}` },
  });
  assert.is(erased.statusCode, 202, erased.body);
  assert.equal((await found(hub, agent, { q: 'loquat' })).messages, [], 'at once, before the projection');
  await hub.projectionCaughtUp();
  const rebuilt = await hub.rebuildProjection('message-search');
  assert.ok(rebuilt.events > 0);
  assert.equal((await found(hub, agent, { q: 'loquat' })).messages, [], 'not brought back by a rebuild');
  assert.is((await found(hub, agent, { q: 'سارا رضايي' })).messages.length, 1, 'the others are rebuilt');
  assert.equal(
    (await found(hub, agent, { q: 'quince' })).messages.map((m) => m.customerId),
    [customers.ali],
    'the merge is replayed',
  );
});

test('the index is a projection like the others: its state and lag on /health and /metrics', async ({ hub }) => {
  const health = await hub.app.inject({ method: 'GET', url: '/health' });
  const report = health.json() as { projections: Record<string, { state: string; lag: { events: number } }> };
  assert.is(report.projections['message-search']?.state, 'caught-up');
  assert.is(report.projections['message-search']?.lag.events, 0);
  const metrics = await hub.app.inject({ method: 'GET', url: '/metrics' });
  assert.match(metrics.body, /hub_projection_lag_events\{projection="message-search"\} 0/);
});

test.run();
