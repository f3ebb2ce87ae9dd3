import { type IdentityRepairResult, repairCustomerIdentities } from '@hub/agent-api';
import type { CountryCode } from '@hub/customer-identity';
import { createIdentityIndex } from '@hub/identity-index';
import type { Logger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { runMigrations } from '@hub/sql';
import type { HubConfig } from './config.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import { hubMigrations } from './hub.migrations.ts';
import { loadSecrets } from './secrets.ts';

/**
 * `pnpm customers:repair-identities` from outside a running hub: opens what the hub would open
 * (its database, its store through the customers' keys, its identity index), repairs with the
 * hub's merge policy and phone region, then closes. On PostgreSQL the hub may keep running; on the
 * embedded PGlite stop it first (one process per data folder).
 */
export async function repairIdentitiesOffline(config: HubConfig, logger: Logger): Promise<IdentityRepairResult> {
  const secrets = await loadSecrets(config);
  const database = await openDatabase(config, logger);
  try {
    await runMigrations(database, hubMigrations, { logger: logger.child({ component: 'migrations' }) });
    const store = createSealingEventStore(await openEventStore(config, database, logger), createSqlKeyStore(database));
    try {
      return await repairCustomerIdentities({
        store,
        index: createIdentityIndex(database, secrets.keys.identityIndex),
        policy: config.mergePolicy,
        defaultPhoneRegion: config.phoneRegion as CountryCode | undefined,
        logger,
        now: () => new Date(),
      });
    } finally {
      await store.close();
    }
  } finally {
    await database.close();
  }
}
