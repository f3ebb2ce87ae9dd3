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

/** The filter's stream prefixes as a list; undefined when it lets every stream through. */
export const streamPrefixesOf = (filter: EventFilter | undefined): readonly string[] | undefined => {
  const prefix = filter?.streamPrefix;
  return prefix === undefined ? undefined : typeof prefix === 'string' ? [prefix] : prefix;
};

export const matchesFilter = (filter: EventFilter | undefined, event: RecordedEvent): boolean => {
  const prefixes = streamPrefixesOf(filter);
  return prefixes === undefined || prefixes.some((prefix) => event.streamId.startsWith(prefix));
};
