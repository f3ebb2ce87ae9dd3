import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '@hub/logger';
import {
  createTestDatabase,
  type ProvidedKafka,
  provideKafka,
  singleBrokerDurability,
  type TestDatabase,
  waitFor,
} from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { writerGroupOf } from './start-writer.ts';

const fixture = fileURLToPath(new URL('./testing/writer-crash.fixture.ts', import.meta.url));
const CHANNEL_TOKEN = 'channel-token-for-tests-0123';
const AGENT_TOKEN = 'agent-token-for-tests-456789';

interface Context {
  kafka: ProvidedKafka;
  database: TestDatabase;
  hubs: ComposedHub[];
}

const crash = suite<Context>('a timeline writer killed between the append and the offset commit');
crash.before(async (context) => {
  context.kafka = await provideKafka();
  context.database = await createTestDatabase({ prefix: 'writer_crash' });
  context.hubs = [];
});
crash.after(async ({ hubs, database, kafka }) => {
  for (const hub of hubs.reverse()) await hub.stop();
  await database?.drop();
  await kafka?.stop();
});

crash(
  'the next writer gets the message again within 10 s of the kill and the customer still has exactly one timeline entry',
  async (context) => {
    const topic = `writer-crash-${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: context.database.url,
      ...singleBrokerDurability,
      KAFKA_BROKERS: context.kafka.brokers.join(','),
      HUB_KAFKA_TOPIC: topic,
      HUB_KAFKA_PARTITIONS: '1',
      HUB_CHANNEL_TOKEN: CHANNEL_TOKEN,
      HUB_AGENT_TOKEN: AGENT_TOKEN,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    const front = await composeHub(loadConfig({ ...env, HUB_ROLES: 'gateway,api,projector' }), silentLogger());
    context.hubs.push(front);
    const accepted = await front.app.inject({
      method: 'POST',
      url: '/v1/interactions',
      headers: { authorization: `Bearer ${CHANNEL_TOKEN}`, 'content-type': 'application/json' },
      payload: {
        channel: 'generic',
        source: { system: 'crm-test', externalId: 'order-1234' },
        direction: 'inbound',
        occurredAt: '2026-11-20T08:00:00Z',
        contact: { identifiers: [{ kind: 'email', value: 'sara@example.ir' }], displayName: 'سارا رضایی' },
        threadKey: 'order-1234',
        summary: 'سفارش ۱۲۳۴',
        text: 'سلام، سفارش ۱۲۳۴ کجاست؟',
        html: null,
        details: { channel: 'generic', system: 'crm-test', externalId: 'order-1234', attributes: {} },
      },
    });
    assert.is(accepted.statusCode, 202, accepted.body);

    // The first writer appends, then dies before committing the offset.
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, s) => resolve(s)));
    const killedAt = Date.now();
    assert.is(signal, 'SIGKILL', `the writer should have killed itself after appending:\n${output}`);
    assert.match(output, 'appended');

    const recorded = async () =>
      Number(
        (
          await front.database.query<{ n: string }>(
            "SELECT count(*)::text AS n FROM event_store.events WHERE event_type = 'InteractionRecorded'",
          )
        )[0]?.n,
      );
    assert.is(await recorded(), 1, 'the append was durable before the kill');
    const admin = new Kafka({ brokers: context.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const committed = async () =>
      (await admin.fetchOffsets({ groupId: writerGroupOf(topic), topics: [topic] }))[0]?.partitions[0]?.offset;
    try {
      assert.is(await committed(), '-1', 'the killed writer committed no offset');

      // The next writer of the group is handed the same message and writes nothing new.
      context.hubs.push(await composeHub(loadConfig({ ...env, HUB_ROLES: 'writer' }), silentLogger()));
      await waitFor(async () => ((await committed()) === '1' ? true : undefined), {
        timeoutMs: 60_000,
        what: 'the next writer to handle the message again and commit it',
      });
      // A behaviour bound, not a speed test: the killed member's partitions wait for its session
      // to expire (6 s by default, 30 s before it was configurable), then the group rebalances.
      const recoveryMs = Date.now() - killedAt;
      process.stderr.write(`writer recovery after SIGKILL: ${recoveryMs} ms\n`);
      assert.ok(recoveryMs < 10_000, `a new writer appended again ${recoveryMs} ms after the kill, not within 10 s`);
    } finally {
      await admin.disconnect();
    }
    assert.is(await recorded(), 1, 'the redelivered message appended nothing');

    const agent = (url: string) => front.app.inject({ url, headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
    const customer = await waitFor(
      async () => {
        const response = await agent('/v1/customers/lookup?email=sara@example.ir');
        return response.statusCode === 200 ? (response.json() as { id: string }) : undefined;
      },
      { timeoutMs: 20_000, what: 'the customer in the read model' },
    );
    await front.projectionCaughtUp();
    const timeline = (await agent(`/v1/customers/${customer.id}/timeline`)).json() as { entries: { text: string }[] };
    assert.equal(
      timeline.entries.map((e) => e.text),
      ['سلام، سفارش ۱۲۳۴ کجاست؟'],
    );
  },
);

crash.run();
