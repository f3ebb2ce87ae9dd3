// The hub's composition root: configuration, logger, event store, bus check, HTTP; shutdown in
// reverse order. On the embedded default (no DATABASE_URL, ESDB_URL or KAFKA_BROKERS) it needs
// no server at all.
import { isHubError } from '@hub/errors';
import { createLogger, type Logger } from '@hub/logger';
import { buildApp } from './app.ts';
import { type HubConfig, loadConfig } from './config.ts';
import { openEventStore } from './event-store.factory.ts';
import type { DependencyCheck } from './health.ts';
import { kafkaHealth } from './kafka.health.ts';

async function start(config: HubConfig, logger: Logger) {
  const opened = await openEventStore(config, logger);
  const checks: DependencyCheck[] = [
    {
      name: 'eventStore',
      async check() {
        const health = await opened.store.health();
        return { ok: health.ok, kind: health.backend, ...(health.detail ? { detail: health.detail } : {}) };
      },
    },
    config.kafkaBrokers
      ? kafkaHealth(config.kafkaBrokers)
      : { name: 'bus', check: async () => ({ ok: true, kind: 'in-process' }) },
  ];
  const app = await buildApp({
    logger,
    dependencies: checks,
    healthRateLimitPerMinute: config.healthRateLimitPerMinute,
  });
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      url: `http://${config.host}:${config.port}`,
      eventStore: config.eventStore,
      bus: config.kafkaBrokers ? 'kafka' : 'in-process',
    },
    'hub started',
  );
  return async () => {
    await app.close();
    await opened.close();
  };
}

function loadConfigOrExit(): HubConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!isHubError(error, 'INVALID_CONFIGURATION')) throw error;
    createLogger({ service: 'hub' }).fatal({ problems: error.details.problems }, error.message);
    process.stderr.write(`hub: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

const config = loadConfigOrExit();
const logger = createLogger({ service: 'hub', level: config.logLevel });

try {
  const stop = await start(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    stop()
      .then(() => {
        clearTimeout(force);
        logger.info('hub stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  logger.fatal({ err: error }, 'hub failed to start');
  process.exit(1);
}
