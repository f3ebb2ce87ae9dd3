import type { EventStore, SubscribeToAllOptions } from '@hub/event-store';
import type { EventToAppend, RecordedEvent } from '@hub/events';
import type { KeyStore } from './key-store.ts';
import { openEvent, sealEvent, sealedKeyIds } from './seal-event.ts';

/** Metadata key naming the customer whose key seals an event's personal fields. */
export const PERSONAL_DATA_OF = 'personalDataOf';

/**
 * An event store that seals personal fields on append and opens them on read. Events written
 * with `metadata.personalDataOf = <customer id>` are sealed with that customer's key; once the
 * key is destroyed those fields read as redacted values, everywhere and in every replay.
 */
export function createSealingEventStore(store: EventStore, keys: KeyStore): EventStore {
  const sealOne = async (event: EventToAppend): Promise<EventToAppend> => {
    const owner = event.metadata?.[PERSONAL_DATA_OF];
    if (typeof owner !== 'string') return event;
    return { ...event, data: sealEvent(event.type, event.data, owner, await keys.keyFor(owner)) };
  };

  const openAll = async (events: RecordedEvent[]): Promise<RecordedEvent[]> => {
    const ids = new Set(events.flatMap((e) => sealedKeyIds(e.type, e.data)));
    const found = new Map(await Promise.all([...ids].map(async (id) => [id, await keys.find(id)] as const)));
    return events.map((e) => (found.size === 0 ? e : { ...e, data: openEvent(e.type, e.data, found) }));
  };

  return {
    ...store,
    appendToStream: async (streamId, events, options) =>
      store.appendToStream(streamId, await Promise.all(events.map(sealOne)), options),
    readStream: async (streamId, options) => openAll(await store.readStream(streamId, options)),
    readAll: async (options) => openAll(await store.readAll(options)),
    subscribeToAll: (options: SubscribeToAllOptions) =>
      store.subscribeToAll({
        ...options,
        onEvent: async (event) => {
          const [opened] = await openAll([event]);
          if (opened) await options.onEvent(opened);
        },
      }),
  };
}
