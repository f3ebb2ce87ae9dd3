import { type GlobalPosition, type RecordedEvent, startOfAll } from '@hub/events';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription } from './event-store.port.ts';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
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
      const page = await source.readAll({ after: checkpoint, maxCount: settings.pageSize, filter: options.filter });
      for (const event of page) {
        if (abort.signal.aborted) return;
        await options.onEvent(event);
        checkpoint = event.position;
      }
      if (page.length < settings.pageSize) {
        options.onCaughtUp?.();
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
