import { isDockerAvailable } from './docker.probe.ts';
import { keepRunning, type ProvidedServer } from './server-source.ts';

export interface ProvidedEventStoreDb extends ProvidedServer {
  /** An `esdb://…?tls=false` connection string. */
  readonly url: string;
}

/** Why the EventStoreDB suites did not run; tests print it as their skip reason. */
export interface SkippedServer {
  readonly skipped: string;
}

export const kurrentDbImage = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

async function startKurrentDbContainer(): Promise<ProvidedEventStoreDb> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(kurrentDbImage)
    .withCommand(['--insecure', '--mem-db', '--run-projections=All'])
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status < 300))
    .start();
  const url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  return { url, source: 'docker', stop: async () => void (await container.stop()) };
}

/**
 * EventStoreDB/KurrentDB for tests: ESDB_URL, else a container. Neither can be had without
 * Docker, and a fake would prove nothing, so then the answer is a skip with its reason.
 */
export async function provideEventStoreDb(): Promise<ProvidedEventStoreDb | SkippedServer> {
  const configured = process.env.ESDB_URL;
  if (configured) return { url: configured, source: 'configured', stop: keepRunning };
  // A runner that already found no server says so once, instead of every file probing again.
  const skippedByRunner = process.env.HUB_TEST_ESDB_SKIPPED;
  if (skippedByRunner) return { skipped: skippedByRunner };
  if (await isDockerAvailable()) return startKurrentDbContainer();
  return {
    skipped:
      'no EventStoreDB/KurrentDB: ESDB_URL is not set and no Docker engine answers ' +
      '(set ESDB_URL=esdb://127.0.0.1:2113?tls=false to run these tests)',
  };
}
