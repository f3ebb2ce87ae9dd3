// The whole test suite in one command: provisions the real servers once (configured URL, else a
// Docker engine, else local processes), runs every uvu test file in its own process, two at a
// time, and ends with the line `N passed, N failed, N skipped`.
//
//   tsx scripts/test.ts [path ...]   only files under these paths (a package folder, a file)
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provideEventStoreDb, provideKafka, providePostgres } from '@hub/testing';

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

async function provideServers(needServers: boolean) {
  if (!needServers) return { env: {}, stop: async () => {} };
  const [postgres, kafka, esdb] = await Promise.all([providePostgres(), provideKafka(), provideEventStoreDb()]);
  console.log(`[runner] PostgreSQL: ${postgres.source} ${redact(postgres.url)}`);
  console.log(`[runner] Kafka: ${kafka.source} ${kafka.brokers.join(',')}`);
  console.log(
    'skipped' in esdb
      ? `[runner] KurrentDB: SKIPPED, ${esdb.skipped}`
      : `[runner] KurrentDB: ${esdb.source} ${esdb.url}`,
  );
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: postgres.url,
    KAFKA_BROKERS: kafka.brokers.join(','),
    ...('skipped' in esdb ? { HUB_TEST_ESDB_SKIPPED: esdb.skipped } : { ESDB_URL: esdb.url }),
  };
  return {
    env,
    stop: async () => {
      await Promise.allSettled([postgres.stop(), kafka.stop(), 'skipped' in esdb ? undefined : esdb.stop()]);
    },
  };
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
  const servers = await provideServers(files.some((f) => /\.(int|e2e)\.test\.ts$/.test(f)));
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
        const result = await runFile(file, env);
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
