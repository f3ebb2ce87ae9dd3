import { HubError } from '@hub/errors';
import { type Logger, silentLogger } from '@hub/logger';
import type { Admin } from 'kafkajs';
import type { InteractionLog, LogConsumer } from './interaction-log.port.ts';
import { createKafkaClient } from './kafka-client.ts';
import { startKafkaConsumer } from './kafka-consumer.ts';
import { createKafkaDeadLetters } from './kafka-dead-letters.ts';
import { createLogProducer } from './kafka-producer.ts';
import { ensureTopics, requireTopics } from './kafka-topics.ts';
import { kafkaRetryPolicy, type RetryPolicy } from './retry.policy.ts';

export interface KafkaLogOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** Used when the topic is created; an existing topic keeps its count. */
  readonly partitions: number;
  /** 1 on a single broker; 3 on a real cluster. */
  readonly replicationFactor?: number;
  /** How long new topics keep messages (7 days) and dead letters (30 days); see `TopicSettings`. */
  readonly retentionMs?: number;
  readonly deadLetterRetentionMs?: number;
  /** Defaults to 2 when replicated (one replica may fail without losing an acknowledged write), else 1. */
  readonly minInSyncReplicas?: number;
  readonly clientId?: string;
  /** False for tools that only read and redrive: missing topics are then an error, not created. */
  readonly createTopics?: boolean;
  /** Retriable errors are always retried until they succeed on Kafka: the partition waits. */
  readonly retry?: Partial<Omit<RetryPolicy, 'retriableAttempts'>>;
  /** Partitions one consumer works on at once; messages of one partition are always handled one by one. */
  readonly partitionsInParallel?: number;
  /** A member silent this long is dropped from its group and its partitions are reassigned (>= 6000). */
  readonly sessionTimeoutMs?: number;
  /** How often a member tells the group it is alive (3000, kafkajs' default); at most a third of the session. */
  readonly heartbeatIntervalMs?: number;
  /**
   * The most messages of one partition handed to a consumer's `handleBatch` at once (100). The
   * writer appends them in one transaction holding a lock per customer stream: PostgreSQL's lock
   * table (`max_locks_per_transaction` x connections) bounds how many such batches run at once.
   */
  readonly maxBatchSize?: number;
  readonly maxWaitMs?: number;
  readonly commitIntervalMs?: number;
  readonly deadLetterListTimeoutMs?: number;
  readonly logger?: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The interaction log on Kafka: topics made on first use, durable publishes, at-least-once consumers. */
export function createKafkaLog(options: KafkaLogOptions): InteractionLog {
  const logger = (options.logger ?? silentLogger()).child({ component: 'interaction-log', topic: options.topic });
  const replicationFactor = options.replicationFactor ?? 1;
  const kafka = createKafkaClient({
    brokers: options.brokers,
    clientId: options.clientId ?? 'interaction-hub',
    logger,
  });
  const admin = kafka.admin();
  const producer = createLogProducer(kafka, logger);
  const consumers = new Set<LogConsumer>();
  let closed = false;

  let ready: Promise<Admin> | undefined;
  // Memoised, but forgotten on failure: a broker that is down at start is tried again on next use.
  const ensureReady = () =>
    (ready ??= (async () => {
      await admin.connect();
      if (options.createTopics === false) {
        await requireTopics(admin, [options.topic, options.deadLetterTopic]);
        return admin;
      }
      await ensureTopics(
        admin,
        {
          topic: options.topic,
          deadLetterTopic: options.deadLetterTopic,
          partitions: options.partitions,
          replicationFactor,
          minInSyncReplicas: options.minInSyncReplicas ?? Math.min(2, replicationFactor),
          retentionMs: options.retentionMs ?? 7 * DAY_MS,
          deadLetterRetentionMs: options.deadLetterRetentionMs ?? 30 * DAY_MS,
        },
        logger,
      );
      return admin;
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  const send = async (topic: string, messages: Parameters<typeof producer.send>[1]) => {
    await ensureReady();
    await producer.send(topic, messages);
  };

  return {
    kind: 'kafka',
    async publish(messages) {
      if (closed) throw new HubError('INTAKE_UNAVAILABLE', 'the interaction log is closed');
      if (messages.length === 0) return;
      try {
        await send(
          options.topic,
          messages.map(({ key, value, headers }) => ({ key, value, headers: { ...headers } })),
        );
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new HubError(
          'INTAKE_UNAVAILABLE',
          `Kafka did not take the interactions: ${detail}`,
          {},
          { cause: error },
        );
      }
    },
    async consume({ group, handle, handleBatch }) {
      if (closed) throw new HubError('INTAKE_UNAVAILABLE', 'the interaction log is closed');
      await ensureReady();
      const consumer = await startKafkaConsumer({
        kafka,
        topic: options.topic,
        group,
        handle,
        handleBatch,
        maxBatchSize: options.maxBatchSize ?? 500,
        policy: { ...kafkaRetryPolicy, ...options.retry, retriableAttempts: Number.POSITIVE_INFINITY },
        logger,
        sendDeadLetter: (record) => send(options.deadLetterTopic, [record]),
        partitionsInParallel: options.partitionsInParallel ?? 4,
        sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
        maxWaitMs: options.maxWaitMs ?? 500,
        commitIntervalMs: options.commitIntervalMs ?? 1_000,
      });
      const tracked: LogConsumer = {
        async stop() {
          consumers.delete(tracked);
          await consumer.stop();
        },
      };
      consumers.add(tracked);
      return tracked;
    },
    deadLetters: createKafkaDeadLetters({
      kafka,
      topic: options.topic,
      deadLetterTopic: options.deadLetterTopic,
      ready: ensureReady,
      send,
      listTimeoutMs: options.deadLetterListTimeoutMs ?? 60_000,
    }),
    async close() {
      closed = true;
      await Promise.allSettled([...consumers].map((consumer) => consumer.stop()));
      await producer.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the producer failed'));
      await admin.disconnect();
    },
  };
}
