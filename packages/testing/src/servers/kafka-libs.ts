import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@hub/logger';
import { installCommand } from '../provision/debian-packages.ts';
import { isProcessAlive } from './work-dir.ts';

/** infra/kafka of this repository: the pom that pins the broker and its logging config. */
export const kafkaInfraDir = fileURLToPath(new URL('../../../../infra/kafka/', import.meta.url));
const pomPath = join(kafkaInfraDir, 'pom.xml');
const markerName = '.pom-sha256';

export async function readKafkaVersion(): Promise<string> {
  const pom = await readFile(pomPath, 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error(`no <kafka.version> property in ${pomPath}`);
  return version;
}

function runMaven(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('mvn', [...args], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const reason = missing
        ? `Maven (mvn) is not on the PATH (run \`${installCommand(['maven'], process.getuid?.())}\`)`
        : `${stdout}${stderr}`.trim().slice(-4_000);
      reject(new Error(`could not fetch the Kafka broker jars with Maven: ${reason}`));
    });
  });
}

/** Staging folders of copies whose process died half way (ours are named `libs.partial-<pid>-*`). */
async function removeAbandonedCopies(versionDir: string): Promise<void> {
  for (const entry of await readdir(versionDir)) {
    const pid = Number(/^libs\.(?:partial|stale)-(\d+)-/.exec(entry)?.[1]);
    if (pid && !isProcessAlive(pid)) await rm(join(versionDir, entry), { recursive: true, force: true });
  }
}

/**
 * The broker's jars, copied from Maven Central once per pom and reused by every later run.
 * The copy goes to a staging folder that is renamed into place only when complete, so an
 * interrupted copy is never taken for a good one; the pom's hash inside tells when it is stale.
 */
export async function ensureKafkaLibs(logger: Logger): Promise<{ version: string; libsDir: string }> {
  const version = await readKafkaVersion();
  const pomHash = createHash('sha256')
    .update(await readFile(pomPath))
    .digest('hex');
  const cacheRoot = process.env.HUB_CACHE_DIR ?? join(homedir(), '.cache', 'interaction-hub');
  const versionDir = join(cacheRoot, `kafka-${version}`);
  const libsDir = join(versionDir, 'libs');
  const cachedHash = await readFile(join(libsDir, markerName), 'utf8').catch(() => undefined);
  if (cachedHash === pomHash) return { version, libsDir };

  await mkdir(versionDir, { recursive: true });
  await removeAbandonedCopies(versionDir);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(versionDir, `libs.partial-${tag}`);
  logger.info({ version, libsDir }, 'copying the Kafka broker jars from Maven (once per version)');
  try {
    await runMaven(['-B', '-q', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`]);
    await writeFile(join(staging, markerName), pomHash);
    // A copy another process finished meanwhile may already be in use: keep it, drop ours.
    const finished = await readFile(join(libsDir, markerName), 'utf8').catch(() => undefined);
    if (finished !== pomHash) {
      if (existsSync(libsDir)) await rename(libsDir, join(versionDir, `libs.stale-${tag}`));
      await rename(staging, libsDir);
    }
  } catch (error) {
    // Another process may have finished the same copy first; theirs is as good as ours.
    const winner = await readFile(join(libsDir, markerName), 'utf8').catch(() => undefined);
    if (winner !== pomHash) throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(join(versionDir, `libs.stale-${tag}`), { recursive: true, force: true });
  }
  return { version, libsDir };
}
