import type { EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import type { GlobalPosition } from '@hub/events';
import type { Logger } from '@hub/logger';
import { createReplays, type ReplaySettings, type Replays } from '@hub/projections';
import type { SqlDatabase, SqlExecutor } from '@hub/sql';
import { factsOnlyProjections, hubProjections } from './rebuild-projection.ts';

/** The last event readers can see (the same horizon as `readAll`): where sharded workers of a new projection stop. */
export async function headPosition(db: SqlExecutor): Promise<GlobalPosition | undefined> {
  const [row] = await db.query<{ commit: string; prepare: string }>(
    `SELECT e.transaction_id::text AS commit, e.global_position::text AS prepare FROM event_store.events e
      WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
  );
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : undefined;
}

/**
 * Replays of the hub's projections over its database and the store that opens personal data
 * (as the live projections read it). Where the events are in the same database, progress has a
 * total and a sharded replay of a projection that never ran stops its workers at the head.
 */
export function hubReplays(
  deps: {
    readonly database: SqlDatabase;
    readonly store: EventStore;
    /** The store as stored, for the facts-only projections. */
    readonly rawStore: EventStore;
    readonly eventsInDatabase: boolean;
    readonly logger: Logger;
  },
  settings: ReplaySettings = {},
): Replays {
  const { database } = deps;
  return createReplays(
    {
      db: database,
      store: deps.store,
      storeFor: (projection) => (factsOnlyProjections.has(projection.name) ? deps.rawStore : deps.store),
      logger: deps.logger,
      projections: hubProjections,
      ...(deps.eventsInDatabase
        ? { countEvents: (filter) => countEvents(database, filter), headPosition: () => headPosition(database) }
        : {}),
    },
    // On PGlite the API waits for the one connection while a page is applied: smaller pages.
    { ...(database.dialect === 'pglite' ? { batchSize: PGLITE_REPLAY_PAGE } : {}), ...settings },
  );
}

/** Events a replay applies in one transaction on PGlite (5,000, the replay's default, elsewhere). */
const PGLITE_REPLAY_PAGE = 1000;
