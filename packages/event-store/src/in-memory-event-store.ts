import type { EventToAppend, GlobalPosition, RecordedEvent } from '@hub/events';
import { AppendSignal } from './append-signal.ts';
import { subscribeByPolling } from './catch-up-subscription.ts';
import { duplicateEventId, streamDeleted, wrongExpectedRevision } from './errors.ts';
import type {
  AppendResult,
  DeleteStreamOptions,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
} from './event-store.port.ts';
import { acceptsRevision, matchesFilter } from './expected-revision.ts';

interface StreamState {
  lastRevision: number;
  truncateBefore: number;
  tombstoned: boolean;
}

/** The reference implementation: one process, nothing persisted. For domain tests and examples. */
export function createInMemoryEventStore(options: { now?: () => Date } = {}): EventStore {
  const now = options.now ?? (() => new Date());
  const log: RecordedEvent[] = [];
  const streams = new Map<string, StreamState>();
  const byId = new Map<string, RecordedEvent>();
  const signal = new AppendSignal();
  const visible = (e: RecordedEvent) => {
    const stream = streams.get(e.streamId);
    return stream !== undefined && e.revision >= stream.truncateBefore;
  };

  // Synchronous, so a batch can run its entries without another append slipping in between.
  const append = (streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision) => {
    const stream = streams.get(streamId) ?? { lastRevision: -1, truncateBefore: 0, tombstoned: false };
    const known = events.map((e) => byId.get(e.id));
    if (known.some(Boolean)) {
      if (known.every((e) => e?.streamId === streamId)) return alreadyAppended(known as RecordedEvent[]);
      throw duplicateEventId(
        streamId,
        events.map((e) => e.id),
      );
    }
    if (stream.tombstoned) throw streamDeleted(streamId);
    if (!acceptsRevision(expectedRevision, stream.lastRevision)) {
      throw wrongExpectedRevision(streamId, expectedRevision, stream.lastRevision < 0 ? null : stream.lastRevision);
    }
    const recordedAt = now();
    for (const event of events) {
      const sequence = BigInt(log.length + 1);
      const recorded: RecordedEvent = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: structuredClone(event.data),
        streamId,
        revision: ++stream.lastRevision,
        position: { commit: sequence, prepare: sequence },
        occurredAt: event.occurredAt,
        recordedAt,
        causationId: event.causationId ?? null,
        correlationId: event.correlationId ?? null,
        metadata: structuredClone(event.metadata ?? {}),
      };
      log.push(recorded);
      byId.set(event.id, recorded);
    }
    streams.set(streamId, stream);
    signal.notify();
    return { nextExpectedRevision: stream.lastRevision, position: lastPosition(log), alreadyAppended: false };
  };

  const store: EventStore = {
    async appendToStream(streamId, events: readonly EventToAppend[], { expectedRevision = 'any' } = {}) {
      return append(streamId, events, expectedRevision);
    },

    async appendToStreams(appends) {
      const logLength = log.length;
      const touched = new Set(appends.map((a) => a.streamId));
      const before = new Map([...touched].map((id) => [id, streams.has(id) ? { ...streams.get(id) } : undefined]));
      try {
        return appends.map((a) => append(a.streamId, a.events, a.expectedRevision ?? 'any'));
      } catch (error) {
        for (const undone of log.splice(logLength)) byId.delete(undone.id);
        for (const [id, state] of before) state ? streams.set(id, state as StreamState) : streams.delete(id);
        throw error;
      }
    },

    async readStream(
      streamId,
      { direction = 'forwards', fromRevision, maxCount = Number.MAX_SAFE_INTEGER }: ReadStreamOptions = {},
    ) {
      const events = log.filter((e) => e.streamId === streamId && visible(e));
      if (direction === 'forwards') return events.filter((e) => e.revision >= (fromRevision ?? 0)).slice(0, maxCount);
      return events
        .filter((e) => fromRevision === undefined || e.revision <= fromRevision)
        .reverse()
        .slice(0, maxCount);
    },

    async readStreams(streamIds) {
      const byStream = new Map(streamIds.map((id) => [id, [] as RecordedEvent[]]));
      for (const e of log) if (visible(e)) byStream.get(e.streamId)?.push(e);
      return streamIds.map((id) => [...(byStream.get(id) ?? [])]);
    },

    async readAll(options: ReadAllOptions = {}) {
      return (await store.readAllPage(options)).events;
    },

    async readAllPage({ after, maxCount = 1000, filter }: ReadAllOptions = {}) {
      const from = after?.prepare ?? 0n;
      const events = log
        .filter((e) => e.position.prepare > from && visible(e) && matchesFilter(filter, e))
        .slice(0, maxCount);
      const last = events.at(-1);
      // A short page read to the end of the log.
      const end = log.at(-1);
      if (events.length < maxCount && end && end.position.prepare > from) return { events, cursor: end.position };
      return { events, cursor: last?.position ?? after };
    },

    subscribeToAll(options) {
      return subscribeByPolling(
        {
          readAllPage: (o) => store.readAllPage(o),
          headPosition: async () => lastPosition(log),
          waitForAppend: (ms, abort) => signal.wait(ms, abort),
        },
        { pageSize: 500, pollIntervalMs: 1000 },
        options,
      );
    },

    async truncateStream(streamId, beforeRevision) {
      const stream = streams.get(streamId);
      if (stream) stream.truncateBefore = Math.max(stream.truncateBefore, beforeRevision);
    },

    async deleteStream(streamId, { expectedRevision = 'any', permanent = false }: DeleteStreamOptions = {}) {
      const stream = streams.get(streamId) ?? { lastRevision: -1, truncateBefore: 0, tombstoned: false };
      if (stream.tombstoned) throw streamDeleted(streamId);
      if (!acceptsRevision(expectedRevision as ExpectedRevision, stream.lastRevision)) {
        throw wrongExpectedRevision(streamId, expectedRevision, stream.lastRevision < 0 ? null : stream.lastRevision);
      }
      stream.truncateBefore = stream.lastRevision + 1;
      stream.tombstoned = permanent;
      streams.set(streamId, stream);
    },

    async health() {
      return { ok: true, backend: 'memory' };
    },

    async close() {},
  };
  return store;
}

const lastPosition = (log: readonly RecordedEvent[]): GlobalPosition => {
  const sequence = BigInt(log.length);
  return { commit: sequence, prepare: sequence };
};

/** A retry answers what the first append answered: the revision and position of its last event. */
function alreadyAppended(events: RecordedEvent[]): AppendResult {
  const last = events.reduce((a, b) => (a.revision > b.revision ? a : b));
  return { nextExpectedRevision: last.revision, position: last.position, alreadyAppended: true };
}
