import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Logger, silentLogger } from '@hub/logger';
import pg from 'pg';
import { installCommand } from '../provision/debian-packages.ts';
import { waitFor } from '../wait-for.ts';
import { findFreePort } from './free-port.ts';
import { osUserIds, readLogTail, spawnOwned } from './owned-process.ts';
import { createWorkDir } from './work-dir.ts';

export interface LocalPostgres {
  readonly url: string;
  /** The server's output; its folder is the server's temporary home, removed by `stop()`. */
  readonly logFile: string;
  /**
   * An outage: fast shutdown (SIGINT: sessions are ended with 57P01, as a restart by an operator
   * or a failover does), `downMs` with nothing listening, then the same server on the same port
   * and data again. Resolves once it accepts connections.
   */
  interrupt(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Connects and runs `SELECT 1`; false (never an error) when nothing answers in time. */
export async function isPostgresReachable(url: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The newest Debian/Ubuntu server binaries (`/usr/lib/postgresql/<major>/bin`). */
export function findPostgresBinaries(root = '/usr/lib/postgresql'): string | undefined {
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((major) => existsSync(join(root, major, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : undefined;
}

function run(command: string, args: readonly string[], runAs: { uid: number; gid: number } | undefined) {
  return new Promise<void>((resolve, reject) => {
    execFile(command, [...args], { timeout: 120_000, ...runAs }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${error.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

/**
 * A throw-away PostgreSQL server from the machine's binaries: initdb into a temp folder, then the
 * `postgres` server itself as our child (not `pg_ctl start`, which would detach it and let it
 * outlive a crashed test run). fsync stays on so measurements match a real server.
 */
export async function startLocalPostgres(options: { logger?: Logger } = {}): Promise<LocalPostgres> {
  const logger = options.logger ?? silentLogger();
  const bin = findPostgresBinaries();
  if (!bin) {
    const command = installCommand(['postgresql'], process.getuid?.());
    throw new Error(`no PostgreSQL server binaries under /usr/lib/postgresql: run \`${command}\`, or set DATABASE_URL`);
  }
  const workDir = await createWorkDir('hub-pg-');
  const dataDir = join(workDir, 'data');
  const logFile = join(workDir, 'postgres.log');
  // PostgreSQL refuses to run as root: hand the folder to the `postgres` OS user.
  const asUser = process.getuid?.() === 0 ? osUserIds('postgres') : undefined;
  if (asUser) await chown(workDir, asUser.uid, asUser.gid);
  const initdb = ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale'];
  await run(join(bin, 'initdb'), initdb, asUser).catch(async (error: unknown) => {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  });

  const port = await findFreePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const launch = async () => {
    const server = spawnOwned({
      command: join(bin, 'postgres'),
      args: ['-D', dataDir, '-p', String(port), '-k', workDir, '-c', 'listen_addresses=127.0.0.1'],
      logFile,
      stopSignal: 'SIGINT',
      orphanSignal: 'SIGQUIT',
      removeOnExit: workDir,
      ...(asUser ? { runAs: 'postgres' } : {}),
    });
    const serverGone = new AbortController();
    void server.exited.then((how) => serverGone.abort(`the postgres process ${how}`));
    try {
      await waitFor(async () => ((await isPostgresReachable(url, 1_000)) ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 100,
        what: `PostgreSQL from ${bin} to accept connections on port ${port}`,
        signal: serverGone.signal,
      });
    } catch (error) {
      await server.stop();
      const tail = readLogTail(logFile);
      throw new Error(`${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail}`, { cause: error });
    }
    return server;
  };
  let server: Awaited<ReturnType<typeof launch>> | undefined;
  const stop = async () => {
    await server?.stop();
    server = undefined;
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    server = await launch();
  } catch (error) {
    await stop();
    throw error;
  }
  const interrupt = async (downMs: number) => {
    await server?.stop();
    server = undefined;
    logger.info({ port, downMs }, 'local PostgreSQL server stopped for an outage');
    await new Promise((resolve) => setTimeout(resolve, downMs));
    server = await launch();
    logger.info({ port }, 'local PostgreSQL server back after the outage');
  };
  logger.info({ port, bin }, 'local PostgreSQL server started');
  return { url, logFile, interrupt, stop };
}
