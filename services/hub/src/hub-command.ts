import type { EventStore } from '@hub/event-store';
import type { Logger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { runMigrations, type SqlDatabase } from '@hub/sql';
import type { HubConfig } from './config.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import { hubMigrations } from './hub.migrations.ts';

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
