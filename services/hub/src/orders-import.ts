import { createReadStream } from 'node:fs';
import { createOrderDesk, type ImportReport, importOrdersCsv } from '@hub/commerce';
import type { CountryCode } from '@hub/customer-identity';
import { createIdentityIndex } from '@hub/identity-index';
import type { Logger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { runMigrations } from '@hub/sql';
import { createInteractionRecorder } from '@hub/timeline-writer';
import type { HubConfig } from './config.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import { hubMigrations } from './hub.migrations.ts';
import { loadSecrets } from './secrets.ts';

/**
 * `pnpm orders:import <file.csv>` from outside a running hub: opens what the hub would open (its
 * database, its store through the customers' keys, its identity index and the writer's
 * resolution), streams the file through the same import as `POST /v1/orders/import`, then closes.
 * On PostgreSQL the hub may keep running; on the embedded PGlite stop it first.
 */
export async function importOrdersOffline(
  config: HubConfig,
  file: string,
  logger: Logger,
  onProgress: (report: Readonly<ImportReport>) => void,
): Promise<ImportReport> {
  const secrets = await loadSecrets(config);
  const database = await openDatabase(config, logger);
  try {
    await runMigrations(database, hubMigrations, { logger: logger.child({ component: 'migrations' }) });
    const store = createSealingEventStore(await openEventStore(config, database, logger), createSqlKeyStore(database));
    try {
      const index = createIdentityIndex(database, secrets.keys.identityIndex);
      const recorder = createInteractionRecorder({ store, index, policy: config.mergePolicy, logger });
      const desk = createOrderDesk({
        store,
        resolveCustomer: (contact) => recorder.resolveContact(contact),
        resolveCustomers: (contacts) => recorder.resolveContacts(contacts),
      });
      return await importOrdersCsv(desk, createReadStream(file, { highWaterMark: 256 * 1024 }), {
        actor: { kind: 'system', process: 'orders-import' },
        defaultPhoneRegion: config.phoneRegion as CountryCode | undefined,
        onProgress,
      });
    } finally {
      await store.close();
    }
  } finally {
    await database.close();
  }
}
