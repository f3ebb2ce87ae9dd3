import { HubError } from '@hub/errors';
import type { EventToAppend, RecordedEvent } from '../envelope.ts';
import { type DomainEvent, type DomainEventType, eventCatalogue, isDomainEventType } from './event-catalogue.ts';

export interface EventContext {
  readonly id: string;
  readonly occurredAt: Date;
  readonly causationId?: string | null;
  readonly correlationId?: string | null;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Validates a domain event and wraps it for appending at the current schema version. */
export function encodeEvent(event: DomainEvent, context: EventContext): EventToAppend<DomainEventType> {
  const definition = eventCatalogue[event.type];
  const parsed = definition.schema.safeParse(event.data);
  if (!parsed.success) {
    throw new HubError('INVALID_EVENT', `${event.type} does not match its schema: ${parsed.error.message}`, {
      type: event.type,
    });
  }
  return { ...context, type: event.type, schemaVersion: definition.version, data: parsed.data };
}

/** Upcasts a stored body to the current schema version, then validates it. */
export function decodeEvent(recorded: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data' | 'id'>): DomainEvent {
  const { type, id } = recorded;
  if (!isDomainEventType(type)) {
    throw new HubError('UNKNOWN_EVENT_TYPE', `event ${id} has unknown type ${type}`, { type, eventId: id });
  }
  const definition = eventCatalogue[type];
  if (recorded.schemaVersion > definition.version) {
    throw new HubError(
      'UNKNOWN_EVENT_TYPE',
      `event ${id} is ${type} v${recorded.schemaVersion}, written by a newer hub (this one knows v${definition.version})`,
      { type, eventId: id },
    );
  }
  let data = recorded.data as Record<string, unknown>;
  for (let version = recorded.schemaVersion; version < definition.version; version++) {
    const upcast = (definition.upcasters as Record<number, (d: Record<string, unknown>) => Record<string, unknown>>)[
      version
    ];
    if (!upcast) {
      throw new HubError('INVALID_EVENT', `no upcaster for ${type} v${version}`, { type, eventId: id });
    }
    data = upcast(data);
  }
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    throw new HubError('INVALID_EVENT', `event ${id} (${type}) does not match its schema: ${parsed.error.message}`, {
      type,
      eventId: id,
    });
  }
  return { type, data: parsed.data } as DomainEvent;
}
