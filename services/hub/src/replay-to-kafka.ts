import type { EventStore } from '@hub/event-store';
import type { Logger } from '@hub/logger';
import { exportedEvent, type HistoryFilter, readHistory } from '@hub/projections';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';

export interface KafkaReplayOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly filter: HistoryFilter;
  /** Partitions of the topic when this makes it (1 unless given); an existing topic is used as it is. */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly batchSize?: number;
  /** After each page is acknowledged: how many were published so far. */
  readonly onProgress?: (published: number) => void;
}

/**
 * Publishes the history, or the part the filter selects, to a Kafka topic for external tools:
 * one JSON message per event (`exportedEvent`), keyed by its stream id, so a stream's events land
 * on one partition in their order. Page after page, each acknowledged by all in-sync replicas
 * before the next is sent (an idempotent producer, one request in flight): a stream's order holds
 * through retries. What the store given returns is what goes out: the raw store keeps personal
 * data sealed; the sealing store opens it (and shows an erased customer's as redacted).
 */
export async function replayToKafka(
  store: EventStore,
  options: KafkaReplayOptions,
  logger: Logger,
): Promise<{ published: number }> {
  const kafka = new Kafka({
    clientId: 'hub-replay-to-kafka',
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => logger.warn({ namespace: entry.namespace }, entry.log.message),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: options.topic,
          numPartitions: options.partitions ?? 1,
          replicationFactor: options.replicationFactor ?? -1,
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let published = 0;
  try {
    for await (const page of readHistory(store, options.filter, options.batchSize)) {
      await producer.send({
        topic: options.topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: page.map((event) => ({
          key: event.streamId,
          value: JSON.stringify(exportedEvent(event)),
          headers: { 'event-type': event.type },
        })),
      });
      published += page.length;
      options.onProgress?.(published);
    }
  } finally {
    await producer.disconnect();
  }
  logger.info({ topic: options.topic, published }, 'history replayed to Kafka');
  return { published };
}
