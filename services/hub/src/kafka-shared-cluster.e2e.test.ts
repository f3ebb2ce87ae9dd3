import { randomBytes } from 'node:crypto';
import { silentLogger } from '@hub/logger';
import {
  createTestDatabase,
  type ProvidedKafka,
  provideKafka,
  singleBrokerDurability,
  type TestDatabase,
  waitFor,
} from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

// Two hubs on one Kafka cluster, each with a topic of its own (staging beside production, two
// brands). kafkajs's group leader assigns only the topics it subscribes to, round robin over every
// member: had both hubs' writers been in one group, one hub's partitions would go to the other's
// writer, which drops them, and its interactions would wait in Kafka until some later rebalance.

const CHANNEL_TOKEN = 'channel-token-for-tests-0123';
const AGENT_TOKEN = 'agent-token-for-tests-456789';

interface Context {
  kafka: ProvidedKafka;
  databases: TestDatabase[];
  hubs: ComposedHub[];
}

const shared = suite<Context>('two hubs sharing one Kafka cluster');
shared.before(async (context) => {
  context.kafka = await provideKafka();
  context.databases = [];
  context.hubs = [];
});
shared.after(async ({ hubs, databases, kafka }) => {
  for (const hub of hubs) await hub.stop();
  for (const database of databases) await database.drop();
  await kafka?.stop();
});

const post = async (hub: ComposedHub, email: string, text: string) => {
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      channel: 'generic',
      source: { system: 'shared-cluster-test', externalId: `${email}-${text}` },
      direction: 'inbound',
      occurredAt: '2026-12-06T09:00:00Z',
      contact: { identifiers: [{ kind: 'email', value: email }], displayName: 'مریم کاظمی' },
      threadKey: email,
      summary: text,
      text,
      html: null,
      details: { channel: 'generic', system: 'shared-cluster-test', externalId: `${email}-${text}`, attributes: {} },
    }),
  });
  assert.is(response.statusCode, 202, response.body);
};

const timelineTexts = async (hub: ComposedHub, email: string): Promise<string[] | undefined> => {
  const headers = { authorization: `Bearer ${AGENT_TOKEN}` };
  const lookup = await hub.app.inject({
    method: 'GET',
    url: `/v1/customers/lookup?email=${encodeURIComponent(email)}`,
    headers,
  });
  if (lookup.statusCode !== 200) return undefined;
  const { id } = lookup.json() as { id: string };
  const timeline = await hub.app.inject({ method: 'GET', url: `/v1/customers/${id}/timeline`, headers });
  return (timeline.json() as { entries: { text: string }[] }).entries.map((entry) => entry.text).sort();
};

shared(
  "each hub's writers get every partition of its own topic: both hubs' interactions reach their timelines",
  async (context) => {
    const hubFor = async (name: string) => {
      const database = await createTestDatabase({ prefix: `hub_shared_${name}` });
      context.databases.push(database);
      const hub = await composeHub(
        loadConfig({
          HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
          HUB_AGENT_TOKEN: AGENT_TOKEN,
          HUB_MASTER_KEY: randomBytes(32).toString('base64'),
          DATABASE_URL: database.url,
          ...singleBrokerDurability,
          KAFKA_BROKERS: context.kafka.brokers.join(','),
          // The writer group is left to its default: that is what a user sharing a cluster gets.
          HUB_KAFKA_TOPIC: `${name}-${randomBytes(4).toString('hex')}.interactions`,
          HUB_KAFKA_PARTITIONS: '4',
        }),
        silentLogger(),
      );
      context.hubs.push(hub);
      await hub.writerJoined();
      return hub;
    };
    const production = await hubFor('production');
    const staging = await hubFor('staging');

    // Eight customers per hub over four partitions, so every partition is likely used: a partition
    // nobody reads leaves its customers' interactions out of the timeline.
    const customers = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `customer-${n}@example.ir`);
    for (const email of customers) {
      await post(production, email, 'production');
      await post(staging, email, 'staging');
    }
    for (const [hub, text] of [
      [production, 'production'],
      [staging, 'staging'],
    ] as const) {
      for (const email of customers) {
        const texts = await waitFor(
          async () => {
            const shown = await timelineTexts(hub, email);
            return shown?.length ? shown : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 100, what: `${email}'s ${text} interaction in the ${text} hub's timeline` },
        );
        assert.equal(texts, [text], `${email} has only the ${text} interaction in the ${text} hub`);
      }
    }
  },
);

shared.run();
