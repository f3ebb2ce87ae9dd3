import { BACKWARDS, END, type EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { type EventFilter, matchesFilter } from '@hub/event-store';
import { comparePositions, type GlobalPosition, type RecordedEvent } from '@hub/events';
import { fromEsdbRecord, isSystemRecord } from './esdb-envelope.ts';
import { translateEsdbError } from './esdb-errors.ts';

/** How many `$all` records one gRPC read fetches; the filter runs on this side (see below). */
const RAW_PAGE = 500;

export interface AllPage {
  readonly events: RecordedEvent[];
  /** The last `$all` position considered, matching or not: continue strictly after it. */
  readonly cursor: GlobalPosition | undefined;
  /** True when the read reached the end of `$all` as it was then. */
  readonly reachedEnd: boolean;
}

/**
 * Up to `maxCount` hub events strictly after `after`, in `$all` order. Client 6.2.1 sends every
 * `$all` read with "no filter" (only subscriptions take one), so system events and the stream
 * prefix are filtered here: a narrow prefix over a large `$all` costs a scan of what lies between.
 * Whether the server's read includes the event at `fromPosition` is not documented, so anything at
 * or before the cursor is dropped either way.
 */
export async function readAllPage(
  client: EventStoreDBClient,
  { after, maxCount, filter }: { after?: GlobalPosition; maxCount: number; filter?: EventFilter },
): Promise<AllPage> {
  const events: RecordedEvent[] = [];
  let cursor = after;
  if (maxCount <= 0) return { events, cursor, reachedEnd: false };
  for (;;) {
    const read = client.readAll({ fromPosition: cursor ?? START, maxCount: RAW_PAGE, direction: FORWARDS });
    let received = 0;
    let finished = false;
    try {
      for await (const resolved of read) {
        received++;
        const record = resolved.event ?? resolved.link;
        if (!record || (cursor && comparePositions(record.position, cursor) <= 0)) continue;
        cursor = record.position;
        if (!resolved.event || isSystemRecord(resolved.event)) continue;
        const event = fromEsdbRecord(resolved.event);
        if (!matchesFilter(filter, event)) continue;
        events.push(event);
        if (events.length >= maxCount) return { events, cursor, reachedEnd: false };
      }
      finished = true;
    } catch (error) {
      finished = true;
      throw translateEsdbError(error);
    } finally {
      if (!finished) await read.cancel();
    }
    if (received < RAW_PAGE) return { events, cursor, reachedEnd: true };
  }
}

/** Where `$all` ends now: a subscription from here misses nothing appended after this call. */
export async function headOfAll(client: EventStoreDBClient): Promise<GlobalPosition | undefined> {
  try {
    for await (const resolved of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
      const record = resolved.event ?? resolved.link;
      if (record) return record.position;
    }
    return undefined;
  } catch (error) {
    throw translateEsdbError(error);
  }
}
