import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { createTestDatabase, singleBrokerDurability, type TestDatabase, waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

const CHANNEL_TOKEN = 'channel-token-for-tests-0123';
const AGENT_TOKEN = 'agent-token-for-tests-456789';

interface Context {
  hub: ComposedHub;
  cleanup: () => Promise<void>;
}

const interaction = (externalId: string, identifiers: { kind: string; value: string }[], text: string, at: string) => ({
  channel: 'generic',
  source: { system: 'crm-test', externalId },
  direction: 'inbound',
  occurredAt: at,
  contact: { identifiers, displayName: 'سارا رضایی' },
  threadKey: externalId,
  summary: text,
  text,
  html: null,
  details: { channel: 'generic', system: 'crm-test', externalId, attributes: {} },
});

async function post(hub: ComposedHub, body: unknown) {
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  assert.is(response.statusCode, 202, response.body);
  return response.json() as { interactionIds: string[] };
}

const agent = (hub: ComposedHub, method: 'GET' | 'DELETE', url: string) =>
  hub.app.inject({ method, url, headers: { authorization: `Bearer ${AGENT_TOKEN}` } });

/**
 * With Kafka, 202 means "durable in the log": the timeline follows a moment later. Waits went from
 * 20 s to 60 s while every test's writers still shared one group (their partitions went unread
 * until a rebalance); they are ceilings, not what a pass takes.
 */
const eventually = <T>(what: string, probe: () => Promise<T | undefined>) =>
  waitFor(probe, { timeoutMs: 60_000, intervalMs: 50, what });

const lookupWhen = (hub: ComposedHub, query: string, ready: (c: { id: string; identifiers: unknown[] }) => boolean) =>
  eventually(`customer ${query}`, async () => {
    const response = await agent(hub, 'GET', `/v1/customers/lookup?${query}`);
    if (response.statusCode !== 200) return undefined;
    const customer = response.json() as { id: string; identifiers: unknown[] };
    return ready(customer) ? customer : undefined;
  });

/** The same scenario on each runtime mode: what a user does, through the public API only. */
function scenario(name: string, open: () => Promise<Context>) {
  const s = suite<Context>(name);
  s.before(async (context) => {
    Object.assign(context, await open());
  });
  s.after(async ({ cleanup }) => cleanup?.());

  s('one customer on email, phone, chat and social; one timeline, newest first, Persian intact', async ({ hub }) => {
    const email = { kind: 'email', value: 'sara@example.ir' };
    const phone = { kind: 'phone', value: '+989121234567' };
    // A person writes, calls, chats and comments minutes apart; each contact is in before the next
    // (with Kafka, contacts keyed by different identifiers may otherwise be handled in any order).
    const contacts: [ReturnType<typeof interaction>, string][] = [
      [interaction('e1', [email], 'سلام، سفارش ۱۲۳۴ کجاست؟', '2026-11-20T08:00:00Z'), 'email=sara%40example.ir'],
      [interaction('p1', [phone, email], 'تماس تلفنی', '2026-11-20T09:00:00Z'), 'phone=%2B989121234567'],
      [
        interaction('t1', [{ kind: 'handle', value: 'telegram:4242' }, phone], 'پیام تلگرام', '2026-11-20T10:00:00Z'),
        'handle=telegram:4242',
      ],
      [
        interaction('f1', [{ kind: 'handle', value: 'facebook:777' }, email], 'نظر فیسبوک', '2026-11-20T11:00:00Z'),
        'handle=facebook:777',
      ],
    ];
    for (const [contact, query] of contacts) {
      await post(hub, contact);
      await lookupWhen(hub, query, () => true);
    }
    const customer = await lookupWhen(hub, 'phone=%2B989121234567', (c) => c.identifiers.length === 4);
    await eventually('four timeline entries', async () => {
      const all = (await agent(hub, 'GET', `/v1/customers/${customer.id}/timeline`)).json() as { entries: unknown[] };
      return all.entries.length === 4 ? true : undefined;
    });
    const timeline = await agent(hub, 'GET', `/v1/customers/${customer.id}/timeline?limit=3`);
    const page = timeline.json() as { entries: { text: string }[]; nextCursor: string };
    assert.equal(
      page.entries.map((e) => e.text),
      ['نظر فیسبوک', 'پیام تلگرام', 'تماس تلفنی'],
    );
    const rest = await agent(hub, 'GET', `/v1/customers/${customer.id}/timeline?limit=3&cursor=${page.nextCursor}`);
    assert.equal(
      (rest.json() as { entries: { text: string }[] }).entries.map((e) => e.text),
      ['سلام، سفارش ۱۲۳۴ کجاست؟'],
    );
    const search = await agent(hub, 'GET', `/v1/customers?q=${encodeURIComponent('رضايي')}`);
    assert.equal(
      (search.json() as { customers: { id: string }[] }).customers.map((c) => c.id),
      [customer.id],
      'Arabic yeh finds Persian yeh',
    );
  });

  s('the same webhook delivered three times: one timeline entry', async ({ hub }) => {
    const once = interaction('dup', [{ kind: 'email', value: 'dup@example.com' }], 'once', '2026-11-21T08:00:00Z');
    await post(hub, once);
    await post(hub, once);
    await post(hub, { interactions: [once] });
    const customer = await lookupWhen(hub, 'email=DUP@example.com', () => true);
    // Let every delivery reach the writer before counting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await hub.projectionCaughtUp();
    const timeline = (await agent(hub, 'GET', `/v1/customers/${customer.id}/timeline`)).json() as {
      entries: unknown[];
    };
    assert.is(timeline.entries.length, 1);
  });

  s(
    'erasure: the customer and its timeline are gone from the API, its identifiers resolve to nobody',
    async ({ hub }) => {
      await post(
        hub,
        interaction('erase-1', [{ kind: 'email', value: 'forget-me@example.com' }], 'محرمانه', '2026-11-22T08:00:00Z'),
      );
      const customer = await lookupWhen(hub, 'email=forget-me@example.com', () => true);
      const [link] = await hub.database.query<{ payload_id: string }>(
        "SELECT metadata->>'rawPayloadId' AS payload_id FROM event_store.events WHERE stream_id = $1 AND event_type = 'InteractionRecorded'",
        [`customer-${customer.id}`],
      );
      assert.is(
        (await hub.database.query('SELECT 1 FROM raw.payloads WHERE payload_id = $1', [link?.payload_id])).length,
        1,
      );
      const erased = await agent(hub, 'DELETE', `/v1/customers/${customer.id}`);
      assert.is(erased.statusCode, 202, erased.body);
      await hub.projectionCaughtUp();
      assert.is((await agent(hub, 'GET', '/v1/customers/lookup?email=forget-me@example.com')).statusCode, 404);
      const timeline = (await agent(hub, 'GET', `/v1/customers/${customer.id}/timeline`)).json() as {
        entries: unknown[];
      };
      assert.equal(timeline.entries, []);
      const rows = await hub.database.query<{ data: unknown }>(
        "SELECT data FROM event_store.events WHERE stream_id = $1 AND event_type = 'InteractionRecorded'",
        [`customer-${customer.id}`],
      );
      assert.ok(
        rows.length === 1 && !JSON.stringify(rows).includes('forget-me'),
        'the event holds no personal data in clear',
      );
      const raw = await hub.database.query('SELECT 1 FROM raw.payloads WHERE payload_id = $1', [link?.payload_id]);
      assert.is(raw.length, 0, 'the raw payload is deleted');
    },
  );

  s('the agent API needs its token', async ({ hub }) => {
    const response = await hub.app.inject({ method: 'GET', url: '/v1/customers?q=x' });
    assert.is(response.statusCode, 401);
    const wrong = await hub.app.inject({
      method: 'GET',
      url: '/v1/customers?q=x',
      headers: { authorization: `Bearer ${CHANNEL_TOKEN}` },
    });
    assert.is(wrong.statusCode, 401, 'the channel token is not an agent token');
  });

  s.run();
}

const baseEnv = {
  HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
  HUB_AGENT_TOKEN: AGENT_TOKEN,
  HUB_MASTER_KEY: randomBytes(32).toString('base64'),
  HUB_LOG_LEVEL: 'silent',
};

scenario('the hub end to end, embedded (PGlite, in-process log)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hub-e2e-'));
  const hub = await composeHub(loadConfig({ ...baseEnv, HUB_DATA_DIR: dataDir }), silentLogger());
  return {
    hub,
    cleanup: async () => {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

const brokers = process.env.KAFKA_BROKERS;
scenario('the hub end to end, distributed (PostgreSQL, Kafka)', async () => {
  const database: TestDatabase = await createTestDatabase({ prefix: 'hub_e2e' });
  const hub = await composeHub(
    loadConfig({
      ...baseEnv,
      DATABASE_URL: database.url,
      ...(brokers
        ? {
            ...singleBrokerDurability,
            KAFKA_BROKERS: brokers,
            HUB_KAFKA_TOPIC: `hub-e2e-${randomBytes(4).toString('hex')}`,
          }
        : {}),
    }),
    silentLogger(),
  );
  return {
    hub,
    cleanup: async () => {
      await hub.stop();
      await database.drop();
    },
  };
});

const split = suite<{ front?: ComposedHub; back?: ComposedHub; database?: TestDatabase }>(
  'the hub split by role over Kafka: a gateway+api process and a writer+projector process',
);
split.after(async ({ front, back, database }) => {
  await front?.stop();
  await back?.stop();
  await database?.drop();
});
split(
  'an interaction posted to the gateway process is read back from the same process after the other wrote it',
  async (context) => {
    if (!brokers) {
      process.stderr.write('roles test: no KAFKA_BROKERS, run it through scripts/test.ts\n');
      return;
    }
    context.database = await createTestDatabase({ prefix: 'hub_roles' });
    const env = {
      ...baseEnv,
      DATABASE_URL: context.database.url,
      ...singleBrokerDurability,
      KAFKA_BROKERS: brokers,
      HUB_KAFKA_TOPIC: `hub-roles-${randomBytes(4).toString('hex')}`,
    };
    context.back = await composeHub(loadConfig({ ...env, HUB_ROLES: 'writer,projector' }), silentLogger());
    context.front = await composeHub(loadConfig({ ...env, HUB_ROLES: 'gateway,api' }), silentLogger());
    const missing = await context.back.app.inject({ method: 'POST', url: '/v1/interactions', payload: {} });
    assert.is(missing.statusCode, 404, 'the writer process serves no gateway');
    await post(
      context.front,
      interaction('roles-1', [{ kind: 'email', value: 'roles@example.com' }], 'جدا', '2026-11-22T09:00:00Z'),
    );
    const customer = await lookupWhen(context.front, 'email=roles@example.com', () => true);
    const timeline = (await agent(context.front, 'GET', `/v1/customers/${customer.id}/timeline`)).json() as {
      entries: { text: string }[];
    };
    assert.equal(
      timeline.entries.map((e) => e.text),
      ['جدا'],
    );
  },
);
split.run();
