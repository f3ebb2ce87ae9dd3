import { createHash } from 'node:crypto';

/** One worker's share of a sharded replay: shard `index` of `count` (0-based). */
export interface ReplayShard {
  readonly index: number;
  readonly count: number;
}

/**
 * Which shard a customer's events belong to: a stable hash of the key (the same in every process
 * and on every machine), so each key, and with it each row of a shardable read model, is written by
 * exactly one worker. An event without a key belongs to shard 0.
 */
export function shardOf(key: string | undefined, count: number): number {
  if (key === undefined || count <= 1) return 0;
  return createHash('sha256').update(key).digest().readUInt32BE(0) % count;
}

/** `2/4` (the second of four, 1-based as people count) to `{ index: 1, count: 4 }`. */
export function parseShard(text: string): ReplayShard {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const number = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || number < 1 || number > count)
    throw new Error(`a shard is written n/N with 1 <= n <= N (as in 2/4), not ${JSON.stringify(text)}`);
  return { index: number - 1, count };
}
