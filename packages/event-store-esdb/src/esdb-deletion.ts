import { ANY, type ExpectedRevision as EsdbExpected, type EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import { type DeleteStreamOptions, type ExpectedRevision, wrongExpectedRevision } from '@hub/event-store';
import { translateEsdbError } from './esdb-errors.ts';
import { lastStreamEvent } from './esdb-reads.ts';

/**
 * Truncation is stream metadata (`$tb`): reads hide the events at once, the space comes back at
 * the next scavenge, and revisions keep counting. The metadata is read and merged so `$maxAge`,
 * ACLs and the like survive, and `$tb` only moves forwards, as the port's truncation does.
 * Between the read and the write another metadata writer could slip in: the client's
 * `metastreamRevision` is not the metastream's revision (6.2.1 fills it with a commit position),
 * so there is nothing sound to pin the write to.
 */
export async function truncateStream(client: EventStoreDBClient, streamId: string, beforeRevision: number) {
  try {
    const { metadata = {} } = await client.getStreamMetadata(streamId);
    const current = typeof metadata.truncateBefore === 'number' ? metadata.truncateBefore : 0;
    // A soft-deleted stream already hides everything, with a $tb past any safe integer.
    if (current >= beforeRevision || !Number.isSafeInteger(current)) return;
    await client.setStreamMetadata(streamId, { ...metadata, truncateBefore: beforeRevision });
  } catch (error) {
    throw translateEsdbError(error, { streamId });
  }
}

/** Soft delete (`deleteStream`, can be written again) or permanent (`tombstoneStream`). */
export async function deleteStream(
  client: EventStoreDBClient,
  streamId: string,
  { expectedRevision = 'any', permanent = false }: DeleteStreamOptions = {},
): Promise<void> {
  const expected = await toDeleteExpected(client, streamId, expectedRevision);
  try {
    if (permanent) await client.tombstoneStream(streamId, { expectedRevision: expected });
    else await client.deleteStream(streamId, { expectedRevision: expected });
  } catch (error) {
    throw translateEsdbError(error, { streamId, expected: expectedRevision });
  }
}

/** Deletion takes no `stream_exists` on the wire: pin it to the revision the stream is at now. */
async function toDeleteExpected(
  client: EventStoreDBClient,
  streamId: string,
  expected: ExpectedRevision,
): Promise<EsdbExpected> {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  if (expected !== 'stream_exists') return BigInt(expected);
  const last = await lastStreamEvent(client, streamId);
  if (!last) throw wrongExpectedRevision(streamId, expected, null);
  return BigInt(last.revision);
}
