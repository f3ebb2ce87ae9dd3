import { join } from 'node:path';
import type { EventStore } from '@hub/event-store';
import { createEsdbEventStore } from '@hub/event-store-esdb';
import { createPostgresEventStore, migrateEventStore } from '@hub/event-store-postgres';
import type { Logger } from '@hub/logger';
import { connectPostgres, openPGlite, type SqlDatabase } from '@hub/sql';
import type { HubConfig } from './config.ts';

export interface OpenedEventStore {
  readonly store: EventStore;
  /** The SQL database behind the store, when there is one; read models will share it. */
  readonly database: SqlDatabase | undefined;
  close(): Promise<void>;
}

/** Opens the configured backend and brings its schema up to date. */
export async function openEventStore(config: HubConfig, logger: Logger): Promise<OpenedEventStore> {
  const log = logger.child({ component: 'event-store', backend: config.eventStore });
  switch (config.eventStore) {
    case 'pglite': {
      const dataDir = join(config.dataDir, 'pglite');
      log.info({ dataDir }, 'opening embedded PostgreSQL (PGlite)');
      return withSql(await openPGlite({ dataDir }));
    }
    case 'postgres':
      return withSql(
        connectPostgres({
          url: required(config.databaseUrl, 'DATABASE_URL'),
          onIdleError: (error) => log.warn({ err: error }, 'idle PostgreSQL connection failed'),
        }),
      );
    case 'esdb': {
      const store = createEsdbEventStore({ connectionString: required(config.esdbUrl, 'ESDB_URL'), logger: log });
      return { store, database: undefined, close: () => store.close() };
    }
    default:
      return config.eventStore satisfies never;
  }
}

async function withSql(database: SqlDatabase): Promise<OpenedEventStore> {
  await migrateEventStore(database);
  const store = createPostgresEventStore(database);
  return {
    store,
    database,
    close: async () => {
      await store.close();
      await database.close();
    },
  };
}

const required = (value: string | undefined, name: string): string => {
  if (!value) throw new Error(`${name} is required`);
  return value;
};
