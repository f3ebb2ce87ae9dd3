import type { BatchHandler, InteractionLog, LogConsumer, MessageHandler } from '@hub/bus';
import type { Logger } from '@hub/logger';

/** The writers' consumer group: every writer process shares the partitions of the log. */
export const WRITER_GROUP = 'timeline-writer';

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
  handlers: { handle: MessageHandler; handleBatch: BatchHandler },
  logger: Logger,
): RunningWriter {
  const writerLog = logger.child({ component: 'timeline-writer' });
  let consumer: LogConsumer | undefined;
  let stopping = false;
  const joined = (async () => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        consumer = await log.consume({ group: WRITER_GROUP, ...handlers });
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
