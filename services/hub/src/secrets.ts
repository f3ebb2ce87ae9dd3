import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubConfig } from './config.ts';
import { readSecretsFile, type StoredSecrets, writeSecretsFile } from './secrets-file.ts';

export interface HubSecrets {
  readonly channelToken: string;
  readonly agentToken: string;
  /** Keys derived from HUB_MASTER_KEY, one per use, so none can stand in for another. */
  readonly keys: {
    readonly transport: Buffer;
    readonly partition: Buffer;
    readonly rawPayloads: Buffer;
    readonly identityIndex: Buffer;
    readonly threadIndex: Buffer;
    /** Signs CSAT rating links. */
    readonly csatLinks: Buffer;
  };
  /** Where generated secrets were written, when they were. */
  readonly generatedFile: string | undefined;
}

const derive = (master: Buffer, use: string) =>
  Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `hub:${use}`, 32));

/**
 * Secrets come from configuration. Only the embedded default may do without: it generates them
 * once into `<HUB_DATA_DIR>/secrets.json` (mode 600) so `npm start` works on a fresh machine and
 * the tokens survive restarts. Distributed deployments must configure them (checked in config).
 * A secrets file that exists but is damaged stops the start (INVALID_CONFIGURATION, exit 78).
 */
export async function loadSecrets(config: HubConfig): Promise<HubSecrets> {
  let generatedFile: string | undefined;
  let stored: Partial<StoredSecrets> = {};
  if (!config.channelToken || !config.agentToken || !config.masterKey) {
    const file = join(config.dataDir, 'secrets.json');
    stored = await readSecretsFile(file);
    if (!stored.channelToken || !stored.agentToken || !stored.masterKey) {
      stored = {
        ...stored,
        channelToken: stored.channelToken ?? randomBytes(24).toString('base64url'),
        agentToken: stored.agentToken ?? randomBytes(24).toString('base64url'),
        masterKey: stored.masterKey ?? randomBytes(32).toString('base64'),
      };
      await mkdir(config.dataDir, { recursive: true });
      await writeSecretsFile(file, stored as StoredSecrets);
    }
    generatedFile = file;
  }
  const master = config.masterKey ?? Buffer.from(stored.masterKey ?? '', 'base64');
  return {
    channelToken: config.channelToken ?? stored.channelToken ?? '',
    agentToken: config.agentToken ?? stored.agentToken ?? '',
    keys: {
      transport: derive(master, 'transport'),
      partition: derive(master, 'partition-key'),
      rawPayloads: derive(master, 'raw-payloads'),
      identityIndex: derive(master, 'identity-index'),
      threadIndex: derive(master, 'thread-index'),
      csatLinks: derive(master, 'csat-links'),
    },
    generatedFile,
  };
}

/**
 * The first admin's password: HUB_ADMIN_PASSWORD, or one generated once into
 * `<HUB_DATA_DIR>/secrets.json` beside the tokens (`file` says so; the password is never logged).
 */
export async function firstAdminPassword(config: HubConfig): Promise<{ password: string; file?: string }> {
  if (config.adminPassword) return { password: config.adminPassword };
  const file = join(config.dataDir, 'secrets.json');
  const stored = await readSecretsFile(file);
  if (stored.adminPassword) return { password: stored.adminPassword, file };
  const password = randomBytes(18).toString('base64url');
  await mkdir(config.dataDir, { recursive: true });
  await writeSecretsFile(file, { ...stored, adminPassword: password });
  return { password, file };
}
