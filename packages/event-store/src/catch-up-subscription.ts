import { comparePositions, type GlobalPosition, startOfAll } from '@hub/events';
import type { ReadAllOptions, ReadAllPage, SubscribeToAllOptions, Subscription } from './event-store.port.ts';

export interface CatchUpSource {
  readAllPage(options: ReadAllOptions): Promise<ReadAllPage>;
  /** The position of the last event a reader can see now. */
  headPosition(): Promise<GlobalPosition>;
  /** Resolves on the next local append, after `timeoutMs`, or when `signal` aborts. */
  waitForAppend(timeoutMs: number, signal: AbortSignal): Promise<void>;
}

export interface CatchUpSettings {
  readonly pageSize: number;
  /** How often to look for appends made by other processes. */
  readonly pollIntervalMs: number;
}

/**
 * A catch-up subscription over any store that reads `$all` in a gap-free order: pages through
 * history from the checkpoint, then polls (woken early by local appends). Events are handed over
 * one at a time; the checkpoint only moves past an event once its handler has settled.
 */
export function subscribeByPolling(
  source: CatchUpSource,
  settings: CatchUpSettings,
  options: SubscribeToAllOptions,
): Subscription {
  const abort = new AbortController();
  const run = async (): Promise<void> => {
    let checkpoint =
      options.from === 'start' ? startOfAll : options.from === 'end' ? await source.headPosition() : options.from;
    while (!abort.signal.aborted) {
      const { events, cursor } = await source.readAllPage({
        after: checkpoint,
        maxCount: settings.pageSize,
        filter: options.filter,
      });
      for (const event of events) {
        if (abort.signal.aborted) return;
        await options.onEvent(event);
        checkpoint = event.position;
      }
      // Past what the filter left out too: the next poll does not read it again.
      if (cursor && comparePositions(cursor, checkpoint) > 0) checkpoint = cursor;
      if (events.length < settings.pageSize) {
        options.onCaughtUp?.(checkpoint);
        await source.waitForAppend(settings.pollIntervalMs, abort.signal);
      }
    }
  };
  const done = run().catch((error: unknown) => {
    if (!abort.signal.aborted) options.onError?.(error);
  });
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}
