import {
  type AllStreamSubscription,
  type EventStoreDBClient,
  excludeSystemEvents,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  type EventFilter,
  matchesFilter,
  type SubscribeToAllOptions,
  type Subscription,
  streamPrefixesOf,
} from '@hub/event-store';
import { comparePositions, type GlobalPosition } from '@hub/events';
import type { Logger } from '@hub/logger';
import { fromEsdbRecord, isSystemRecord } from './esdb-envelope.ts';
import { translateEsdbError } from './esdb-errors.ts';
import { headOfAll, readAllPage } from './esdb-read-all.ts';
import { caughtUpSignal } from './live-caught-up.ts';

const CATCH_UP_PAGE = 500;

// The server filters the live feed; the same checks run here too, as they must for the pages.
const serverFilter = (filter: EventFilter | undefined) => {
  const prefixes = streamPrefixesOf(filter);
  // No prefix at all matches nothing: the check on this side drops every event.
  return prefixes === undefined || prefixes.length === 0
    ? excludeSystemEvents()
    : streamNameFilter({ prefixes: [...prefixes] });
};

/**
 * Catch-up in two phases: `$all` pages from the checkpoint until a page reaches the end (then
 * `onCaughtUp`), then a live subscription from the last position read, which the server starts
 * strictly after it, so nothing falls between the two. `onCaughtUp` does not depend on the
 * server's caught-up message, which only newer servers send; when they do, it is relayed too.
 * Each event is awaited before the next is pulled (`for await`), so the client's stream applies
 * back-pressure instead of buffering a backlog.
 */
export function subscribeCatchUp(
  client: EventStoreDBClient,
  options: SubscribeToAllOptions,
  logger?: Logger,
): Subscription {
  let stopped = false;
  let live: AllStreamSubscription | undefined;

  const run = async (): Promise<void> => {
    let cursor: GlobalPosition | undefined =
      options.from === 'start' ? undefined : options.from === 'end' ? await headOfAll(client) : options.from;
    for (;;) {
      const page = await readAllPage(client, { after: cursor, maxCount: CATCH_UP_PAGE, filter: options.filter });
      for (const event of page.events) {
        if (stopped) return;
        await options.onEvent(event);
      }
      cursor = page.cursor;
      if (stopped) return;
      if (page.reachedEnd) break;
    }
    options.onCaughtUp?.(cursor);
    if (stopped) return;
    live = client.subscribeToAll({ fromPosition: cursor ?? START, filter: serverFilter(options.filter) });
    const caughtUp = caughtUpSignal(live, () => options.onCaughtUp?.(cursor));
    for await (const resolved of live) {
      caughtUp.pulled();
      if (stopped) return;
      const record = resolved.event;
      // Guard against a server that starts at the position instead of after it.
      if (record && (cursor === undefined || comparePositions(record.position, cursor) > 0)) {
        cursor = record.position;
        const event = isSystemRecord(record) ? undefined : fromEsdbRecord(record);
        if (event && matchesFilter(options.filter, event)) await options.onEvent(event);
      }
      caughtUp.handled();
    }
    if (!stopped) throw new Error('the KurrentDB subscription to $all ended without being stopped');
  };

  const done = run()
    .catch((error: unknown) => {
      if (stopped) return;
      stopped = true;
      const translated = translateEsdbError(error);
      logger?.warn({ err: translated }, 'subscription to $all stopped on an error');
      options.onError?.(translated);
    })
    .finally(() => cancel(live));

  return {
    async stop() {
      stopped = true;
      // Ends a `for await` waiting for the next event; one busy in a handler stops after it.
      // Cancelling the call should end the stream; destroying it makes sure the loop wakes.
      await cancel(live);
      live?.destroy();
      await done;
    },
  };
}

/** Cancels the gRPC call. A call that never connected rejects here too; its error was reported. */
const cancel = async (live: AllStreamSubscription | undefined): Promise<void> => {
  await live?.unsubscribe().catch(() => undefined);
};
