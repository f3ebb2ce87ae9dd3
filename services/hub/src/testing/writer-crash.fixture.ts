// A timeline writer that writer-crash.e2e.test.ts runs as a child process: the real recorder over
// the real stores, on the real Kafka log, in the writers' group. Once its first append is durable
// it kills itself with SIGKILL, inside the handler: after the append, before the offset commit.
import { createKafkaLog } from '@hub/bus';
import { createIdentityIndex } from '@hub/identity-index';
import { silentLogger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { runMigrations } from '@hub/sql';
import { createInteractionRecorder, interactionBatchHandler, interactionHandler } from '@hub/timeline-writer';
import { loadConfig } from '../config.ts';
import { openDatabase, openEventStore } from '../event-store.factory.ts';
import { hubMigrations } from '../hub.migrations.ts';
import { loadSecrets } from '../secrets.ts';

const config = loadConfig(process.env);
const logger = silentLogger();
const secrets = await loadSecrets(config);
const database = await openDatabase(config, logger);
await runMigrations(database, hubMigrations);
const store = createSealingEventStore(await openEventStore(config, database, logger), createSqlKeyStore(database));
const index = createIdentityIndex(database, secrets.keys.identityIndex);
const deps = {
  recorder: createInteractionRecorder({ store, index, policy: config.mergePolicy, logger }),
  transportKey: secrets.keys.transport,
};
const log = createKafkaLog({
  brokers: [...(config.kafkaBrokers ?? [])],
  topic: config.kafkaTopic,
  deadLetterTopic: `${config.kafkaTopic}.dead-letters`,
  partitions: config.kafkaPartitions,
  // As the hub's writer runs: how soon its successor takes over is what the test measures.
  replicationFactor: config.kafkaReplicationFactor,
  minInSyncReplicas: config.kafkaMinInSyncReplicas,
  sessionTimeoutMs: config.kafkaSessionTimeoutMs,
  heartbeatIntervalMs: config.kafkaHeartbeatIntervalMs,
  commitIntervalMs: 600_000,
  maxWaitMs: 100,
});

const die = (): never => {
  process.stdout.write('appended\n');
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};
const handle = interactionHandler(deps);
const handleBatch = interactionBatchHandler(deps);
await log.consume({
  group: config.kafkaWriterGroup,
  handle: async (message) => {
    await handle(message);
    die();
  },
  handleBatch: async (messages) => {
    await handleBatch(messages);
    die();
  },
});
process.stdout.write('joined\n');
