import type { EventToAppend, RecordedEvent } from '@hub/events';

/** Columns as selected by `eventColumns`: 64-bit numbers come as text so both drivers agree. */
export interface EventRow {
  readonly transaction_id: string;
  readonly global_position: string;
  readonly stream_id: string;
  readonly stream_revision: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly causation_id: string | null;
  readonly correlation_id: string | null;
  readonly occurred_at: Date;
  readonly recorded_at: Date;
}

/**
 * Select list over `event_store.events e`. Sort by `e.`-qualified columns: unqualified, ORDER BY
 * would pick these text outputs and sort 1000 before 999.
 */
export const eventColumns = `e.transaction_id::text AS transaction_id, e.global_position::text AS global_position,
  e.stream_id, e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.event_type, e.schema_version,
  e.data, e.metadata, e.causation_id, e.correlation_id, e.occurred_at, e.recorded_at`;

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.event_type,
  schemaVersion: row.schema_version,
  data: row.data,
  streamId: row.stream_id,
  revision: Number(row.stream_revision),
  position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) },
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  causationId: row.causation_id,
  correlationId: row.correlation_id,
  metadata: row.metadata,
});

/** The JSON array `event_store.append` takes. */
export const toAppendPayload = (events: readonly EventToAppend[]): string =>
  JSON.stringify(
    events.map((e) => ({
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata ?? {},
      causationId: e.causationId ?? null,
      correlationId: e.correlationId ?? null,
      occurredAt: e.occurredAt.toISOString(),
    })),
  );
