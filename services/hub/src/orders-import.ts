import { createReadStream } from 'node:fs';
import { createOrderDesk, type ImportReport, importOrdersCsv } from '@hub/commerce';
import type { CountryCode } from '@hub/customer-identity';
import { createIdentityIndex } from '@hub/identity-index';
import type { Logger } from '@hub/logger';
import { createInteractionRecorder } from '@hub/timeline-writer';
import type { HubConfig } from './config.ts';
import { openHubForCommand } from './hub-command.ts';
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
  const { store, database, close } = await openHubForCommand(config, logger);
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
    await close();
  }
}
