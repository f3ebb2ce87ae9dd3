import type { Logger } from '@hub/logger';
import type { EachBatchPayload, Kafka, KafkaMessage, Message } from 'kafkajs';
import { toDeadLetterRecord } from './dead-letter-record.ts';
import { type DeliveryContext, deliver } from './delivery.ts';
import type { BatchHandler, ConsumedMessage, LogConsumer, MessageHandler } from './interaction-log.port.ts';
import { decodeHeaders } from './kafka-client.ts';
import { backoffDelay, type RetryPolicy } from './retry.policy.ts';

export interface KafkaConsumerSettings {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly group: string;
  readonly handle: MessageHandler;
  readonly handleBatch?: BatchHandler | undefined;
  /** The most messages handed to `handleBatch` at once. */
  readonly maxBatchSize: number;
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  /** Writes a dead letter, acknowledged by all in-sync replicas. */
  readonly sendDeadLetter: (record: Message) => Promise<void>;
  readonly partitionsInParallel: number;
  readonly sessionTimeoutMs: number;
  readonly maxWaitMs: number;
  /** Commits at least this often within a long batch, to bound redelivery after a crash. */
  readonly commitIntervalMs: number;
}

/** How often a member heartbeats while a handler is busy (kafkajs' default heartbeat interval). */
const HEARTBEAT_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One group member. Why eachBatch and not eachMessage: its `commitOffsetsIfNecessary(offsets)`
 * commits even while the consumer stops (kafkajs' `consumer.commitOffsets` is a no-op once
 * `stop()` began, so the message that finished during a graceful stop would be redelivered), and
 * it gives `isRunning()` and `heartbeat()` to a retry that waits for minutes.
 */
export async function startKafkaConsumer(settings: KafkaConsumerSettings): Promise<LogConsumer> {
  const { kafka, topic, group } = settings;
  const consumer = kafka.consumer({
    groupId: group,
    allowAutoTopicCreation: false,
    sessionTimeout: settings.sessionTimeoutMs,
    // `disconnect()` waits for the fetch in flight: a short wait keeps stops short.
    maxWaitTimeInMs: settings.maxWaitMs,
  });
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    settings.logger.error({ err: payload.error, restart: payload.restart }, 'the Kafka consumer crashed'),
  );
  await consumer.connect();
  try {
    // A new group starts at the oldest message: nothing accepted before it existed is skipped.
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsInParallel,
      eachBatch: (payload) => handleBatch(payload, settings),
    });
  } catch (error) {
    await consumer.disconnect().catch(() => {});
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return { stop: () => (stopped ??= consumer.disconnect()) };
}

async function handleBatch(payload: EachBatchPayload, settings: KafkaConsumerSettings): Promise<void> {
  const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale } = payload;
  const logger = settings.logger.child({ group: settings.group, partition: batch.partition });
  const live = () => isRunning() && !isStale();
  let lastCommit = Date.now();
  const commit = async () => {
    lastCommit = Date.now();
    const offsets = uncommittedOffsets();
    if (offsets.topics.every((t) => t.partitions.length === 0)) return;
    // A failed commit is not fatal: the messages since the last commit come again (idempotent handlers).
    await commitOffsetsIfNecessary(offsets).catch((error: unknown) =>
      logger.warn(
        { err: error },
        'committing offsets failed; the handled messages since the last commit may come again',
      ),
    );
  };
  /** Waits between tries, heartbeating so the group keeps us; false once we must let go. */
  const pause = async (ms: number) => {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      if (!live()) return false;
      await sleep(Math.min(left, 1_000));
      await heartbeat();
    }
    return live();
  };
  const contextFor = (offset: string): DeliveryContext => ({
    policy: settings.policy,
    logger,
    pause,
    beforeRetrying: commit,
    async deadLetter(message, failure) {
      const source = { topic: batch.topic, partition: batch.partition, offset };
      const record = toDeadLetterRecord(message, source, settings.group, failure);
      // The partition may only move on once the letter is durable: without Kafka, keep trying.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await settings.sendDeadLetter(record);
          return true;
        } catch (error) {
          logger.error(
            { err: error, position: message.position, attempt },
            'writing the dead letter failed; trying again',
          );
          if (!(await pause(backoffDelay(attempt, settings.policy)))) return false;
        }
      }
    },
  });
  /**
   * Heartbeats while a handler runs, so a slow database does not get this member thrown out of
   * the group (and its partitions' work redone) after `sessionTimeoutMs`.
   */
  const whileBeating = async <T>(work: () => Promise<T>): Promise<T> => {
    const beat = setInterval(() => {
      heartbeat().catch(() => {}); // a rebalance shows at the next heartbeat of the loop
    }, HEARTBEAT_MS);
    try {
      return await work();
    } finally {
      clearInterval(beat);
    }
  };
  /** One message through its retries; false when the partition must be let go. */
  const handleOne = async (record: KafkaMessage) => {
    const outcome = await whileBeating(() =>
      deliver(toConsumed(batch.topic, batch.partition, record), settings.handle, contextFor(record.offset)),
    );
    if (outcome === 'abandoned') {
      logger.info(
        { offset: record.offset },
        'let go of a message while retrying it; the next owner of the partition gets it',
      );
      return false;
    }
    return true;
  };
  /** Several messages in one call of `handleBatch`; false when it failed (nothing is resolved then). */
  const handleTogether = async (records: readonly KafkaMessage[]) => {
    const handleBatch = settings.handleBatch;
    if (!handleBatch || records.length < 2) return false;
    try {
      await whileBeating(() =>
        handleBatch(records.map((r) => ({ ...toConsumed(batch.topic, batch.partition, r), attempt: 1 }))),
      );
      return true;
    } catch (error) {
      logger.warn(
        { err: error, from: records[0]?.offset, messages: records.length },
        'handling the messages together failed; handing them over one by one',
      );
      return false;
    }
  };
  try {
    for (let start = 0; start < batch.messages.length && live(); start += settings.maxBatchSize) {
      const chunk = batch.messages.slice(start, start + settings.maxBatchSize);
      if (await handleTogether(chunk)) {
        resolveOffset(chunk.at(-1)?.offset ?? batch.firstOffset() ?? '0');
      } else {
        for (const record of chunk) {
          if (!live()) return;
          if (!(await handleOne(record))) return;
          resolveOffset(record.offset);
          // Throws when the group rebalances; the `finally` still commits what was handled.
          await heartbeat();
        }
      }
      if (Date.now() - lastCommit >= settings.commitIntervalMs) await commit();
      await heartbeat();
    }
  } finally {
    await commit();
  }
}

function toConsumed(topic: string, partition: number, record: KafkaMessage): Omit<ConsumedMessage, 'attempt'> {
  return {
    key: record.key?.toString('utf8') ?? '',
    value: record.value ?? Buffer.alloc(0),
    headers: decodeHeaders(record.headers),
    position: `${topic}/${partition}/${record.offset}`,
  };
}
