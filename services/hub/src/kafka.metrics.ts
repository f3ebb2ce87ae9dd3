import type { WriterLagSource } from './hub.metrics.ts';
import type { KafkaAdminSession } from './kafka-admin.session.ts';

/**
 * The writers' consumer lag per partition: the log's end offset minus the group's committed one
 * (from the start of the partition where the group has committed nothing yet). The group commits
 * at most once a second, so the lag reads up to a second's worth of messages high.
 */
export function kafkaWriterLag(session: KafkaAdminSession, topic: string, group: string): WriterLagSource {
  return () =>
    session.use(async (admin) => {
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: group, topics: [topic] }),
      ]);
      const offsets = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      return ends.map((end) => {
        const at = offsets.get(end.partition) ?? -1n;
        const from = at < 0n ? BigInt(end.low) : at;
        return { partition: String(end.partition), messages: Number(BigInt(end.high) - from) };
      });
    });
}

/**
 * Records in the dead-letter topic. It is compacted: a redriven letter leaves a tombstone that
 * counts until compaction removes both, so this reads high after redrives (`pnpm dead-letters
 * list` gives the exact list).
 */
export function kafkaDeadLetterCount(session: KafkaAdminSession, deadLetterTopic: string): () => Promise<number> {
  return () =>
    session.use(async (admin) =>
      (await admin.fetchTopicOffsets(deadLetterTopic)).reduce(
        (sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)),
        0,
      ),
    );
}
