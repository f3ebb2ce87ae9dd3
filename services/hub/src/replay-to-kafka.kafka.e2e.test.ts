import { createPostgresEventStore } from '@hub/event-store-postgres';
import { customerStream, encodeEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore, PERSONAL_DATA_OF } from '@hub/personal-data';
import { openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { type ProvidedKafka, provideKafka, uniqueName, waitFor } from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hubMigrations } from './hub.migrations.ts';
import { replayToKafka } from './replay-to-kafka.ts';

// The history replayed to a topic of a real broker, read back by a consumer as an external tool would.
interface Context {
  kafka: ProvidedKafka;
  db: SqlDatabase;
}
const customer = (n: number) => `5d1e2c3b-0000-4a5b-8c9d-${String(n).padStart(12, '0')}`;
const replay = suite<Context>('pnpm hub replay-to-kafka: the history as JSON messages keyed by stream');

replay.before(async (context) => {
  context.kafka = await provideKafka();
  context.db = await openPGlite();
  await runMigrations(context.db, hubMigrations);
  const keys = createSqlKeyStore(context.db);
  const store = createSealingEventStore(createPostgresEventStore(context.db), keys);
  for (let n = 0; n < 3; n++) {
    const at = (minute: number) => ({
      id: crypto.randomUUID(),
      occurredAt: new Date(Date.UTC(2026, 4, 1, 9, minute)),
      metadata: { [PERSONAL_DATA_OF]: customer(n) },
    });
    await store.appendToStream(customerStream(customer(n)), [
      encodeEvent(
        {
          type: 'CustomerRegistered',
          data: { customerId: customer(n), displayName: `Shirin ${n}`, firstChannel: 'email' },
        },
        at(n),
      ),
      encodeEvent(
        {
          type: 'CustomerIdentifierLinked',
          data: {
            customerId: customer(n),
            identifier: { kind: 'email', value: `shirin${n}@example.ir` },
            interactionId: null,
          },
        },
        at(n + 10),
      ),
    ]);
  }
  // Customer 2 is erased: its key is destroyed.
  await keys.destroy(customer(2));
});
replay.after(async ({ kafka, db }) => {
  await db?.close();
  await kafka?.stop();
});

async function readTopic(brokers: string[], topic: string, expected: number) {
  const kafka = new Kafka({ clientId: 'replay-test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('replay-reader') });
  const seen: { key: string; value: Record<string, unknown>; partition: number; type: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      seen.push({
        key: String(message.key),
        value: JSON.parse(String(message.value)),
        partition,
        type: String(message.headers?.['event-type']),
      });
    },
  });
  await waitFor(async () => (seen.length >= expected ? true : undefined), {
    timeoutMs: 30_000,
    what: `${expected} messages on ${topic}`,
  });
  await consumer.disconnect();
  return seen;
}

replay("sealed by default, in each stream's order, keyed by stream id; filtered by type", async ({ kafka, db }) => {
  const raw = createPostgresEventStore(db);
  const topic = uniqueName('history');
  const progress: number[] = [];
  const { published } = await replayToKafka(
    raw,
    { brokers: kafka.brokers, topic, filter: {}, partitions: 3, batchSize: 2, onProgress: (n) => progress.push(n) },
    silentLogger(),
  );
  assert.is(published, 6);
  assert.equal(progress, [2, 4, 6]);
  const messages = await readTopic(kafka.brokers, topic, 6);
  for (let n = 0; n < 3; n++) {
    const stream = messages.filter((m) => m.key === customerStream(customer(n)));
    assert.equal(
      stream.map((m) => [m.value.revision, m.type]),
      [
        [0, 'CustomerRegistered'],
        [1, 'CustomerIdentifierLinked'],
      ],
    );
    assert.is(new Set(stream.map((m) => m.partition)).size, 1, 'one partition per stream');
  }
  assert.not.ok(JSON.stringify(messages).includes('Shirin'), 'names stay sealed');
  assert.not.ok(JSON.stringify(messages).includes('example.ir'), 'addresses stay sealed');

  const links = uniqueName('links');
  await replayToKafka(
    raw,
    { brokers: kafka.brokers, topic: links, filter: { types: ['CustomerIdentifierLinked'] } },
    silentLogger(),
  );
  assert.equal(
    (await readTopic(kafka.brokers, links, 3)).map((m) => m.type),
    ['CustomerIdentifierLinked', 'CustomerIdentifierLinked', 'CustomerIdentifierLinked'],
  );
});

replay("opened on request: names in clear, an erased customer's redacted", async ({ kafka, db }) => {
  const opening = createSealingEventStore(createPostgresEventStore(db), createSqlKeyStore(db));
  const topic = uniqueName('opened');
  await replayToKafka(
    opening,
    { brokers: kafka.brokers, topic, filter: { types: ['CustomerRegistered'] } },
    silentLogger(),
  );
  const names = (await readTopic(kafka.brokers, topic, 3))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((m) => (m.value.data as { displayName: string }).displayName);
  assert.equal(names.slice(0, 2), ['Shirin 0', 'Shirin 1']);
  assert.not.ok(names[2]?.includes('Shirin'), `erased stays erased: ${names[2]}`);
});

replay.run();
