import {
  BACKWARDS,
  type ReadStreamOptions as ClientReadStreamOptions,
  END,
  type EventStoreDBClient,
  FORWARDS,
  START,
} from '@eventstore/db-client';
import type { ReadStreamOptions } from '@hub/event-store';
import type { RecordedEvent } from '@hub/events';
import { type EsdbRecord, fromEsdbRecord, isSystemRecord } from './esdb-envelope.ts';
import { isStreamDeletedError, isStreamNotFound, translateEsdbError } from './esdb-errors.ts';

export interface StreamRecord {
  readonly record: EsdbRecord;
  readonly commitPosition?: bigint;
}

/**
 * A stream's records, one at a time. A stream never written, soft-deleted or tombstoned yields
 * nothing. Leaving the loop early cancels the gRPC call, which would otherwise stay open paused.
 */
export async function* streamRecords(
  client: EventStoreDBClient,
  streamId: string,
  options: ClientReadStreamOptions,
): AsyncGenerator<StreamRecord> {
  const read = client.readStream(streamId, options);
  let finished = false;
  try {
    for await (const resolved of read) {
      if (resolved.event && !isSystemRecord(resolved.event)) {
        yield { record: resolved.event, commitPosition: resolved.commitPosition };
      }
    }
    finished = true;
  } catch (error) {
    finished = true;
    if (isStreamNotFound(error) || isStreamDeletedError(error)) return;
    throw translateEsdbError(error, { streamId });
  } finally {
    if (!finished) await read.cancel();
  }
}

export async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  if (maxCount !== undefined && maxCount <= 0) return [];
  const forwards = direction === 'forwards';
  const from = fromRevision === undefined ? (forwards ? START : END) : BigInt(Math.max(0, fromRevision));
  const events: RecordedEvent[] = [];
  const options = { direction: forwards ? FORWARDS : BACKWARDS, fromRevision: from, maxCount } as const;
  for await (const { record, commitPosition } of streamRecords(client, streamId, options)) {
    events.push(fromEsdbRecord(record, commitPosition));
  }
  return events;
}

/** The last visible event of a stream, or undefined when it reads as empty. */
export async function lastStreamEvent(
  client: EventStoreDBClient,
  streamId: string,
): Promise<RecordedEvent | undefined> {
  const [last] = await readStreamEvents(client, streamId, { direction: 'backwards', maxCount: 1 });
  return last;
}

/** The event at one revision, read back to learn its position as every reader will see it. */
export async function eventAt(
  client: EventStoreDBClient,
  streamId: string,
  revision: number,
): Promise<RecordedEvent | undefined> {
  const [event] = await readStreamEvents(client, streamId, { fromRevision: revision, maxCount: 1 });
  return event?.revision === revision ? event : undefined;
}
