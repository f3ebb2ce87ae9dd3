// The hub's entry point: configuration, logger, the composed services, HTTP; shutdown in reverse
// order. On the embedded default (no DATABASE_URL, ESDB_URL or KAFKA_BROKERS) it needs no server.
import { isHubError } from '@hub/errors';
import { createLogger, type Logger } from '@hub/logger';
import { composeHub } from './compose-hub.ts';
import { type HubConfig, loadConfig } from './config.ts';

async function start(config: HubConfig, logger: Logger) {
  const hub = await composeHub(config, logger);
  await hub.app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      url: `http://${config.host}:${config.port}`,
      eventStore: config.eventStore,
      bus: config.kafkaBrokers ? 'kafka' : 'in-process',
    },
    'hub started',
  );
  return () => hub.stop();
}

function loadConfigOrExit(): HubConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!isHubError(error, 'INVALID_CONFIGURATION')) throw error;
    createLogger({ service: 'hub' }).fatal({ problems: error.context.problems }, error.message);
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
  // Configuration found wrong only at start (a damaged secrets file) ends like any other: 78.
  if (isHubError(error, 'INVALID_CONFIGURATION')) {
    logger.fatal({ problems: error.context.problems }, error.message);
    process.stderr.write(`hub: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  logger.fatal({ err: error }, 'hub failed to start');
  process.exit(1);
}
