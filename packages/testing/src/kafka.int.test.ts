import { type Admin, type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ProvidedKafka, provideKafka } from './kafka.provider.ts';
import { uniqueName } from './unique-name.ts';
import { waitFor } from './wait-for.ts';

interface Context {
  server?: ProvidedKafka;
  client?: Kafka;
  open: Array<Admin | Producer | Consumer>;
}

interface Sent {
  readonly key: string;
  readonly seq: number;
}

const messageCount = 1_000;
const keyCount = 20;
const senderCount = 8;
const messagesPerSend = 25;

const test = suite<Context>('kafka: idempotent producer, concurrent sends, fresh consumer group', { open: [] });

test.before(async (context) => {
  context.server = await provideKafka();
  context.client = new Kafka({ clientId: 'hub-testing', brokers: context.server.brokers, logLevel: logLevel.ERROR });
});

test.after.each(async (context) => {
  for (const connection of context.open.splice(0)) await connection.disconnect();
});

test.after(async (context) => {
  await context.server?.stop();
});

/** Each sender owns a disjoint set of keys, so every key has one defined order while sends overlap. */
function plannedSends(): Sent[][][] {
  const perKey = new Map<string, number>();
  const senders: Sent[][] = Array.from({ length: senderCount }, () => []);
  for (let n = 0; n < messageCount; n += 1) {
    const key = `customer-${n % keyCount}`;
    const seq = perKey.get(key) ?? 0;
    perKey.set(key, seq + 1);
    senders[(n % keyCount) % senderCount]?.push({ key, seq });
  }
  return senders.map((messages) =>
    Array.from({ length: Math.ceil(messages.length / messagesPerSend) }, (_, i) =>
      messages.slice(i * messagesPerSend, (i + 1) * messagesPerSend),
    ),
  );
}

test('1,000 keyed messages arrive exactly once with per-key order kept', async (context) => {
  const client = context.client as Kafka;
  const topic = uniqueName('hub_test_interactions');
  const admin = client.admin();
  context.open.push(admin);
  await admin.connect();
  const created = await admin.createTopics({
    topics: [
      { topic, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'min.insync.replicas', value: '1' }] },
    ],
    waitForLeaders: true,
  });
  assert.ok(created, 'the topic is new');

  const producer = client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  context.open.push(producer);
  await producer.connect();
  await Promise.all(
    plannedSends().map(async (batches) => {
      for (const batch of batches) {
        const messages = batch.map((sent) => ({ key: sent.key, value: JSON.stringify(sent) }));
        await producer.send({ topic, acks: -1, messages });
      }
    }),
  );

  const offsets = await admin.fetchTopicOffsets(topic);
  const logged = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  assert.is(logged, messageCount, 'the log holds every message once: no loss, no duplicate append');

  const received: Array<Sent & { partition: number }> = [];
  // A short fetch wait: disconnect() waits for the fetch in flight, 5 s by default.
  const consumer = client.consumer({
    groupId: uniqueName('hub_test_group'),
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 250,
  });
  context.open.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      received.push({ ...(JSON.parse(String(message.value)) as Sent), partition });
    },
  });
  await waitFor(async () => (received.length >= messageCount ? true : undefined), {
    timeoutMs: 60_000,
    what: `${messageCount} messages on ${topic}`,
  });

  assert.is(received.length, messageCount, 'nothing delivered twice');
  const byKey = new Map<string, typeof received>();
  for (const message of received) byKey.set(message.key, [...(byKey.get(message.key) ?? []), message]);
  assert.is(byKey.size, keyCount);
  for (const [key, messages] of byKey) {
    assert.equal(
      messages.map((message) => message.seq),
      messages.map((_, index) => index),
      `${key} arrives complete and in order`,
    );
    assert.is(new Set(messages.map((message) => message.partition)).size, 1, `${key} stays on one partition`);
  }
});

test.run();
