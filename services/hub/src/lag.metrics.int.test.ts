import type { EventStore } from '@hub/event-store';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import { silentLogger } from '@hub/logger';
import { type ProjectionDefinition, runProjection } from '@hub/projections';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type ProvidedKafka, provideKafka, type TestDatabase } from '@hub/testing';
import { Kafka, logLevel } from 'kafkajs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHubMetrics } from './hub.metrics.ts';
import { hubMigrations } from './hub.migrations.ts';
import { kafkaDeadLetterCount, kafkaWriterLag } from './kafka.metrics.ts';
import { openKafkaAdminSession } from './kafka-admin.session.ts';
import { parsePrometheusText, sampleValue } from './testing/prometheus-text.ts';

const scrape = async (metrics: ReturnType<typeof createHubMetrics>) =>
  parsePrometheusText(await metrics.registry.metrics());

// --- projection lag on real PostgreSQL -----------------------------------------------------------
interface Pg {
  database: TestDatabase;
  db: SqlDatabase;
  store: EventStore;
}

const projectionLag = suite<Pg>('projection lag gauges show the backlog of a stopped projection');

projectionLag.before(async (context) => {
  context.database = await createTestDatabase({ prefix: 'lag_metrics' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 4 });
  await runMigrations(context.db, hubMigrations);
  context.store = createPostgresEventStore(context.db);
});

projectionLag.after(async ({ db, database }) => {
  await db.close();
  await database.drop();
});

const append = (store: EventStore, n: number) =>
  store.appendToStream(`customer-${n}`, [
    { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n }, occurredAt: new Date() },
  ]);

const ignoring: ProjectionDefinition = {
  name: 'ignoring',
  readModel: { schema: 'public', tables: [] },
  apply: async () => {},
};

projectionLag(
  '0 when caught up; the events appended after it stopped, and their age, once stopped',
  async ({ db, store }) => {
    for (let n = 0; n < 3; n++) await append(store, n);
    const projection = await runProjection({ db, store, logger: silentLogger() }, ignoring, { lagCacheMs: 0 });
    await projection.caughtUp();
    const metrics = createHubMetrics({ projections: [projection] }, silentLogger());
    const labels = { projection: 'ignoring' };
    const caughtUp = await scrape(metrics);
    assert.is(sampleValue(caughtUp, 'hub_projection_lag_events', labels), 0);
    assert.is(sampleValue(caughtUp, 'hub_projection_oldest_unprojected_age_seconds', labels), 0);

    await projection.stop();
    for (let n = 3; n < 8; n++) await append(store, n);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const behind = await scrape(metrics);
    assert.is(sampleValue(behind, 'hub_projection_lag_events', labels), 5);
    assert.ok((sampleValue(behind, 'hub_projection_oldest_unprojected_age_seconds', labels) ?? 0) > 0);
  },
);

projectionLag.run();

// --- writer lag and dead letters on a real Kafka broker ------------------------------------------
const kafkaLag = suite<{ kafka: ProvidedKafka }>('writer lag and dead letters read from the broker');

kafkaLag.before(async (context) => {
  context.kafka = await provideKafka();
});

kafkaLag.after(async ({ kafka }) => {
  await kafka.stop();
});

kafkaLag('lag per partition follows the group committed offsets; dead letters count their topic', async ({ kafka }) => {
  const suffix = crypto.randomUUID().slice(0, 8);
  const topic = `lag-metrics-${suffix}`;
  const deadLetterTopic = `${topic}.dead-letters`;
  const group = `lag-metrics-group-${suffix}`;
  const client = new Kafka({ clientId: 'lag-metrics-test', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  const producer = client.producer({ allowAutoTopicCreation: false });
  await admin.connect();
  await producer.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: 2 },
      { topic: deadLetterTopic, numPartitions: 1 },
    ],
  });
  const send = (t: string, partition: number, count: number) =>
    producer.send({
      topic: t,
      acks: -1,
      messages: Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: `m${i}` })),
    });
  await send(topic, 0, 7);
  await send(topic, 1, 3);
  await send(deadLetterTopic, 0, 2);

  const session = openKafkaAdminSession(kafka.brokers);
  const metrics = createHubMetrics(
    {
      writerLag: kafkaWriterLag(session, topic, group),
      deadLetters: kafkaDeadLetterCount(session, deadLetterTopic),
    },
    silentLogger(),
  );
  try {
    const fresh = await scrape(metrics);
    assert.is(sampleValue(fresh, 'hub_writer_lag_messages', { partition: '0' }), 7, 'nothing committed: all of it');
    assert.is(sampleValue(fresh, 'hub_writer_lag_messages', { partition: '1' }), 3);
    assert.is(sampleValue(fresh, 'hub_dead_letters'), 2);

    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '5' }] });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 1, offset: '3' }] });
    const later = await scrape(metrics);
    assert.is(sampleValue(later, 'hub_writer_lag_messages', { partition: '0' }), 2);
    assert.is(sampleValue(later, 'hub_writer_lag_messages', { partition: '1' }), 0);
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic] }).catch(() => undefined);
    await admin.disconnect();
    await session.close();
  }
});

kafkaLag.run();
