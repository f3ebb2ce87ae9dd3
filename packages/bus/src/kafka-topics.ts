import { HubError } from '@hub/errors';
import type { Logger } from '@hub/logger';
import type { Admin, ITopicConfig } from 'kafkajs';

export interface TopicSettings {
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** With acks=all, how many replicas must have a write before it counts; at most the replication factor. */
  readonly minInSyncReplicas: number;
  /**
   * How long Kafka keeps messages (`retention.ms`). They hold personal data sealed with the hub's
   * transport key, which erasing a customer does not destroy: this bounds how long a copy outlives
   * an erasure. The writer needs them for seconds; the rest is room for outages and replays.
   */
  readonly retentionMs: number;
  /** The same for dead letters, which also stay until redriven (compacted and deleted). */
  readonly deadLetterRetentionMs: number;
}

/**
 * Creates the log's topics when missing; the broker must not create them on first use
 * (`allowAutoTopicCreation: false` in the clients), or they would get its default partitions and
 * durability settings. An existing topic is never altered (set its retention with kafka-configs): adding partitions to it would move
 * keys to other partitions and break per-customer order for messages in flight.
 */
export async function ensureTopics(admin: Admin, settings: TopicSettings, logger: Logger): Promise<void> {
  const durability = [{ name: 'min.insync.replicas', value: String(settings.minInSyncReplicas) }];
  const topics: ITopicConfig[] = [
    {
      topic: settings.topic,
      numPartitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
      configEntries: [...durability, { name: 'retention.ms', value: String(settings.retentionMs) }],
    },
    {
      // One partition keeps the dead letters in the order they failed. Compacted: a dead letter's
      // key is its source position, so a redrive's tombstone deletes it and a letter written twice
      // (a crash before the commit) is kept once. And deleted after the retention, like the log.
      topic: settings.deadLetterTopic,
      numPartitions: 1,
      replicationFactor: settings.replicationFactor,
      configEntries: [
        ...durability,
        { name: 'cleanup.policy', value: 'compact,delete' },
        { name: 'retention.ms', value: String(settings.deadLetterRetentionMs) },
      ],
    },
  ];
  // One call per topic: kafkajs answers `false` for a batch as soon as one already exists and then
  // skips waiting for the leaders of the others.
  for (const topic of topics) {
    const created = await admin.createTopics({ topics: [topic], waitForLeaders: true });
    if (!created) continue;
    await waitUntilServed(admin, topic.topic);
    logger.info({ topic: topic.topic, partitions: topic.numPartitions }, 'created topic');
  }
  const metadata = await admin.fetchTopicMetadata({ topics: [settings.topic] });
  const found = metadata.topics[0]?.partitions.length ?? 0;
  if (found !== settings.partitions) {
    logger.warn(
      { topic: settings.topic, partitions: found, configured: settings.partitions },
      'the topic exists with another partition count; keeping it (repartitioning breaks per-key order)',
    );
  }
}

/** For tools that must not create topics with guessed settings (the dead-letters CLI). */
export async function requireTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    throw new HubError('INVALID_CONFIGURATION', `no such Kafka topic: ${missing.join(', ')}`, { missing });
  }
}

/**
 * A leader in the metadata is not yet a leader that hosts the partition: on a busy broker the
 * first produce can still fail with UNKNOWN_TOPIC_OR_PARTITION after kafkajs' retries. Listing
 * every partition's offsets asks each leader itself.
 */
async function waitUntilServed(admin: Admin, topic: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.fetchTopicOffsets(topic);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
