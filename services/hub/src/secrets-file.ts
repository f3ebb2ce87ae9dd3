import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HubError } from '@hub/errors';

export interface StoredSecrets {
  channelToken: string;
  agentToken: string;
  masterKey: string;
  /** The first admin's generated password, when HUB_ADMIN_PASSWORD was not set. */
  adminPassword?: string;
}

const refuse = (file: string, why: string) =>
  new HubError(
    'INVALID_CONFIGURATION',
    `invalid configuration: ${file} ${why}; the hub will not replace it, since everything sealed with ` +
      'its master key would become unreadable: restore it from a backup, or move it away only if the data ' +
      'folder holds nothing worth keeping',
    { problems: [`${file}: ${why}`] },
  );

const isText = (value: unknown) => value === undefined || (typeof value === 'string' && value.length > 0);

/**
 * The generated secrets, or `{}` when the file does not exist yet. A file that exists but cannot
 * be read or parsed is refused: replacing it would silently orphan every sealed payload.
 */
export async function readSecretsFile(file: string): Promise<Partial<StoredSecrets>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw refuse(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    throw refuse(file, 'is not valid JSON');
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
    throw refuse(file, 'is not a JSON object');
  const { channelToken, agentToken, masterKey } = stored as Record<string, unknown>;
  if (!isText(channelToken) || !isText(agentToken) || !isText(masterKey)) {
    throw refuse(file, 'has a channelToken, agentToken or masterKey that is not a non-empty string');
  }
  if (typeof masterKey === 'string' && Buffer.from(masterKey, 'base64').length !== 32) {
    throw refuse(file, 'has a masterKey that is not 32 bytes of base64');
  }
  return stored as Partial<StoredSecrets>;
}

/**
 * Writes the whole file or nothing: a temporary file in the same folder (so the rename never
 * crosses file systems), created with mode 600, flushed to disk, then renamed over the old one.
 * A crash mid-way leaves the previous file, never a truncated one.
 */
export async function writeSecretsFile(file: string, secrets: Partial<StoredSecrets>): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(secrets, null, 2)}\n`);
    // The umask may have narrowed the mode at creation, never widened it; make it exactly 600.
    await handle.chmod(0o600);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  // The rename itself is durable only once the folder's entry is flushed.
  const folder = await open(dirname(file), 'r');
  await folder.sync().finally(() => folder.close());
}
