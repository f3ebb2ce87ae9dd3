import { type EventStoreDBClient, FORWARDS } from '@eventstore/db-client';
import { type AppendResult, duplicateEventId } from '@hub/event-store';
import type { EventToAppend, RecordedEvent } from '@hub/events';
import { eventIdKey, fromEsdbRecord } from './esdb-envelope.ts';
import { streamRecords } from './esdb-reads.ts';

/**
 * What an append has learnt about its own ids in the stream so far. ESDB has no index by event
 * id, so "is this append already there?" is answered by reading the stream; the search keeps
 * what it found and how far it read, so a second look after a conflict reads only the new tail.
 */
export interface IdSearch {
  readonly streamId: string;
  readonly ids: readonly string[];
  readonly keys: ReadonlySet<string>;
  readonly found: Map<string, RecordedEvent>;
  /** Revision of the last visible event read so far; -1 before anything was read. */
  lastSeen: number;
}

export const startIdSearch = (streamId: string, events: readonly EventToAppend[]): IdSearch => ({
  streamId,
  ids: events.map((e) => e.id),
  keys: new Set(events.map((e) => eventIdKey(e.id))),
  found: new Map(),
  lastSeen: -1,
});

/**
 * Reads the stream forwards from `fromRevision` (to its end, or `maxCount` events) noting any of
 * the append's ids. Stops early once every id is found: the answer cannot change after that.
 */
export async function searchIds(
  client: EventStoreDBClient,
  search: IdSearch,
  fromRevision: number,
  maxCount?: number,
): Promise<void> {
  const options = { direction: FORWARDS, fromRevision: BigInt(fromRevision), maxCount } as const;
  for await (const { record, commitPosition } of streamRecords(client, search.streamId, options)) {
    search.lastSeen = Math.max(search.lastSeen, Number(record.revision));
    const key = eventIdKey(record.id);
    if (search.keys.has(key)) search.found.set(key, fromEsdbRecord(record, commitPosition));
    if (search.found.size === search.keys.size) return;
  }
}

/**
 * The port's answer when the ids are already in the stream: every id there is a retry, answered
 * with the revision and position of its last event; some of them only is a different append
 * reusing ids, which no retry can make right.
 */
export function earlierAppend(search: IdSearch): AppendResult | undefined {
  if (search.found.size === 0) return undefined;
  if (search.found.size < search.keys.size) throw duplicateEventId(search.streamId, search.ids);
  const last = [...search.found.values()].reduce((a, b) => (a.revision > b.revision ? a : b));
  return { nextExpectedRevision: last.revision, position: last.position, alreadyAppended: true };
}
