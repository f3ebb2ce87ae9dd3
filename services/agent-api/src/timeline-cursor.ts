import { HubError } from '@hub/errors';
import type { TimelineCursor } from '@hub/timeline';

/** Opaque to clients: base64url of the last entry's time and id. */
export const encodeCursor = (entry: { occurredAt: string; interactionId: string }): string =>
  Buffer.from(JSON.stringify([entry.occurredAt, entry.interactionId])).toString('base64url');

export function decodeCursor(cursor: string): TimelineCursor {
  try {
    const [occurredAt, interactionId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof occurredAt === 'string' && typeof interactionId === 'string' && !Number.isNaN(Date.parse(occurredAt))) {
      return { occurredAt, interactionId };
    }
  } catch {}
  throw new HubError('INVALID_INPUT', 'invalid cursor: pass back the nextCursor of the previous page');
}
