import { type EventFilter, streamPrefixesOf } from '@hub/event-store';
import type { SqlExecutor } from '@hub/sql';

/**
 * How many events `readAll` with this filter would return from the start, right now: the total of
 * a projection rebuild's progress lines. One scan of the events table; not for a hot path.
 */
export async function countEvents(db: SqlExecutor, filter?: EventFilter): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM event_store.events e
      WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        AND ($1::text[] IS NULL OR e.stream_id ^@ ANY ($1::text[]))`,
    [streamPrefixesOf(filter) ?? null],
  );
  return Number(row?.n ?? 0);
}
