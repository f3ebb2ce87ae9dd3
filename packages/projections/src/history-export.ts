import type { EventStore } from '@hub/event-store';
import { formatPosition, type RecordedEvent } from '@hub/events';
import { csvRecord } from './csv.ts';

/** Which part of the history: recorded in [from, to), of these types, in streams with this prefix. */
export interface HistoryFilter {
  readonly from?: Date;
  readonly to?: Date;
  readonly types?: readonly string[];
  readonly streamPrefix?: string;
}

export type ExportFormat = 'ndjson' | 'csv';

/**
 * The history in global order, a page at a time (bounded memory whatever its length), keeping the
 * events the filter selects. The times are recording times, which follow the global order only
 * roughly (a transaction's clock is its start), so the whole store is read: nothing is missed.
 */
export async function* readHistory(
  store: EventStore,
  filter: HistoryFilter = {},
  batchSize = 1000,
): AsyncGenerator<RecordedEvent[]> {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
  const from = filter.from?.getTime();
  const to = filter.to?.getTime();
  const keep = (event: RecordedEvent) =>
    (types === undefined || types.has(event.type)) &&
    (from === undefined || event.recordedAt.getTime() >= from) &&
    (to === undefined || event.recordedAt.getTime() < to);
  let after: RecordedEvent['position'] | undefined;
  for (;;) {
    const { events, cursor } = await store.readAllPage({
      ...(after ? { after } : {}),
      maxCount: batchSize,
      ...(filter.streamPrefix ? { filter: { streamPrefix: filter.streamPrefix } } : {}),
    });
    const kept = events.filter(keep);
    if (kept.length > 0) yield kept;
    if (events.length < batchSize || !cursor) return;
    after = cursor;
  }
}

/** An event as exports and the Kafka replay publish it: its envelope and its data as stored. */
export function exportedEvent(event: RecordedEvent) {
  return {
    position: formatPosition(event.position),
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    causationId: event.causationId,
    correlationId: event.correlationId,
    data: event.data,
    metadata: event.metadata,
  };
}

export const eventCsvColumns = [
  'position',
  'stream_id',
  'revision',
  'event_id',
  'type',
  'schema_version',
  'occurred_at',
  'recorded_at',
  'causation_id',
  'correlation_id',
  'data',
  'metadata',
] as const;

/** The exported history as text chunks (one per page), NDJSON or CSV with a header. */
export async function* formatHistory(
  pages: AsyncIterable<readonly RecordedEvent[]>,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv') yield csvRecord(eventCsvColumns);
  for await (const page of pages) {
    if (format === 'ndjson') {
      yield page.map((event) => `${JSON.stringify(exportedEvent(event))}\n`).join('');
      continue;
    }
    yield page
      .map((event) => {
        const e = exportedEvent(event);
        return csvRecord([
          e.position,
          e.streamId,
          e.revision,
          e.eventId,
          e.type,
          e.schemaVersion,
          e.occurredAt,
          e.recordedAt,
          e.causationId,
          e.correlationId,
          e.data,
          e.metadata,
        ]);
      })
      .join('');
  }
}
