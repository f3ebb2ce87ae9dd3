import type { EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import type { GlobalPosition } from '@hub/events';
import type { Logger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { createReplays, type ReplaySettings, type Replays } from '@hub/projections';
import { runMigrations, type SqlDatabase, type SqlExecutor } from '@hub/sql';
import type { HubConfig } from './config.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import { hubMigrations } from './hub.migrations.ts';
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

/** What a developer command needs of the hub: its database (migrated), its stores, closed together. */
export interface OpenedHub {
  readonly database: SqlDatabase;
  /** As stored: personal data sealed. */
  readonly rawStore: EventStore;
  /** Opens sealed personal data (a destroyed key reads as redacted). */
  readonly store: EventStore;
  readonly eventsInDatabase: boolean;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function openHubForCommand(config: HubConfig, logger: Logger): Promise<OpenedHub> {
  const database = await openDatabase(config, logger);
  try {
    await runMigrations(database, hubMigrations, { logger: logger.child({ component: 'migrations' }) });
    const rawStore = await openEventStore(config, database, logger);
    const store = createSealingEventStore(rawStore, createSqlKeyStore(database));
    return {
      database,
      rawStore,
      store,
      eventsInDatabase: config.eventStore !== 'esdb',
      logger,
      async close() {
        await store.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
