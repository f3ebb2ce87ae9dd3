import { type IdentityRepairResult, repairCustomerIdentities } from '@hub/agent-api';
import type { CountryCode } from '@hub/customer-identity';
import { createIdentityIndex } from '@hub/identity-index';
import type { Logger } from '@hub/logger';
import type { HubConfig } from './config.ts';
import { openHubForCommand } from './hub-command.ts';
import { loadSecrets } from './secrets.ts';

/**
 * `pnpm customers:repair-identities` from outside a running hub: opens what the hub would open
 * (its database, its store through the customers' keys, its identity index), repairs with the
 * hub's merge policy and phone region, then closes. On PostgreSQL the hub may keep running; on the
 * embedded PGlite stop it first (one process per data folder).
 */
export async function repairIdentitiesOffline(config: HubConfig, logger: Logger): Promise<IdentityRepairResult> {
  const secrets = await loadSecrets(config);
  const { store, database, close } = await openHubForCommand(config, logger);
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
    await close();
  }
}
