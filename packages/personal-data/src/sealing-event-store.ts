import type { EventStore, SubscribeToAllOptions } from '@hub/event-store';
import type { EventToAppend, RecordedEvent } from '@hub/events';
import type { KeyStore } from './key-store.ts';
import { openEvent, sealEvent, sealedKeyIds } from './seal-event.ts';

/** Metadata key naming the customer whose key seals an event's personal fields. */
export const PERSONAL_DATA_OF = 'personalDataOf';

const ownerOf = (event: EventToAppend): string | undefined => {
  const owner = event.metadata?.[PERSONAL_DATA_OF];
  return typeof owner === 'string' ? owner : undefined;
};

/**
 * The event with its personal fields opened when its `data` is first read: a reader that skips
 * most events by their type (the router, the audit trail, the routing read model read every
 * stream) never pays for the decryption of what it skips. The keys are already in hand.
 */
function openedOnRead(event: RecordedEvent, keys: ReadonlyMap<string, Buffer | undefined>): RecordedEvent {
  let opened: { data: unknown } | undefined;
  return Object.defineProperty({ ...event }, 'data', {
    enumerable: true,
    configurable: true,
    get() {
      opened ??= { data: openEvent(event.type, event.data, keys) };
      return opened.data;
    },
  });
}

/**
 * An event store that seals personal fields on append and opens them on read. Events written
 * with `metadata.personalDataOf = <customer id>` are sealed with that customer's key; once the
 * key is destroyed those fields read as redacted values, everywhere and in every replay.
 */
export function createSealingEventStore(store: EventStore, keys: KeyStore): EventStore {
  /** Seals every event of a call with one look-up of all the keys it needs. */
  const sealAll = async (events: readonly EventToAppend[]): Promise<EventToAppend[]> => {
    const owners = events.flatMap((e) => ownerOf(e) ?? []);
    const found = owners.length > 0 ? await keys.keysFor(owners) : new Map<string, Buffer>();
    return events.map((event) => {
      const owner = ownerOf(event);
      if (!owner) return event;
      const key = found.get(owner);
      // Never fall back to storing personal data in clear.
      if (!key) throw new Error(`no key to seal the personal data of customer ${owner}`);
      return { ...event, data: sealEvent(event.type, event.data, owner, key) };
    });
  };

  const openAll = async (events: RecordedEvent[]): Promise<RecordedEvent[]> => {
    const ids = new Set(events.flatMap((e) => sealedKeyIds(e.type, e.data)));
    if (ids.size === 0) return events;
    const found: ReadonlyMap<string, Buffer | undefined> = await keys.findAll([...ids]);
    return events.map((e) => openedOnRead(e, found));
  };

  return {
    ...store,
    appendToStream: async (streamId, events, options) => store.appendToStream(streamId, await sealAll(events), options),
    async appendToStreams(appends) {
      const sealed = await sealAll(appends.flatMap((a) => a.events));
      let next = 0;
      return store.appendToStreams(
        appends.map((a) => ({ ...a, events: a.events.map(() => sealed[next++] as EventToAppend) })),
      );
    },
    readStream: async (streamId, options) => openAll(await store.readStream(streamId, options)),
    async readStreams(streamIds) {
      const streams = await store.readStreams(streamIds);
      // One look-up of the keys for every stream read.
      const opened = await openAll(streams.flat());
      let next = 0;
      return streams.map((events) => events.map(() => opened[next++] as RecordedEvent));
    },
    readAll: async (options) => openAll(await store.readAll(options)),
    readAllPage: async (options) => {
      const page = await store.readAllPage(options);
      return { events: await openAll(page.events), cursor: page.cursor };
    },
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
