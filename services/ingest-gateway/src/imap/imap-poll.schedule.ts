import type { Logger } from '@hub/logger';

export interface PollSchedule<T> {
  /** Runs one poll now, or joins the one already running. */
  pollOnce(): Promise<T>;
  /** Polls now and then `intervalMs` after each poll ends; a failed poll is logged and retried. */
  start(intervalMs: number): void;
  /** No new polls; resolves once the running one has ended. */
  stop(): Promise<void>;
}

/**
 * One poll at a time: a slow poll and the next tick (or a manual `pollOnce`) never import the
 * same folder twice over. The interval counts from the end of a poll, so polls never pile up
 * behind a slow server.
 */
export function schedulePolls<T>(poll: () => Promise<T>, log: Logger): PollSchedule<T> {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  const pollOnce = (): Promise<T> => {
    running ??= poll().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = async (intervalMs: number): Promise<void> => {
    await pollOnce().catch((error: unknown) => log.error({ err: error }, 'poll failed; retrying at the next tick'));
    if (!stopped) timer = setTimeout(() => void tick(intervalMs), intervalMs);
  };

  return {
    pollOnce,
    start(intervalMs) {
      if (!stopped) return;
      stopped = false;
      void tick(intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
