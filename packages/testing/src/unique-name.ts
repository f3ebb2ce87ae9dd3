import { randomBytes } from 'node:crypto';

/**
 * A name no other test, run or process will pick: for topics, consumer groups, streams and
 * databases. Joined with `_` so it is a valid PostgreSQL identifier once lower-cased, and so an
 * event-store stream `${uniqueName('customer')}-42` keeps the unique part as its category.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}
