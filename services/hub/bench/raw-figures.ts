import { randomBytes, randomUUID } from 'node:crypto';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { connectPostgres, runMigrations } from '@hub/sql';
import { Kafka, logLevel } from 'kafkajs';
import { benchInteraction } from './bench-load.ts';

/**
 * The layer beneath, measured with the same records: raw kafkajs produce (idempotent, acks all,
 * batches of 500, the hub's producer settings) and consume of a fresh topic.
 */
export async function rawKafkaFigures(brokers: readonly string[], count: number) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const topic = `bench-raw-${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  // Same size as the hub's sealed messages: the JSON of an interaction, base64-sealed.
  const value = Buffer.from(randomBytes(Math.ceil(JSON.stringify(benchInteraction(0, 1)).length * 1.4)));
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < count; sent += 500) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: Math.min(500, count - sent) }, (_, i) => ({
        key: `k-${(sent + i) % 2000}`,
        value,
      })),
    });
  }
  const producePerSecond = count / (Number(process.hrtime.bigint() - started) / 1e9);
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  let consumeStarted = 0n;
  const consumePerSecond = await new Promise<number>((resolve) => {
    void consumer.run({
      eachMessage: async () => {
        if (received === 0) consumeStarted = process.hrtime.bigint();
        if (++received === count) resolve(count / (Number(process.hrtime.bigint() - consumeStarted) / 1e9));
      },
    });
  });
  await consumer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
  return { producePerSecond, consumePerSecond };
}

/** Raw store appends: one event per append from 8 writers, as the writer appends one interaction. */
export async function rawStoreAppends(databaseUrl: string, count: number): Promise<number> {
  const db = connectPostgres({ url: databaseUrl, maxConnections: 10 });
  try {
    await runMigrations(db, eventStoreMigrations);
    const store = createPostgresEventStore(db);
    const perWriter = Math.ceil(count / 8);
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let n = 0; n < perWriter; n++) {
          await store.appendToStream(`raw-bench-${w}-${n % 250}`, [
            {
              id: randomUUID(),
              type: 'InteractionRecorded',
              schemaVersion: 1,
              data: benchInteraction(n, 2000),
              occurredAt: new Date(),
            },
          ]);
        }
      }),
    );
    return (perWriter * 8) / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await db.close();
  }
}
