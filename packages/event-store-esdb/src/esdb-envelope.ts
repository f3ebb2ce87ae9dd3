import { type EventData, type JSONType, jsonEvent, type Position } from '@eventstore/db-client';
import type { EventToAppend, GlobalPosition, RecordedEvent } from '@hub/events';

/**
 * The hub's envelope as it sits in an ESDB event's JSON metadata. The user's metadata is nested
 * under one key so none of its keys can shadow an envelope field; the marker tells hub events
 * from events other writers put on the server.
 */
export interface HubEventMetadata {
  readonly hubEnvelope: 1;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly causationId: string | null;
  readonly correlationId: string | null;
  readonly userMetadata: Readonly<Record<string, unknown>>;
  /** ESDB's own names: its `$by_correlation_id` projection and its UI read these. */
  readonly $correlationId?: string;
  readonly $causationId?: string;
}

/** The fields of a client record the mapping reads; both stream and `$all` reads give them. */
export interface EsdbRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: Position;
}

export function toEsdbEvent(event: EventToAppend): EventData {
  const causationId = event.causationId ?? null;
  const correlationId = event.correlationId ?? null;
  const metadata: HubEventMetadata = {
    hubEnvelope: 1,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt.toISOString(),
    causationId,
    correlationId,
    userMetadata: event.metadata ?? {},
    ...(correlationId === null ? {} : { $correlationId: correlationId }),
    ...(causationId === null ? {} : { $causationId: causationId }),
  };
  // The client serialises `data` with JSON.stringify whatever its static type says.
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

const isHubMetadata = (value: unknown): value is HubEventMetadata =>
  typeof value === 'object' && value !== null && (value as { hubEnvelope?: unknown }).hubEnvelope === 1;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * `commitPosition` is the fallback for servers older than 22.6, whose stream reads carry no
 * per-event position: there both halves of the position are the commit position.
 */
export function fromEsdbRecord(record: EsdbRecord, commitPosition?: bigint): RecordedEvent {
  const position: GlobalPosition = record.position ?? {
    commit: commitPosition ?? -1n,
    prepare: commitPosition ?? -1n,
  };
  const envelope = record.metadata;
  const base = {
    id: record.id,
    type: record.type,
    data: record.data,
    streamId: record.streamId,
    revision: Number(record.revision),
    position: { commit: position.commit, prepare: position.prepare },
    recordedAt: record.created,
  };
  if (!isHubMetadata(envelope)) {
    // Written by something other than the hub: keep what there is, date it by the server.
    const metadata = isPlainObject(envelope) ? envelope : {};
    return { ...base, schemaVersion: 1, occurredAt: record.created, causationId: null, correlationId: null, metadata };
  }
  return {
    ...base,
    schemaVersion: envelope.schemaVersion,
    occurredAt: new Date(envelope.occurredAt),
    causationId: envelope.causationId,
    correlationId: envelope.correlationId,
    metadata: envelope.userMetadata,
  };
}

/** Server bookkeeping (`$`-streams, `$`-types such as metadata, tombstones, links): never a hub event. */
export const isSystemRecord = (record: Pick<EsdbRecord, 'streamId' | 'type'>): boolean =>
  record.streamId.startsWith('$') || record.type.startsWith('$');

/** The server hands ids back in its own spelling of a UUID; compare them in one spelling. */
export const eventIdKey = (id: string): string => id.toLowerCase();
