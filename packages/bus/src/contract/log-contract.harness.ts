import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ConsumedMessage, InteractionLog, LogMessage } from '../interaction-log.port.ts';
import type { RetryPolicy } from '../retry.policy.ts';

/** What an implementation's test file hands the contract. */
export interface LogContractHarness {
  /** A log of its own (new topics, a new name) for one case; the case closes it. */
  openLog(settings?: { retry?: Partial<Omit<RetryPolicy, 'retriableAttempts'>> }): Promise<InteractionLog>;
  /** How long one wait may take: Kafka groups need seconds to form. */
  readonly timeoutMs: number;
}

export interface LogContractCase {
  readonly name: string;
  run(harness: LogContractHarness): Promise<void>;
}

export interface Sample {
  readonly key: string;
  readonly seq: number;
}

export interface Seen extends Sample {
  readonly attempt: number;
  readonly headers: Readonly<Record<string, string>>;
}

export const freshGroup = (label: string) => `contract_${label}_${randomUUID().slice(0, 8)}`;

export const toMessage = ({ key, seq }: Sample): LogMessage => ({
  key,
  value: Buffer.from(JSON.stringify({ key, seq, text: `پیام ${seq} — message ${seq}` })),
  headers: { 'hub-seq': String(seq), 'hub-note': 'سلام — hello' },
});

export const seqOf = (message: ConsumedMessage) => (JSON.parse(message.value.toString('utf8')) as Sample).seq;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; every wait names what it waited for and has its own timeout. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** A handler that records what it saw; `fail` decides per message whether to throw instead. */
export function recorder(fail: (message: ConsumedMessage) => unknown = () => undefined) {
  const seen: Seen[] = [];
  const handle = async (message: ConsumedMessage) => {
    const failure = fail(message);
    if (failure) throw failure;
    seen.push({ key: message.key, seq: seqOf(message), attempt: message.attempt, headers: message.headers });
  };
  return { seen, handle };
}

/** Every key's messages were handled once each, in publishing order. */
export function assertOncePerKeyInOrder(seen: readonly Sample[], expected: ReadonlyMap<string, number>) {
  const byKey = new Map<string, number[]>();
  for (const { key, seq } of seen) byKey.set(key, [...(byKey.get(key) ?? []), seq]);
  assert.deepEqual([...byKey.keys()].sort(), [...expected.keys()].sort(), 'every key was handled');
  for (const [key, count] of expected) {
    const expectedSeqs = Array.from({ length: count }, (_, n) => n);
    assert.deepEqual(byKey.get(key), expectedSeqs, `${key}: each message once, in order`);
  }
}

/** `count` messages over `keys` keys, split among `publishers` that each own whole keys. */
export function plannedPublishers(count: number, keys: number, publishers: number, prefix: string): Sample[][] {
  const next = new Map<string, number>();
  const planned: Sample[][] = Array.from({ length: publishers }, () => []);
  for (let n = 0; n < count; n += 1) {
    const key = `${prefix}-customer-${n % keys}`;
    const seq = next.get(key) ?? 0;
    next.set(key, seq + 1);
    planned[(n % keys) % publishers]?.push({ key, seq });
  }
  return planned;
}

export const countPerKey = (samples: readonly Sample[]) =>
  samples.reduce((counts, { key }) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());

export async function withLog(
  harness: LogContractHarness,
  settings: Parameters<LogContractHarness['openLog']>[0],
  work: (log: InteractionLog) => Promise<void>,
) {
  const log = await harness.openLog(settings);
  try {
    await work(log);
  } finally {
    await log.close();
  }
}
