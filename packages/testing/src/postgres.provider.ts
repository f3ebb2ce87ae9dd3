import type { Logger } from '@hub/logger';
import { isDockerAvailable } from './docker.probe.ts';
import { keepRunning, type ProvidedServer } from './server-source.ts';
import { isPostgresReachable, startLocalPostgres } from './servers/postgres-local.ts';

export interface ProvidedPostgres extends ProvidedServer {
  /** An admin URL (superuser, `postgres` database): tests make their own databases from it. */
  readonly url: string;
}

/** The machine's own server, as Debian's `postgresql` package runs it. */
export const machineServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

async function startPostgresContainer(): Promise<ProvidedPostgres> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:17-alpine')
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withExposedPorts(5432)
    // The image's entrypoint starts the server twice (init, then for real): wait for the second.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const url = `postgres://postgres:postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
  return { url, source: 'docker', stop: async () => void (await container.stop()) };
}

/**
 * PostgreSQL for tests, first found wins: DATABASE_URL, a testcontainers container, the
 * machine's own server on 127.0.0.1:5432, a throw-away server from the Debian binaries.
 */
export async function providePostgres(options: { logger?: Logger } = {}): Promise<ProvidedPostgres> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, source: 'configured', stop: keepRunning };
  if (await isDockerAvailable()) return startPostgresContainer();
  if (await isPostgresReachable(machineServerUrl)) return { url: machineServerUrl, source: 'local', stop: keepRunning };
  const server = await startLocalPostgres(options);
  return { url: server.url, source: 'local', stop: server.stop };
}
