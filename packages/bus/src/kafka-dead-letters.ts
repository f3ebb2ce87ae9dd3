import { randomUUID } from 'node:crypto';
import { HubError } from '@hub/errors';
import type { Admin, Kafka, Message } from 'kafkajs';
import { fromDeadLetterRecord } from './dead-letter-record.ts';
import type { DeadLetter, DeadLetters } from './interaction-log.port.ts';

export interface KafkaDeadLetterSettings {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** The connected admin, once the topics exist. */
  readonly ready: () => Promise<Admin>;
  readonly send: (topic: string, messages: Message[]) => Promise<void>;
  readonly listTimeoutMs: number;
}

/**
 * Dead letters kept in the compacted dead-letter topic, keyed by the source position. Listing
 * reads the topic from its start to its end offsets (a throwaway group, deleted after: kafkajs
 * reads only through groups); a tombstone for a key means that letter was redriven.
 */
export function createKafkaDeadLetters(settings: KafkaDeadLetterSettings): DeadLetters {
  const { kafka, deadLetterTopic } = settings;

  const list = async (): Promise<DeadLetter[]> => {
    const admin = await settings.ready();
    const ends = await admin.fetchTopicOffsets(deadLetterTopic);
    // Compaction never removes a partition's last record (it stays in the active segment), so
    // reaching offset high - 1 means everything was read.
    const lastOffsets = new Map(
      ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high) - 1n]),
    );
    const letters = new Map<string, DeadLetter>();
    if (lastOffsets.size === 0) return [];
    const groupId = `hub-dead-letters-reader-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    let timer: NodeJS.Timeout | undefined;
    try {
      const readToEnd = new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`reading ${deadLetterTopic} took longer than ${settings.listTimeoutMs} ms`)),
          settings.listTimeoutMs,
        );
        void (async () => {
          await consumer.connect();
          await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const id = message.key?.toString('utf8');
              const letter = fromDeadLetterRecord(message);
              if (id && letter) letters.set(id, letter);
              else if (id) letters.delete(id);
              const last = lastOffsets.get(partition);
              if (last !== undefined && BigInt(message.offset) >= last) lastOffsets.delete(partition);
              if (lastOffsets.size === 0) resolve();
            },
          });
        })().catch(reject);
      });
      await readToEnd;
    } finally {
      clearTimeout(timer);
      await consumer.disconnect().catch(() => {});
      await admin.deleteGroups([groupId]).catch(() => {});
    }
    return [...letters.values()];
  };

  /** Publish first, then the tombstones: a crash between leaves a letter to redrive twice, never one lost. */
  const redriveLetters = async (letters: readonly DeadLetter[]) => {
    if (letters.length === 0) return;
    await settings.send(
      settings.topic,
      letters.map(({ message }) => ({ key: message.key, value: message.value, headers: { ...message.headers } })),
    );
    await settings.send(
      deadLetterTopic,
      letters.map((letter) => ({ key: letter.id, value: null })),
    );
  };

  return {
    list,
    async redrive(id) {
      const letter = (await list()).find((candidate) => candidate.id === id);
      if (!letter) throw new HubError('NOT_FOUND', `no dead letter ${id} in ${deadLetterTopic}`, { id });
      await redriveLetters([letter]);
    },
    async redriveAll() {
      const letters = await list();
      await redriveLetters(letters);
      return letters.length;
    },
  };
}
