import type { RecordedEvent } from '@hub/events';
import type { EventFilter, ExpectedRevision } from './event-store.port.ts';

/** `lastRevision` is -1 for a stream with no events. */
export function acceptsRevision(expected: ExpectedRevision, lastRevision: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return lastRevision === -1;
    case 'stream_exists':
      return lastRevision >= 0;
    default:
      return expected === lastRevision;
  }
}

export const matchesFilter = (filter: EventFilter | undefined, event: RecordedEvent): boolean =>
  filter?.streamPrefix === undefined || event.streamId.startsWith(filter.streamPrefix);
