import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@hub/events';
import type { EventStore, SubscribeToAllOptions } from '../event-store.port.ts';

/** What a backend's test file hands the contract: a store, and a way to open another on the same data. */
export interface ContractHarness {
  readonly store: EventStore;
  /** A second store instance over the same data, as after a process restart. */
  reopen(): Promise<EventStore>;
}

export interface ContractCase {
  readonly name: string;
  run(harness: ContractHarness): Promise<void>;
}

/** A stream name no other case (or earlier run against the same server) uses. */
export const freshStream = (label: string): string => `contract_${label}-${randomUUID().replaceAll('-', '')}`;

export const sampleEvent = (n: number, overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  id: randomUUID(),
  type: 'ContractTested',
  schemaVersion: 1,
  data: { n, text: `پیام شماره ${n} — message ${n} — 消息` },
  occurredAt: new Date(Date.UTC(2026, 10, 1, 12, 0, n % 60)),
  ...overrides,
});

export const sampleEvents = (count: number): EventToAppend[] => Array.from({ length: count }, (_, n) => sampleEvent(n));

/** Collects what a subscription delivers; `until` waits for a count with its own timeout. */
export function collectSubscription(store: EventStore, options: Omit<SubscribeToAllOptions, 'onEvent'>) {
  const seen: RecordedEvent[] = [];
  let failure: unknown;
  const waiters = new Set<() => void>();
  const subscription = store.subscribeToAll({
    ...options,
    onEvent: (event) => {
      seen.push(event);
      for (const wake of waiters) wake();
    },
    onError: (error) => {
      failure = error;
      for (const wake of waiters) wake();
    },
  });
  const until = (count: number, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (failure) return finish(() => reject(failure));
        if (seen.length >= count) finish(resolve);
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`subscription saw ${seen.length} of ${count} events in ${timeoutMs} ms`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  return { seen, until, stop: () => subscription.stop() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
