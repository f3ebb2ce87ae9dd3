import { join } from 'node:path';
import type { EventStore } from '@hub/event-store';
import { createEsdbEventStore } from '@hub/event-store-esdb';
import { createPostgresEventStore } from '@hub/event-store-postgres';
import type { Logger } from '@hub/logger';
import { connectPostgres, openPGlite, type SqlDatabase } from '@hub/sql';
import type { HubConfig } from './config.ts';

/**
 * The SQL database of the read models, identity index, keys and raw payloads: PostgreSQL when
 * DATABASE_URL is set, else PGlite in HUB_DATA_DIR (the embedded default).
 */
export async function openDatabase(config: HubConfig, logger: Logger): Promise<SqlDatabase> {
  const log = logger.child({ component: 'database' });
  if (config.databaseUrl) {
    return connectPostgres({
      url: config.databaseUrl,
      maxConnections: 20,
      onIdleError: (error) => log.warn({ err: error }, 'idle PostgreSQL connection failed'),
    });
  }
  const dataDir = join(config.dataDir, 'pglite');
  log.info({ dataDir }, 'opening embedded PostgreSQL (PGlite)');
  return openPGlite({ dataDir });
}

/** The configured event store; on PostgreSQL and PGlite it shares the database above (migrated first). */
export async function openEventStore(config: HubConfig, database: SqlDatabase, logger: Logger): Promise<EventStore> {
  if (config.eventStore === 'esdb') {
    const connectionString = config.esdbUrl;
    if (!connectionString) throw new Error('ESDB_URL is required');
    return createEsdbEventStore({ connectionString, logger: logger.child({ component: 'event-store' }) });
  }
  return createPostgresEventStore(database);
}
