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
  /** How often the member heartbeats, also while a handler is busy. */
  readonly heartbeatIntervalMs: number;
  readonly maxWaitMs: number;
  /**
   * How often handled offsets are committed: within a long batch, between batches, and by a timer
   * when the partition goes quiet. It bounds what a crash redelivers; stops and rebalances commit
   * at once.
   */
  readonly commitIntervalMs: number;
}

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
    heartbeatInterval: settings.heartbeatIntervalMs,
    // `disconnect()` waits for the fetch in flight: a short wait keeps stops short.
    maxWaitTimeInMs: settings.maxWaitMs,
  });
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    settings.logger.error({ err: payload.error, restart: payload.restart }, 'the Kafka consumer crashed'),
  );
  const offsets = createPendingOffsets();
  // After a rebalance, only what this member still owns may be committed by it: an offset of a
  // partition now read elsewhere would move that reader back.
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => offsets.keepOnly(payload.memberAssignment[topic] ?? []));
  await consumer.connect();
  try {
    // A new group starts at the oldest message: nothing accepted before it existed is skipped.
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsInParallel,
      eachBatch: (payload) => handleBatch(payload, settings, offsets),
    });
  } catch (error) {
    await consumer.disconnect().catch(() => {});
    throw error;
  }
  /** Commits what partitions without a batch in hand handled, if their last commit is that old. */
  const commitDue = async (intervalMs: number, failure: string) => {
    const due = offsets.due(intervalMs);
    if (due.length === 0) return;
    try {
      await consumer.commitOffsets(due.map(({ partition, next }) => ({ topic, partition, offset: next })));
      for (const { partition, next } of due) offsets.committed(partition, next);
    } catch (error) {
      // Not fatal: the messages since the last commit come again (idempotent handlers).
      settings.logger.warn({ err: error }, failure);
    }
  };
  // A partition that went quiet after its last batch: what was handled there is committed here.
  const timer = setInterval(
    () => void commitDue(settings.commitIntervalMs, 'committing the offsets of quiet partitions failed'),
    settings.commitIntervalMs,
  );
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        // From here a batch commits as it ends; what ended before is committed now, while
        // `commitOffsets` still works (it does nothing once the consumer's own stop has begun).
        offsets.stopping = true;
        await commitDue(0, 'committing offsets at stop failed; they may come again');
        await consumer.disconnect();
      })()),
  };
}

/**
 * Handled offsets not yet committed, per partition (the next offset to read, as Kafka commits
 * it), and when each partition last committed. Committing after every batch cost a broker round
 * trip per batch on the writer's path (p50 14 ms of a 60 ms cycle at 1,000 interactions/s).
 */
interface PendingOffsets {
  stopping: boolean;
  handled(partition: number, next: string): void;
  committed(partition: number, next: string): void;
  /** Whether this partition's last commit is `intervalMs` old or older. */
  isDue(partition: number, intervalMs: number): boolean;
  /** A batch of this partition is in hand (it commits for itself); until `done`. */
  busy(partition: number): void;
  done(partition: number): void;
  /**
   * Partitions with handled offsets whose last commit is `intervalMs` old or older and no batch in
   * hand: a commit from outside racing the batch's own could land after it and move the group back.
   */
  due(intervalMs: number): { partition: number; next: string }[];
  /** Forgets the partitions not in this assignment. */
  keepOnly(partitions: readonly number[]): void;
}

function createPendingOffsets(): PendingOffsets {
  const pending = new Map<number, string>();
  const lastCommit = new Map<number, number>();
  const inHand = new Set<number>();
  const isDue = (partition: number, intervalMs: number) => Date.now() - (lastCommit.get(partition) ?? 0) >= intervalMs;
  return {
    stopping: false,
    handled: (partition, next) => void pending.set(partition, next),
    committed(partition, next) {
      lastCommit.set(partition, Date.now());
      if (pending.get(partition) === next) pending.delete(partition);
    },
    isDue,
    busy: (partition) => void inHand.add(partition),
    done: (partition) => void inHand.delete(partition),
    due: (intervalMs) =>
      [...pending]
        .filter(([partition]) => !inHand.has(partition) && isDue(partition, intervalMs))
        .map(([partition, next]) => ({ partition, next })),
    keepOnly(partitions) {
      for (const partition of pending.keys()) if (!partitions.includes(partition)) pending.delete(partition);
    },
  };
}

async function handleBatch(
  payload: EachBatchPayload,
  settings: KafkaConsumerSettings,
  offsets: PendingOffsets,
): Promise<void> {
  const { batch, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale } = payload;
  const logger = settings.logger.child({ group: settings.group, partition: batch.partition });
  const live = () => isRunning() && !isStale();
  const resolveOffset = (offset: string) => {
    payload.resolveOffset(offset);
    offsets.handled(batch.partition, (BigInt(offset) + 1n).toString());
  };
  const commit = async () => {
    const uncommitted = uncommittedOffsets();
    const partitions = uncommitted.topics.flatMap((t) => t.partitions);
    if (partitions.length === 0) return;
    // A failed commit is not fatal: the messages since the last commit come again (idempotent handlers).
    try {
      await commitOffsetsIfNecessary(uncommitted);
      for (const { partition, offset } of partitions) offsets.committed(Number(partition), offset);
    } catch (error) {
      logger.warn(
        { err: error },
        'committing offsets failed; the handled messages since the last commit may come again',
      );
    }
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
    }, settings.heartbeatIntervalMs);
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
  offsets.busy(batch.partition);
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
      if (offsets.isDue(batch.partition, settings.commitIntervalMs)) await commit();
      await heartbeat();
    }
  } finally {
    // Stopping or losing the partition: commit now. Otherwise the next batch or the timer will.
    if (offsets.stopping || !live() || offsets.isDue(batch.partition, settings.commitIntervalMs)) await commit();
    offsets.done(batch.partition);
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
