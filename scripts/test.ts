// The whole test suite in one command: installs the Debian packages the tests need when missing
// and allowed (HUB_TEST_INSTALL=0 forbids it), provisions the real servers once (configured URL,
// else a Docker engine, else local processes) and Chromium, runs every uvu test file in its own
// process, two at a time, and ends with the line `N passed, N failed, N skipped`.
//
//   tsx scripts/test.ts [path ...]   only files under these paths (a package folder, a file)
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromiumPath,
  imapUrl,
  isDockerAvailable,
  isPostgresReachable,
  machineServerUrl,
  provideEventStoreDb,
  provideImapServer,
  provideKafka,
  providePostgres,
  provisionMachine,
  testMachineRequirements,
} from '@hub/testing';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const FILE_TIMEOUT_MS = 10 * 60_000;
const PARALLEL = 2;

interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  output: string;
  ms: number;
}

async function findTestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory())
        return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : findTestFiles(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    }),
  );
  return nested.flat().sort();
}

/**
 * uvu prints `Total: / Passed: / Skipped:`, where Total leaves out skipped tests. A file that
 * crashed before printing counts as one failure.
 */
function parseSummary(output: string, exitCode: number | null): Omit<FileResult, 'file' | 'output' | 'ms'> {
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(output)?.[1] ?? Number.NaN);
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped');
  if (Number.isNaN(total)) return { passed: 0, failed: 1, skipped: 0 };
  const failed = total - passed;
  return { passed, failed: failed === 0 && exitCode !== 0 ? 1 : failed, skipped };
}

function runFile(file: string, env: NodeJS.ProcessEnv): Promise<FileResult> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n[runner] ${relative(root, file)} did not finish in ${FILE_TIMEOUT_MS / 1000} s: killed\n`;
      child.kill('SIGKILL');
    }, FILE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ file, output, ms: Date.now() - started, ...parseSummary(output, code) });
    });
  });
}

interface Servers {
  env: NodeJS.ProcessEnv;
  /** Why the int/e2e files cannot run (PostgreSQL or Kafka missing); they are failed with it. */
  failure?: string;
  stop(): Promise<void>;
}

/**
 * Debian packages first (one apt-get for everything missing, when allowed), then the servers in
 * parallel. Dovecot and Chromium that stay missing fail only the tests that need them, with the
 * command to run; PostgreSQL or Kafka missing fails every int/e2e file.
 */
async function provideServers(needServers: boolean): Promise<Servers> {
  if (!needServers) return { env: {}, stop: async () => {} };
  const docker = await isDockerAvailable();
  const postgresAnswers = !process.env.DATABASE_URL && !docker && (await isPostgresReachable(machineServerUrl));
  const unavailable = await provisionMachine(testMachineRequirements({ env: process.env, docker, postgresAnswers }), {
    onInstall: (packages) => console.log(`[runner] installing Debian packages: ${packages.join(' ')}`),
  });
  for (const message of unavailable.values()) console.log(`[runner] ${message}`);

  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => void (await Promise.allSettled(started.map((server) => server.stop())));
  const keep = <T extends { stop(): Promise<void> }>(server: T) => {
    started.push(server);
    return server;
  };
  const [postgres, kafka, esdb, imap] = await Promise.allSettled([
    providePostgres().then(keep),
    provideKafka().then(keep),
    provideEventStoreDb().then((server) => ('skipped' in server ? server : keep(server))),
    unavailable.has('dovecot') ? Promise.reject(new Error(unavailable.get('dovecot'))) : provideImapServer().then(keep),
  ]);
  const chromium = unavailable.get('chromium');
  const env: NodeJS.ProcessEnv = chromium
    ? { HUB_TEST_CHROMIUM_MISSING: chromium }
    : { HUB_TEST_CHROMIUM: chromiumPath };
  if (imap.status === 'fulfilled') {
    env.IMAP_URL = imapUrl(imap.value);
    console.log(`[runner] IMAP: ${imap.value.source} ${imap.value.host}:${imap.value.port}`);
  } else {
    env.HUB_TEST_IMAP_MISSING = `no IMAP server for the tests: ${(imap.reason as Error).message}`;
    console.log(`[runner] IMAP: MISSING, ${env.HUB_TEST_IMAP_MISSING}`);
  }
  console.log(`[runner] Chromium: ${chromium ? `MISSING, ${chromium}` : chromiumPath}`);
  if (esdb.status === 'fulfilled') {
    const server = esdb.value;
    if ('skipped' in server) env.HUB_TEST_ESDB_SKIPPED = server.skipped;
    else env.ESDB_URL = server.url;
    console.log(
      'skipped' in server
        ? `[runner] KurrentDB: SKIPPED, ${server.skipped}`
        : `[runner] KurrentDB: ${server.source} ${server.url}`,
    );
  } else {
    env.HUB_TEST_ESDB_SKIPPED = `KurrentDB did not start: ${(esdb.reason as Error).message}`;
  }
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    const reasons = [postgres, kafka].flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as Error).message] : [],
    );
    return { env, failure: `the test servers could not be provided:\n${reasons.join('\n')}`, stop };
  }
  console.log(`[runner] PostgreSQL: ${postgres.value.source} ${redact(postgres.value.url)}`);
  console.log(`[runner] Kafka: ${kafka.value.source} ${kafka.value.brokers.join(',')}`);
  env.DATABASE_URL = postgres.value.url;
  env.KAFKA_BROKERS = kafka.value.brokers.join(',');
  return { env, stop };
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');

async function main() {
  const targets = process.argv.slice(2).map((p) => resolve(process.env.INIT_CWD ?? process.cwd(), p));
  const roots = targets.length > 0 ? targets : [join(root, 'packages'), join(root, 'services')];
  const files = (
    await Promise.all(roots.map((target) => (target.endsWith('.ts') ? [target] : findTestFiles(target))))
  ).flat();
  if (files.length === 0) {
    console.log('[runner] no test files found');
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  const needsServers = (file: string) => /\.(int|e2e)\.test\.ts$/.test(file);
  const servers = await provideServers(files.some(needsServers));
  const stopServers = async () => servers.stop();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopServers().finally(() => process.exit(130)));
  }
  const env = { ...process.env, ...servers.env };
  const queue = [...files];
  const results: FileResult[] = [];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const result =
          servers.failure && needsServers(file)
            ? { file, passed: 0, failed: 1, skipped: 0, output: servers.failure, ms: 0 }
            : await runFile(file, env);
        results.push(result);
        const status = result.failed > 0 ? 'FAIL' : 'ok  ';
        console.log(
          `${status} ${relative(root, file)}  ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped  (${(result.ms / 1000).toFixed(1)} s)`,
        );
        if (result.failed > 0 || result.skipped > 0 || process.env.HUB_TEST_VERBOSE) {
          console.log(result.output.replace(/^/gm, '    │ '));
        }
      }
    }),
  );
  await stopServers();
  const sum = (key: 'passed' | 'failed' | 'skipped') => results.reduce((n, r) => n + r[key], 0);
  const [passed, failed, skipped] = [sum('passed'), sum('failed'), sum('skipped')];
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

await main();
