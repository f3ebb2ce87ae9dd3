import { registerCustomerRoutes } from '@hub/agent-api';
import { createInProcessLog, createKafkaLog, type InteractionLog, migrateDeadLetters } from '@hub/bus';
import type { CountryCode } from '@hub/customer-identity';
import { createIdentityIndex } from '@hub/identity-index';
import { createLogIntake, defaultIngestSettings, type IngestDependencies, loadWebForms } from '@hub/ingest-gateway';
import type { Logger } from '@hub/logger';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { createRawPayloadStore, createSqlAttachmentStore, type RawPayloadStore } from '@hub/raw-payloads';
import type { SqlDatabase } from '@hub/sql';
import { runProjection, timelineProjection, timelineSchema } from '@hub/timeline';
import { createInteractionRecorder, interactionBatchHandler, interactionHandler } from '@hub/timeline-writer';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { HubConfig } from './config.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import type { DependencyCheck } from './health.ts';
import { kafkaHealth } from './kafka.health.ts';
import { loadSecrets } from './secrets.ts';
import { startGateway } from './start-gateway.ts';
import { startWriter } from './start-writer.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface ComposedHub {
  readonly app: FastifyInstance;
  readonly database: SqlDatabase;
  readonly log: InteractionLog;
  readonly rawPayloads: RawPayloadStore;
  /** Waits until the read models show everything appended so far (tests, benchmarks). */
  readonly projectionCaughtUp: () => Promise<void>;
  /** Resolves once the timeline writer has joined the interaction log. */
  readonly writerJoined: () => Promise<void>;
  stop(): Promise<void>;
}

/**
 * The services of the hub in one process: the ingest gateway, the timeline writer, the timeline
 * projection and the agent API (all of them, or the roles HUB_ROLES names), over one SQL database
 * and one interaction log (Kafka when configured, in-process otherwise). Scale out by running more
 * processes with the roles that need it. The services do not know each other; only this root does.
 */
export async function composeHub(config: HubConfig, logger: Logger): Promise<ComposedHub> {
  const secrets = await loadSecrets(config);
  if (secrets.generatedFile)
    logger.warn({ file: secrets.generatedFile }, 'tokens and master key generated: keep this file secret');
  const database = await openDatabase(config, logger);
  const keys = await createSqlKeyStore(database);
  const rawStore = await openEventStore(config, database, logger);
  const store = createSealingEventStore(rawStore, keys);
  const index = await createIdentityIndex(database, secrets.keys.identityIndex);
  const rawPayloads = await createRawPayloadStore(database, secrets.keys.rawPayloads);
  const attachments = await createSqlAttachmentStore(database, secrets.keys.rawPayloads);
  await migrateDeadLetters(database);
  await database.exec(timelineSchema);

  const log: InteractionLog = config.kafkaBrokers
    ? createKafkaLog({
        brokers: [...config.kafkaBrokers],
        topic: config.kafkaTopic,
        deadLetterTopic: `${config.kafkaTopic}.dead-letters`,
        partitions: config.kafkaPartitions,
        partitionsInParallel: config.kafkaPartitions,
        retentionMs: config.kafkaRetentionHours * HOUR_MS,
        deadLetterRetentionMs: config.kafkaDeadLetterRetentionHours * HOUR_MS,
        replicationFactor: config.kafkaReplicationFactor,
        minInSyncReplicas: config.kafkaMinInSyncReplicas,
        sessionTimeoutMs: config.kafkaSessionTimeoutMs,
        heartbeatIntervalMs: config.kafkaHeartbeatIntervalMs,
        logger,
      })
    : createInProcessLog({ db: database, logger });
  const roles = new Set(config.roles);
  const recorder = createInteractionRecorder({ store, index, policy: config.mergePolicy, logger });
  const writer = roles.has('writer')
    ? startWriter(
        log,
        {
          handle: interactionHandler({ recorder, transportKey: secrets.keys.transport }),
          handleBatch: interactionBatchHandler({ recorder, transportKey: secrets.keys.transport }),
        },
        logger,
      )
    : undefined;
  // Serve once the writer is in (topics made, group joined), or after 15 s without it: degraded.
  if (writer) await Promise.race([writer.joined, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  const projection = roles.has('projector')
    ? await runProjection({ db: database, store, logger }, timelineProjection)
    : undefined;

  const checks: DependencyCheck[] = [
    {
      name: 'eventStore',
      async check() {
        const health = await rawStore.health();
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
  const settings = {
    ...defaultIngestSettings,
    publicUrl: config.publicUrl,
    channelToken: secrets.channelToken,
    twilioAuthToken: config.twilioAuthToken,
    metaAppSecret: config.metaAppSecret,
    metaVerifyToken: config.metaVerifyToken,
    telegramSecretToken: config.telegramSecretToken,
    widgetIdentitySecret: config.widgetIdentitySecret,
    defaultPhoneRegion: config.phoneRegion as CountryCode | undefined,
    webForms: config.webFormsFile ? await loadWebForms(config.webFormsFile) : [],
    widget: { allowedOrigins: config.widgetOrigins },
  };
  const intake = createLogIntake({
    log,
    rawPayloads,
    transportKey: secrets.keys.transport,
    partitionKey: secrets.keys.partition,
  });
  const now = () => new Date();
  const ingest: IngestDependencies = { intake, attachments, settings, logger, now };
  const gateway = roles.has('gateway') ? await startGateway(app, { config, ingest, rawPayloads, database }) : undefined;
  if (roles.has('api')) {
    await app.register(async (scope) =>
      registerCustomerRoutes(scope, {
        store,
        keys,
        index,
        readModels: database,
        rawPayloads,
        agentToken: secrets.agentToken,
        defaultPhoneRegion: settings.defaultPhoneRegion,
        now,
      }),
    );
  }
  logger.info({ roles: [...roles] }, 'hub roles');

  return {
    app,
    database,
    log,
    rawPayloads,
    projectionCaughtUp: () => projection?.caughtUp() ?? Promise.resolve(),
    writerJoined: () => writer?.joined ?? Promise.resolve(),
    async stop() {
      await gateway?.stop();
      await app.close();
      await writer?.stop();
      await projection?.stop();
      await log.close();
      await store.close();
      await database.close();
    },
  };
}
