import type { BatchHandler, InteractionLog, LogConsumer, MessageHandler } from '@hub/bus';
import type { Logger } from '@hub/logger';

const DEFAULT_TOPIC = 'hub.interactions';

/**
 * The writers' consumer group: every writer process of one hub shares the partitions of its log.
 * Hubs sharing a Kafka cluster with topics of their own get groups of their own. In one group,
 * kafkajs's leader would assign only its own topic's partitions, round robin over every member, so
 * another hub's writers would be handed partitions they drop, and their own topic none. The
 * default topic keeps the group it always had, so its committed offsets carry over.
 */
export function writerGroupOf(topic: string): string {
  return topic === DEFAULT_TOPIC ? 'timeline-writer' : `timeline-writer.${topic}`;
}

export interface RunningWriter {
  /** Resolves once the writer is in its group (topics made, partitions assigned). */
  readonly joined: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The writer joins its group in the background: a Kafka that is down at start leaves the process
 * up, reporting itself degraded on /health, and the writer joins as soon as the broker answers.
 */
export function startWriter(
  log: InteractionLog,
  group: string,
  handlers: { handle: MessageHandler; handleBatch: BatchHandler },
  logger: Logger,
): RunningWriter {
  const writerLog = logger.child({ component: 'timeline-writer' });
  let consumer: LogConsumer | undefined;
  let stopping = false;
  const joined = (async () => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        consumer = await log.consume({ group, ...handlers });
        if (attempt > 1) writerLog.info({ attempt }, 'writer joined the interaction log');
        return;
      } catch (error) {
        writerLog.warn({ err: error, attempt }, 'writer cannot join the interaction log yet; retrying in 5 s');
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
  })();
  return {
    joined,
    async stop() {
      stopping = true;
      await consumer?.stop();
    },
  };
}
