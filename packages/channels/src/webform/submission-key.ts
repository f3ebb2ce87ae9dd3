import { createHash } from 'node:crypto';

/**
 * How long two identical submissions of one form count as one. A browser double-submit, a
 * re-post after "back" or a refresh lands within seconds; a customer who writes again because
 * nobody called back does so much later, and that second contact is worth its own entry.
 */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/**
 * Names a submission that has no provider id. With the client's `Idempotency-Key`, that key;
 * else the window the submission arrived in and a hash of its content (fields sorted, values
 * normalised, attachments by hash), so the same submission in the same window is the same
 * interaction, whichever gateway instance received it.
 */
export function submissionKey(input: {
  readonly formId: string;
  readonly fields: ReadonlyMap<string, readonly string[]>;
  readonly attachmentHashes: readonly string[];
  readonly receivedAt: Date;
  readonly idempotencyKey: string | null;
}): string {
  if (input.idempotencyKey) return `key:${input.idempotencyKey}`;
  const window = Math.floor(input.receivedAt.getTime() / DUPLICATE_WINDOW_MS) * DUPLICATE_WINDOW_MS;
  const content = JSON.stringify([
    input.formId,
    [...input.fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    [...input.attachmentHashes].sort(),
  ]);
  const hash = createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 40);
  return `${new Date(window).toISOString().slice(0, 16)}Z:${hash}`;
}
