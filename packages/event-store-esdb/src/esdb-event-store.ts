import { EventStoreDBClient } from '@eventstore/db-client';
import { HubError } from '@hub/errors';
import type { AppendResult, EventStore, StoreHealth, Subscription } from '@hub/event-store';
import type { Logger } from '@hub/logger';
import { appendIdempotently } from './esdb-append.ts';
import { deleteStream, truncateStream } from './esdb-deletion.ts';
import { isStreamNotFound } from './esdb-errors.ts';
import { readAllPage } from './esdb-read-all.ts';
import { readStreamEvents } from './esdb-reads.ts';
import { subscribeCatchUp } from './esdb-subscription.ts';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, or a secured one with credentials: reading `$all` needs admin rights. */
  readonly connectionString: string;
  readonly logger?: Logger;
}

const HEALTH_DEADLINE_MS = 2_000;
// A stream nobody writes: reading it proves the server answers, without needing admin rights.
const HEALTH_PROBE_STREAM = 'hub-health-probe';

/** The event store port on EventStoreDB / KurrentDB, through the gRPC client. */
export function createEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const client = connect(options.connectionString);
  const logger = options.logger?.child({ component: 'event-store-esdb' });
  const subscriptions = new Set<Subscription>();
  let closing: Promise<void> | undefined;

  return {
    appendToStream: (streamId, events, { expectedRevision = 'any' } = {}) =>
      appendIdempotently(client, streamId, events, expectedRevision, logger),

    // The gRPC client has no multi-stream transaction: entries go one by one, in order (see the port).
    async appendToStreams(appends) {
      const results: AppendResult[] = [];
      for (const { streamId, events, expectedRevision = 'any' } of appends) {
        results.push(await appendIdempotently(client, streamId, events, expectedRevision, logger));
      }
      return results;
    },

    readStream: (streamId, readOptions) => readStreamEvents(client, streamId, readOptions),

    // No multi-stream read in gRPC: the reads run side by side.
    readStreams: (streamIds) => Promise.all(streamIds.map((streamId) => readStreamEvents(client, streamId))),

    async readAll({ after, maxCount = 1000, filter } = {}) {
      return (await readAllPage(client, { after, maxCount, filter })).events;
    },

    readAllPage: ({ after, maxCount = 1000, filter } = {}) => readAllPage(client, { after, maxCount, filter }),

    subscribeToAll(subscribeOptions) {
      const subscription = subscribeCatchUp(client, subscribeOptions, logger);
      const tracked: Subscription = {
        async stop() {
          subscriptions.delete(tracked);
          await subscription.stop();
        },
      };
      subscriptions.add(tracked);
      return tracked;
    },

    truncateStream: (streamId, beforeRevision) => truncateStream(client, streamId, beforeRevision),

    deleteStream: (streamId, deleteOptions) => deleteStream(client, streamId, deleteOptions),

    async health(): Promise<StoreHealth> {
      try {
        for await (const _ of client.readStream(HEALTH_PROBE_STREAM, { maxCount: 1, deadline: HEALTH_DEADLINE_MS })) {
          // Any answer will do.
        }
        return { ok: true, backend: 'esdb' };
      } catch (error) {
        if (isStreamNotFound(error)) return { ok: true, backend: 'esdb' };
        return { ok: false, backend: 'esdb', detail: error instanceof Error ? error.message : String(error) };
      }
    },

    close() {
      // Idempotent: a test harness and its case may both close the same store.
      closing ??= Promise.all([...subscriptions].map((s) => s.stop())).then(() => client.dispose());
      return closing;
    },
  };
}

/** The string may hold credentials: the error names the rule broken, not the string. */
function connect(connectionString: string): EventStoreDBClient {
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (cause) {
    throw new HubError(
      'INVALID_CONFIGURATION',
      'the KurrentDB connection string is not valid: expected esdb://host:port?tls=… or esdb+discover://…',
      { setting: 'connectionString' },
      { cause },
    );
  }
}
