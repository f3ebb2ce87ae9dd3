import { randomBytes } from 'node:crypto';
import { silentLogger } from '@hub/logger';
import { createTestDatabase, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

const CHANNEL_TOKEN = 'channel-token-for-tests-0123';
const AGENT_TOKEN = 'agent-token-for-tests-456789';

const conflicts = suite<{ hub: ComposedHub; database: TestDatabase }>(
  'two agents change one customer from the same view (PostgreSQL, in-process log)',
);

conflicts.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'hub_merge_conflict' });
  const config = loadConfig({
    HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
    HUB_AGENT_TOKEN: AGENT_TOKEN,
    HUB_MASTER_KEY: randomBytes(32).toString('base64'),
    HUB_LOG_LEVEL: 'silent',
    DATABASE_URL: context.database.url,
  });
  context.hub = await composeHub(config, silentLogger());
});
conflicts.after(async ({ hub, database }) => {
  await hub?.stop();
  await database?.drop();
});

const call = (
  hub: ComposedHub,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { payload?: unknown; headers?: Record<string, string> } = {},
) =>
  hub.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${AGENT_TOKEN}`,
      ...(options.payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.payload === undefined ? {} : { payload: JSON.stringify(options.payload) }),
  });

/** A customer made by one interaction from `email`, as the agent API finds them. */
async function customerWith(hub: ComposedHub, email: string): Promise<string> {
  const posted = await hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      channel: 'generic',
      source: { system: 'conflict-test', externalId: email },
      direction: 'inbound',
      occurredAt: '2026-12-01T09:00:00Z',
      contact: { identifiers: [{ kind: 'email', value: email }], displayName: null },
      threadKey: email,
      summary: 'hello',
      text: 'hello',
      html: null,
      details: { channel: 'generic', system: 'conflict-test', externalId: email, attributes: {} },
    }),
  });
  assert.is(posted.statusCode, 202, posted.body);
  return waitFor(
    async () => {
      await hub.projectionCaughtUp();
      const found = await call(hub, 'GET', `/v1/customers/lookup?email=${encodeURIComponent(email)}`);
      return found.statusCode === 200 ? (found.json() as { id: string }).id : undefined;
    },
    { timeoutMs: 20_000, what: email },
  );
}

const eventsOf = async (hub: ComposedHub, customerId: string, type: string) =>
  (
    await hub.database.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM event_store.events WHERE stream_id = $1 AND event_type = $2',
      [`customer-${customerId}`, type],
    )
  )[0]?.n;

interface StaleProblem {
  code: string;
  currentRevision: number;
  current: { mergedIds: string[]; mergedInto: string | null; exists: boolean };
}

conflicts(
  'two agents merge into one customer from the same revision: one wins, the other gets 409 with what changed, nothing is written twice',
  async ({ hub }) => {
    const survivor = await customerWith(hub, 'leila@example.ir');
    const fromPhone = await customerWith(hub, 'leila.phone@example.ir');
    const fromChat = await customerWith(hub, 'leila.chat@example.ir');
    const card = await call(hub, 'GET', `/v1/customers/${survivor}`);
    assert.is(card.statusCode, 200, card.body);
    const seen = (card.json() as { revision: number }).revision;
    assert.is(card.headers.etag, `"${seen}"`);

    // Both agents looked at the same card; one sends the revision in the body, the other as If-Match.
    const [first, second] = await Promise.all([
      call(hub, 'POST', `/v1/customers/${survivor}/merges`, {
        payload: { mergedId: fromPhone, agentId: 'agent-1', expectedRevision: seen },
      }),
      call(hub, 'POST', `/v1/customers/${survivor}/merges`, {
        payload: { mergedId: fromChat, agentId: 'agent-2' },
        headers: { 'if-match': `"${seen}"` },
      }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    assert.equal(statuses, [202, 409], `${first.body} / ${second.body}`);
    const [won, lost] = first.statusCode === 202 ? [first, second] : [second, first];
    const [winner, loser] = first.statusCode === 202 ? [fromPhone, fromChat] : [fromChat, fromPhone];

    assert.match(String(lost.headers['content-type']), 'application/problem+json');
    const problem = lost.json() as StaleProblem;
    assert.is(problem.code, 'WRONG_EXPECTED_REVISION');
    assert.is(problem.currentRevision, seen + 1, 'the survivor moved on by the winning merge');
    assert.is((won.json() as { revision: number }).revision, seen + 1);
    assert.equal(problem.current.mergedIds, [winner], 'the loser sees whom the winner merged');
    assert.is(problem.current.mergedInto, null);

    assert.is(await eventsOf(hub, survivor, 'CustomersMerged'), '1', 'the survivor records one merge');
    assert.is(await eventsOf(hub, winner, 'CustomersMerged'), '1');
    assert.is(await eventsOf(hub, loser, 'CustomersMerged'), '0', 'the refused merge left nothing behind');

    // The winner's request retried as it was (a lost answer): accepted, nothing written again.
    const retried = await call(hub, 'POST', `/v1/customers/${survivor}/merges`, {
      payload: { mergedId: winner, agentId: 'agent-1', expectedRevision: seen },
    });
    assert.is(retried.statusCode, 202, retried.body);
    assert.is(await eventsOf(hub, survivor, 'CustomersMerged'), '1');
    assert.is(await eventsOf(hub, winner, 'CustomersMerged'), '1');

    // The loser looks again and merges from what is there now.
    const again = await call(hub, 'POST', `/v1/customers/${survivor}/merges`, {
      payload: { mergedId: loser, agentId: 'agent-2', expectedRevision: problem.currentRevision },
    });
    assert.is(again.statusCode, 202, again.body);
    assert.is(await eventsOf(hub, survivor, 'CustomersMerged'), '2');
  },
);

conflicts('an unmerge from a stale view changes nothing and answers 409', async ({ hub }) => {
  const survivor = await customerWith(hub, 'omid@example.ir');
  const merged = await customerWith(hub, 'omid.work@example.ir');
  const seen = (await call(hub, 'GET', `/v1/customers/${survivor}`)).json() as { revision: number };
  const merging = await call(hub, 'POST', `/v1/customers/${survivor}/merges`, {
    payload: { mergedId: merged, expectedRevision: seen.revision },
  });
  assert.is(merging.statusCode, 202, merging.body);

  const stale = await call(hub, 'DELETE', `/v1/customers/${survivor}/merges/${merged}`, {
    headers: { 'if-match': `"${seen.revision}"` },
  });
  assert.is(stale.statusCode, 409, stale.body);
  assert.equal((stale.json() as StaleProblem).current.mergedIds, [merged]);
  assert.is(await eventsOf(hub, survivor, 'CustomersUnmerged'), '0');
  assert.is(await eventsOf(hub, merged, 'CustomersUnmerged'), '0');

  const current = merging.headers.etag;
  assert.ok(typeof current === 'string');
  const undone = await call(hub, 'DELETE', `/v1/customers/${survivor}/merges/${merged}`, {
    headers: { 'if-match': current },
  });
  assert.is(undone.statusCode, 202, undone.body);
  assert.is(await eventsOf(hub, survivor, 'CustomersUnmerged'), '1');
  assert.is(await eventsOf(hub, merged, 'CustomersUnmerged'), '1');
});

conflicts('a merge refused by the rules writes nothing on either side', async ({ hub }) => {
  const one = await customerWith(hub, 'rana@example.ir');
  const two = await customerWith(hub, 'rana.two@example.ir');
  const three = await customerWith(hub, 'rana.three@example.ir');
  assert.is((await call(hub, 'POST', `/v1/customers/${one}/merges`, { payload: { mergedId: two } })).statusCode, 202);
  const twice = await call(hub, 'POST', `/v1/customers/${three}/merges`, { payload: { mergedId: two } });
  assert.is(twice.statusCode, 400, twice.body);
  assert.match(twice.body, 'already merged');
  assert.is(await eventsOf(hub, three, 'CustomersMerged'), '0', 'the would-be survivor records nothing');
  const itself = await call(hub, 'POST', `/v1/customers/${one}/merges`, { payload: { mergedId: one } });
  assert.is(itself.statusCode, 400, itself.body);
  const badMatch = await call(hub, 'POST', `/v1/customers/${three}/merges`, {
    payload: { mergedId: one },
    headers: { 'if-match': 'yesterday' },
  });
  assert.is(badMatch.statusCode, 400, badMatch.body);
});

conflicts('an erased customer is not erased twice', async ({ hub }) => {
  const gone = await customerWith(hub, 'forget.me@example.ir');
  const erased = await call(hub, 'DELETE', `/v1/customers/${gone}?agentId=agent-9&reason=asked%20by%20phone`);
  assert.is(erased.statusCode, 202, erased.body);
  const again = await call(hub, 'DELETE', `/v1/customers/${gone}`);
  assert.is(again.statusCode, 404, again.body);
  assert.is(await eventsOf(hub, gone, 'CustomerErased'), '1');
  const [event] = await hub.database.query<{ data: { requestedBy: string; reason: string } }>(
    "SELECT data FROM event_store.events WHERE stream_id = $1 AND event_type = 'CustomerErased'",
    [`customer-${gone}`],
  );
  assert.equal(event?.data, { customerId: gone, requestedBy: 'agent:agent-9', reason: 'asked by phone' });
});

conflicts.run();
