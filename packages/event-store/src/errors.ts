import { HubError } from '@hub/errors';
import type { ExpectedRevision } from './event-store.port.ts';

const describe = (revision: ExpectedRevision | number | null): string =>
  revision === null ? 'no stream' : String(revision);

export const wrongExpectedRevision = (streamId: string, expected: ExpectedRevision, actual: number | null): HubError =>
  new HubError(
    'WRONG_EXPECTED_REVISION',
    `stream ${streamId} was expected at ${describe(expected)} but is at ${describe(actual)}`,
    { streamId, expected, actual },
  );

export const streamDeleted = (streamId: string): HubError =>
  new HubError('STREAM_DELETED', `stream ${streamId} was deleted permanently`, { streamId });

export const duplicateEventId = (streamId: string, eventIds: readonly string[]): HubError =>
  new HubError(
    'DUPLICATE_EVENT_ID',
    `events ${eventIds.join(', ')} are already recorded elsewhere than as this append to ${streamId}`,
    { streamId, eventIds },
  );

export const storeUnavailable = (backend: string, cause: unknown): HubError =>
  new HubError('EVENT_STORE_UNAVAILABLE', `the ${backend} event store cannot be reached`, { backend }, { cause });
