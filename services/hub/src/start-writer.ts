import type { InteractionLog, LogConsumer, MessageHandler } from '@hub/bus';
import type { Logger } from '@hub/logger';

export interface RunningWriter {
  /** Resolves once the writer is in its group (topics made, partitions assigned). */
  readonly joined: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The writer joins its group in the background: a Kafka that is down at start leaves the process
 * up, reporting itself degraded on /health, and the writer joins as soon as the broker answers.
 */
export function startWriter(log: InteractionLog, handle: MessageHandler, logger: Logger): RunningWriter {
  const writerLog = logger.child({ component: 'timeline-writer' });
  let consumer: LogConsumer | undefined;
  let stopping = false;
  const joined = (async () => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        consumer = await log.consume({ group: 'timeline-writer', handle });
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
