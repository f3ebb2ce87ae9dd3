import {
  ANY,
  type AppendExpectedRevision,
  type EventData,
  type EventStoreDBClient,
  NO_STREAM,
  type Position,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { type AppendResult, acceptsRevision, type ExpectedRevision, wrongExpectedRevision } from '@hub/event-store';
import { type EventToAppend, startOfAll } from '@hub/events';
import type { Logger } from '@hub/logger';
import { toEsdbEvent } from './esdb-envelope.ts';
import { toPortRevision, translateEsdbError } from './esdb-errors.ts';
import { earlierAppend, type IdSearch, searchIds, startIdSearch } from './esdb-idempotency.ts';
import { eventAt, lastStreamEvent } from './esdb-reads.ts';

/** Conflicts an `any` append re-pins through before it leaves the write to the server's `any`. */
const MAX_PINNED_ATTEMPTS = 25;

type Written = { readonly ok: true; readonly revision: number; readonly position?: Position };
type Conflict = { readonly ok: false; readonly actual: number | null };
interface AppendContext {
  readonly client: EventStoreDBClient;
  readonly streamId: string;
  readonly events: EventData[];
  readonly logger?: Logger;
}

/**
 * Idempotent append. ESDB dedupes a retry reliably only when it carries the same ids *and* the
 * same expected revision, and its reply never says whether it deduped. So the adapter looks first:
 * - an exact revision (or no_stream) reads the few events right after it: a retry's ids sit there;
 *   after a conflict it reads the whole stream, as the retry may come with a newer revision;
 * - `any` and `stream_exists` read the whole stream for the ids, then write *pinned* to the last
 *   revision they read, so nothing can land between the look and the write unseen. On a conflict
 *   they read only the new tail and pin again. Cost: a read of the stream per such append.
 * The one gap: two identical appends racing both look, find nothing, and both answer
 * `alreadyAppended: false`, though the server writes the events once.
 */
export async function appendIdempotently(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly EventToAppend[],
  requested: ExpectedRevision,
  logger?: Logger,
): Promise<AppendResult> {
  const expected = requested === -1 ? 'no_stream' : requested;
  if (events.length === 0) return appendNothing(client, streamId, expected);
  const context: AppendContext = { client, streamId, events: events.map(toEsdbEvent), logger };
  const search = startIdSearch(streamId, events);
  if (expected === 'any' || expected === 'stream_exists') return appendPinned(context, search, expected);

  await searchIds(client, search, expected === 'no_stream' ? 0 : expected + 1, events.length);
  const retried = earlierAppend(search);
  if (retried) return retried;
  const outcome = await write(context, expected === 'no_stream' ? NO_STREAM : BigInt(expected));
  if (outcome.ok) return written(context, outcome);
  const anywhere = startIdSearch(streamId, events);
  await searchIds(client, anywhere, 0);
  const retriedElsewhere = earlierAppend(anywhere);
  if (retriedElsewhere) return retriedElsewhere;
  throw wrongExpectedRevision(streamId, requested, outcome.actual);
}

async function appendPinned(
  context: AppendContext,
  search: IdSearch,
  expected: 'any' | 'stream_exists',
): Promise<AppendResult> {
  await searchIds(context.client, search, 0);
  for (let attempt = 1; ; attempt++) {
    const retried = earlierAppend(search);
    if (retried) return retried;
    const giveUp = attempt > MAX_PINNED_ATTEMPTS;
    if (giveUp) context.logger?.warn({ streamId: context.streamId }, 'append left to the server: stream too contended');
    const pin: AppendExpectedRevision = giveUp
      ? ANY
      : search.lastSeen >= 0
        ? BigInt(search.lastSeen)
        : expected === 'stream_exists'
          ? STREAM_EXISTS
          : NO_STREAM;
    const outcome = await write(context, pin);
    if (outcome.ok) return written(context, outcome);
    // Only a pinned revision is ours to move; a refused stream_exists is the caller's answer.
    if (pin === ANY || pin === STREAM_EXISTS) throw wrongExpectedRevision(context.streamId, expected, outcome.actual);
    await searchIds(context.client, search, search.lastSeen + 1);
    // Revisions the read cannot see (truncated or soft-deleted) are still taken: pin past them.
    search.lastSeen = Math.max(search.lastSeen, outcome.actual ?? -1);
  }
}

async function write(context: AppendContext, expectedRevision: AppendExpectedRevision): Promise<Written | Conflict> {
  const { client, streamId, events } = context;
  try {
    const result = await client.appendToStream(streamId, events, { expectedRevision });
    if (result.success) return { ok: true, revision: Number(result.nextExpectedRevision), position: result.position };
    // Only with throwOnAppendFailure=false in the connection string; the client's batch path then
    // reports a wrong current revision, so ask the stream instead.
    const last = await lastStreamEvent(client, streamId);
    return { ok: false, actual: last?.revision ?? null };
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return { ok: false, actual: toPortRevision(error.actualVersion) };
    throw translateEsdbError(error, { streamId });
  }
}

/**
 * The port promises the position of the last event as readers see it. The append reply carries a
 * position too, but whether it is the last event's (and not the transaction's) for a multi-event
 * append is not documented, so it is read back and the reply's kept only as a fallback.
 */
async function written(context: AppendContext, outcome: Written): Promise<AppendResult> {
  const last = await eventAt(context.client, context.streamId, outcome.revision);
  const position = last?.position ?? outcome.position ?? startOfAll;
  return { nextExpectedRevision: outcome.revision, position, alreadyAppended: false };
}

async function appendNothing(
  client: EventStoreDBClient,
  streamId: string,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const last = await lastStreamEvent(client, streamId);
  const revision = last?.revision ?? -1;
  if (!acceptsRevision(expected, revision)) throw wrongExpectedRevision(streamId, expected, last ? revision : null);
  return { nextExpectedRevision: revision, position: last?.position ?? startOfAll, alreadyAppended: false };
}
