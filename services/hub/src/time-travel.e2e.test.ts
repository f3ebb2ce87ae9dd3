import { rm } from 'node:fs/promises';
import { createTestDatabase, loudHook, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { CHANNEL_TOKEN, createColleagues, startWorkspaceHub } from './testing/agent-workspace.fixture.ts';

// An analyst looks at a customer as she stood at a past instant: merges, unmerges and relabels
// made after it do not show, and they do show without asOf. An erased customer's past shows nothing.

interface Context {
  hub: ComposedHub;
  dataDir: string;
  database: TestDatabase;
  admin: string;
  agent: string;
  supervisor: string;
}

const travel = suite<Context>('time travel through the agent API (PostgreSQL)');
travel.before(
  loudHook(async (context) => {
    context.database = await createTestDatabase({ prefix: 'hub_time_travel' });
    const started = await startWorkspaceHub('time-travel', { DATABASE_URL: context.database.url });
    Object.assign(context, { hub: started.hub, dataDir: started.dataDir, admin: started.admin });
    const colleagues = await createColleagues(context.hub, context.admin);
    context.agent = colleagues.maryam.token;
    context.supervisor = colleagues.sima.token;
  }),
);
travel.after(async ({ hub, dataDir, database }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await database?.drop();
});

async function call(hub: ComposedHub, method: 'GET' | 'POST' | 'DELETE', url: string, token: string, body?: unknown) {
  const response = await hub.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.json(), raw: response.body, headers: response.headers };
}

let sent = 0;
/** One interaction of the generic API from `identifier`; `thread` groups them into a conversation. */
async function contact(hub: ComposedHub, identifier: { kind: string; value: string }, text: string, thread: string) {
  sent += 1;
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      channel: 'generic',
      source: { system: 'time-travel-test', externalId: `${thread}-${sent}` },
      direction: 'inbound',
      occurredAt: new Date(Date.UTC(2026, 11, 1, 9, sent)).toISOString(),
      contact: { identifiers: [identifier], displayName: `name of ${identifier.value}` },
      threadKey: thread,
      summary: text,
      text,
      html: null,
      details: { channel: 'generic', system: 'time-travel-test', externalId: `${thread}-${sent}`, attributes: {} },
    }),
  });
  assert.is(response.statusCode, 202, response.body);
}

/** The customer owning an email, once the projections show it. */
async function customerOf(context: Context, email: string): Promise<string> {
  return waitFor(
    async () => {
      await context.hub.projectionCaughtUp();
      const found = await call(context.hub, 'GET', `/v1/customers/lookup?email=${email}`, context.agent);
      return found.status === 200 ? (found.body as { id: string }).id : undefined;
    },
    { timeoutMs: 20_000, what: email },
  );
}

const texts = (body: unknown) => (body as { entries: { text: string }[] }).entries.map((e) => e.text).sort();

/** A moment that is surely after everything before it and before everything after it. */
async function instant(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const at = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return at;
}

travel('a merge, an unmerge and a relabel after the instant do not show asOf it; they do show now', async (context) => {
  const { hub, agent, supervisor } = context;
  await contact(hub, { kind: 'email', value: 'sara@example.ir' }, 'where is my order?', 'sara-order');
  await contact(hub, { kind: 'email', value: 'sara.work@example.ir' }, 'from my work address', 'sara-work');
  await contact(hub, { kind: 'email', value: 'sara.phone@example.ir' }, 'calling about it', 'sara-phone');
  const sara = await customerOf(context, 'sara@example.ir');
  const work = await customerOf(context, 'sara.work@example.ir');
  const phone = await customerOf(context, 'sara.phone@example.ir');
  assert.is((await call(hub, 'POST', `/v1/customers/${sara}/merges`, supervisor, { mergedId: work })).status, 202);
  const conversation = await waitFor(
    async () => {
      await hub.projectionCaughtUp();
      const inbox = await call(hub, 'GET', `/v1/inbox?customer=${sara}&status=all`, agent);
      return (inbox.body as { conversations: { id: string; revision: number }[] }).conversations[0];
    },
    { timeoutMs: 20_000, what: 'sara’s conversation' },
  );
  const labelled = await call(hub, 'POST', `/v1/conversations/${conversation.id}/labels`, agent, {
    revision: conversation.revision,
    label: 'vip',
  });
  assert.is(labelled.status, 200, labelled.raw);
  await hub.projectionCaughtUp();

  const asOf = await instant();

  // After the instant: the phone customer merged in, the work address given back, a relabel, a new message.
  assert.is((await call(hub, 'POST', `/v1/customers/${sara}/merges`, supervisor, { mergedId: phone })).status, 202);
  assert.is((await call(hub, 'DELETE', `/v1/customers/${sara}/merges/${work}`, supervisor)).status, 202);
  let revision = (labelled.body as { revision: number }).revision;
  const unlabelled = await call(
    hub,
    'DELETE',
    `/v1/conversations/${conversation.id}/labels/vip?revision=${revision}`,
    agent,
  );
  assert.is(unlabelled.status, 200, unlabelled.raw);
  revision = (unlabelled.body as { revision: number }).revision;
  assert.is(
    (await call(hub, 'POST', `/v1/conversations/${conversation.id}/labels`, agent, { revision, label: 'refund' }))
      .status,
    200,
  );
  await contact(hub, { kind: 'email', value: 'sara@example.ir' }, 'still waiting', 'sara-later');
  await hub.projectionCaughtUp();
  await waitFor(
    async () => {
      await hub.projectionCaughtUp();
      return texts((await call(hub, 'GET', `/v1/customers/${sara}/timeline`, agent)).body).length === 3 || undefined;
    },
    { timeoutMs: 20_000, what: 'the live timeline' },
  );

  const at = `asOf=${encodeURIComponent(asOf)}`;
  // The timeline: exactly what was hers then, the work address's message included.
  assert.equal(texts((await call(hub, 'GET', `/v1/customers/${sara}/timeline?${at}`, agent)).body), [
    'from my work address',
    'where is my order?',
  ]);
  assert.equal(texts((await call(hub, 'GET', `/v1/customers/${sara}/timeline`, agent)).body), [
    'calling about it',
    'still waiting',
    'where is my order?',
  ]);
  // A customer merged away then answers with its survivor's timeline, as the live API does now.
  const workThen = await call(hub, 'GET', `/v1/customers/${work}/timeline?${at}`, agent);
  assert.is((workThen.body as { customerId: string }).customerId, sara);
  const firstPage = await call(hub, 'GET', `/v1/customers/${sara}/timeline?${at}&limit=1`, agent);
  const cursor = (firstPage.body as { nextCursor: string }).nextCursor;
  assert.ok(cursor, 'a second page');
  const secondPage = await call(hub, 'GET', `/v1/customers/${sara}/timeline?${at}&limit=1&cursor=${cursor}`, agent);
  assert.equal([...texts(firstPage.body), ...texts(secondPage.body)].sort(), [
    'from my work address',
    'where is my order?',
  ]);
  assert.is((secondPage.body as { nextCursor: string | null }).nextCursor, null);

  // The customer card and the profile.
  const cardThen = (await call(hub, 'GET', `/v1/customers/${sara}?${at}`, agent)).body as {
    identifiers: { value: string }[];
    revision: number;
  };
  assert.equal(cardThen.identifiers.map((i) => i.value).sort(), ['sara.work@example.ir', 'sara@example.ir']);
  const cardNow = (await call(hub, 'GET', `/v1/customers/${sara}`, agent)).body as {
    identifiers: { value: string }[];
    revision: number;
  };
  assert.equal(cardNow.identifiers.map((i) => i.value).sort(), ['sara.phone@example.ir', 'sara@example.ir']);
  assert.ok(cardThen.revision < cardNow.revision);
  assert.is(
    ((await call(hub, 'GET', `/v1/customers/${phone}?${at}`, agent)).body as { mergedInto: null }).mergedInto,
    null,
  );
  assert.is(
    ((await call(hub, 'GET', `/v1/customers/${phone}`, agent)).body as { mergedInto: string }).mergedInto,
    sara,
  );
  assert.is(
    ((await call(hub, 'GET', `/v1/customers/${work}?${at}`, agent)).body as { mergedInto: string }).mergedInto,
    sara,
  );
  const profileThen = (await call(hub, 'GET', `/v1/customers/${work}/profile?${at}`, agent)).body as {
    customerId: string;
    mergedIds: string[];
    openConversations: { id: string }[];
  };
  assert.is(profileThen.customerId, sara, 'merged away then: the survivor’s profile');
  assert.equal(profileThen.mergedIds, [work]);
  assert.ok(profileThen.openConversations.some((c) => c.id === conversation.id));
  const profileNow = (await call(hub, 'GET', `/v1/customers/${sara}/profile`, agent)).body as { mergedIds: string[] };
  assert.equal(profileNow.mergedIds, [phone]);

  // The conversation's labels as they stood.
  const conversationThen = await call(hub, 'GET', `/v1/conversations/${conversation.id}?${at}`, agent);
  assert.is(conversationThen.status, 200, conversationThen.raw);
  assert.equal((conversationThen.body as { labels: string[] }).labels, ['vip']);
  const conversationNow = await call(hub, 'GET', `/v1/conversations/${conversation.id}`, agent);
  assert.equal((conversationNow.body as { labels: string[] }).labels, ['refund']);

  // Before the customer existed, there was no such customer.
  const before = encodeURIComponent('2020-01-01T00:00:00Z');
  assert.is((await call(hub, 'GET', `/v1/customers/${sara}?asOf=${before}`, agent)).status, 404);
  assert.is((await call(hub, 'GET', `/v1/conversations/${conversation.id}?asOf=${before}`, agent)).status, 404);
});

travel('an erased customer’s past view shows nothing personal', async (context) => {
  const { hub, agent, admin } = context;
  await contact(hub, { kind: 'email', value: 'forget.me@example.ir' }, 'my secret address is 12 Rose St', 'forget');
  const gone = await customerOf(context, 'forget.me@example.ir');
  const asOf = encodeURIComponent(await instant());
  const before = await call(hub, 'GET', `/v1/customers/${gone}/timeline?asOf=${asOf}`, agent);
  assert.equal(texts(before.body), ['my secret address is 12 Rose St'], 'before the erasure the past shows it');
  assert.is((await call(hub, 'DELETE', `/v1/customers/${gone}`, admin)).status, 202);
  await hub.projectionCaughtUp();

  const card = await call(hub, 'GET', `/v1/customers/${gone}?asOf=${asOf}`, agent);
  assert.is(card.status, 200, card.raw);
  assert.is((card.body as { erased: boolean }).erased, true);
  const timeline = await call(hub, 'GET', `/v1/customers/${gone}/timeline?asOf=${asOf}`, agent);
  assert.equal((timeline.body as { entries: unknown[] }).entries, []);
  assert.is((await call(hub, 'GET', `/v1/customers/${gone}/profile?asOf=${asOf}`, agent)).status, 404);
  for (const body of [card.raw, timeline.raw]) {
    assert.not.match(body, 'forget.me');
    assert.not.match(body, 'Rose St');
  }
});

travel(
  'bad asOf, a future one, an unknown customer, no credentials: problem+json, nothing answered',
  async (context) => {
    const { hub, agent } = context;
    const id = '00000000-0000-4000-8000-000000000001';
    const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    const cases: [string, number][] = [
      [`/v1/customers/${id}?asOf=yesterday`, 400],
      [`/v1/customers/${id}/timeline?asOf=2026-13-01T00:00:00Z`, 400],
      [`/v1/customers/${id}/profile?asOf=2026-12-01`, 400],
      [`/v1/conversations/${id}?asOf=${'9'.repeat(5000)}`, 400],
      [`/v1/customers/${id}?asOf=${future}`, 400],
      [`/v1/customers/${id}/timeline?asOf=${future}`, 400],
      [`/v1/customers/${id}?asOf=2026-01-01T00:00:00Z`, 404],
      [`/v1/customers/${id}/timeline?asOf=2026-01-01T00:00:00Z`, 404],
      [`/v1/customers/${id}/profile?asOf=2026-01-01T00:00:00Z`, 404],
      [`/v1/conversations/${id}?asOf=2026-01-01T00:00:00Z`, 404],
      ['/v1/customers/not-a-uuid?asOf=2026-01-01T00:00:00Z', 400],
    ];
    for (const [url, status] of cases) {
      const response = await call(hub, 'GET', url, agent);
      assert.is(response.status, status, `${url}: ${response.raw}`);
      assert.match(String(response.headers['content-type']), 'application/problem+json', url);
    }
    assert.match((await call(hub, 'GET', `/v1/customers/${id}?asOf=${future}`, agent)).raw, 'in the future');
    const anonymous = await hub.app.inject({
      method: 'GET',
      url: `/v1/customers/${id}/timeline?asOf=2026-01-01T00:00:00Z`,
    });
    assert.is(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), 'application/problem+json');
  },
);

travel.run();
