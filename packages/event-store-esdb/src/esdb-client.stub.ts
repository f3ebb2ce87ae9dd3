import { PassThrough, Readable } from 'node:stream';
import type {
  EventStoreDBClient,
  Filter,
  Position,
  ReadAllOptions,
  SubscribeToAllOptions,
} from '@eventstore/db-client';
import { comparePositions } from '@hub/events';
import type { EsdbRecord } from './esdb-envelope.ts';

type StubRecord = EsdbRecord & { readonly position: Position; readonly isJson: true };
type LiveFeed = PassThrough & { unsubscribe(): Promise<void> };

/**
 * A stand-in for the client's `$all` reads and subscriptions, for testing the adapter's own
 * catch-up loop (paging, hand-over to live, stop, errors) in unit tests. It says nothing about a
 * real server; the contract suite against KurrentDB does. It starts `$all` reads *at* the given
 * position, the less convenient reading, so the adapter's guard against that is exercised.
 */
export class StubEsdbClient {
  readonly log: StubRecord[] = [];
  readonly #live = new Set<{ feed: LiveFeed; filter?: Filter }>();

  append(streamId: string, type = 'InteractionRecorded'): StubRecord {
    const n = BigInt(this.log.length + 1);
    const record: StubRecord = {
      streamId,
      id: `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
      revision: 0n,
      type,
      data: { n: Number(n) },
      metadata: undefined,
      created: new Date(0),
      position: { commit: n * 100n, prepare: n * 100n - 1n },
      isJson: true,
    };
    this.log.push(record);
    for (const { feed, filter } of this.#live) if (passes(filter, record)) feed.write({ event: record });
    return record;
  }

  /** Signals caught-up on every open subscription, as a server that supports it would. */
  signalCaughtUp(): void {
    for (const { feed } of this.#live) feed.write({ caughtUp: true });
  }

  readAll({ fromPosition = 'start', maxCount = Number.MAX_SAFE_INTEGER, direction = 'forwards' }: ReadAllOptions = {}) {
    const from = fromPosition;
    const ordered = direction === 'forwards' ? this.log : [...this.log].reverse();
    const selected = ordered.filter((r) => typeof from !== 'object' || comparePositions(r.position, from) >= 0);
    const stream = Readable.from(selected.slice(0, Number(maxCount)).map((event) => ({ event })));
    return Object.assign(stream, { cancel: async () => void stream.destroy() });
  }

  subscribeToAll({ fromPosition = 'start', filter }: SubscribeToAllOptions = {}) {
    const feed = new PassThrough({ objectMode: true });
    // Mirrors the client: the caught-up message is an emit when parsed, events are pushed.
    const transformed = new PassThrough({ objectMode: true, highWaterMark: 4 });
    feed.on('data', (message: { event?: StubRecord; caughtUp?: true }) => {
      if (message.caughtUp) transformed.emit('caughtUp');
      else transformed.write(message);
    });
    const entry = { feed: Object.assign(feed, { unsubscribe: async () => void feed.end() }), filter };
    feed.on('end', () => transformed.end());
    const after = typeof fromPosition === 'object' ? fromPosition : undefined;
    if (fromPosition !== 'end') {
      for (const r of this.log) {
        if ((!after || comparePositions(r.position, after) > 0) && passes(filter, r)) feed.write({ event: r });
      }
    }
    this.#live.add(entry);
    return Object.assign(transformed, {
      unsubscribe: async () => {
        this.#live.delete(entry);
        feed.end();
      },
    });
  }

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }
}

function passes(filter: Filter | undefined, record: StubRecord): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'prefixes' in filter
    ? filter.prefixes.some((p) => subject.startsWith(p))
    : new RegExp(filter.regex).test(subject);
}
