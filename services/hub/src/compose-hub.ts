import { randomUUID } from 'node:crypto';
import { createAccess, ensureFirstAdmin, mentionHandleOf, type Principal, signedInUsers } from '@hub/access';
import {
  createAuthenticate,
  csatRequests,
  principalOf,
  registerAccessRoutes,
  registerAdminReplayRoutes,
  registerAnalyticsRoutes,
  registerAnalyticsValueRoutes,
  registerAuditRoutes,
  registerCannedResponseRoutes,
  registerCaseRoutes,
  registerConversationRoutes,
  registerCsatRoutes,
  registerCustomerProfileRoute,
  registerCustomerRoutes,
  registerMessageSearchRoutes,
  registerOrderRoutes,
  registerProductRoutes,
  registerReplyRoutes,
  registerRoutingRoutes,
  registerServiceLevelRoutes,
  registerSubjectAccessRoute,
  registerWebFormRoutes,
  requirePermission,
} from '@hub/agent-api';
import {
  configuredInboxes,
  conversationLinker,
  conversationRouter,
  startPresenceSweeper,
  startSlaBreachRecorder,
} from '@hub/agent-workspace';
import {
  conversationAnalyticsProjection,
  customerAnalyticsProjection,
  socialAnalyticsProjection,
} from '@hub/analytics';
import { auditTrailProjection } from '@hub/audit-trail';
import {
  countSqlDeadLetters,
  createInProcessLog,
  createKafkaLog,
  type InteractionLog,
  interactionLogNames,
  purgeSqlDeadLetters,
} from '@hub/bus';
import { casesProjection } from '@hub/cases';
import { commerceProjection, createOrderDesk, ordersOfCustomers } from '@hub/commerce';
import { registerConsole } from '@hub/console';
import type { CountryCode } from '@hub/customer-identity';
import type { EventFilter, EventStore } from '@hub/event-store';
import { countEvents } from '@hub/event-store-postgres';
import { createIdentityIndex } from '@hub/identity-index';
import { conversationsProjection } from '@hub/inbox';
import {
  createLogIntake,
  createWidgetConnections,
  defaultIngestSettings,
  type IngestDependencies,
  loadWebForms,
} from '@hub/ingest-gateway';
import { type LiveFeed, registerLiveRoute } from '@hub/live-updates';
import type { Logger } from '@hub/logger';
import { messageSearchProjection } from '@hub/message-search';
import { createSealingEventStore, createSqlKeyStore } from '@hub/personal-data';
import { type RebuildResult, runProjection } from '@hub/projections';
import { createRawPayloadStore, createSqlAttachmentStore, type RawPayloadStore } from '@hub/raw-payloads';
import { releaseHeldWidgetMessages, startReplyDelivery } from '@hub/replies';
import { routingProjection } from '@hub/routing-read-model';
import { limitConcurrency, runMigrations, type SqlDatabase } from '@hub/sql';
import { timelineProjection } from '@hub/timeline';
import { createInteractionRecorder, interactionBatchHandler, interactionHandler } from '@hub/timeline-writer';
import type { FastifyInstance } from 'fastify';
import { type AppDependencies, buildApp } from './app.ts';
import type { HubConfig } from './config.ts';
import { conversationLiveFeed } from './conversation-live-feed.ts';
import { startEventLoopMonitor } from './event-loop.monitor.ts';
import { openDatabase, openEventStore } from './event-store.factory.ts';
import type { DependencyCheck } from './health.ts';
import { createHubMetrics } from './hub.metrics.ts';
import { hubMigrations } from './hub.migrations.ts';
import { countingIntake } from './intake.metrics.ts';
import { kafkaHealth } from './kafka.health.ts';
import { kafkaDeadLetterCount, kafkaWriterLag } from './kafka.metrics.ts';
import { openKafkaAdminSession } from './kafka-admin.session.ts';
import { createLiveAudience } from './live-audience.ts';
import { rebuildHubProjection } from './rebuild-projection.ts';
import { hubReplays } from './replay-hub.ts';
import { replySenders } from './reply-senders.ts';
import { firstAdminPassword, loadSecrets } from './secrets.ts';
import { startGateway } from './start-gateway.ts';
import { startWriter } from './start-writer.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface ComposedHub {
  readonly app: FastifyInstance;
  readonly database: SqlDatabase;
  readonly log: InteractionLog;
  readonly rawPayloads: RawPayloadStore;
  /** The event store (sealing personal data), for what has no API yet (teams, in tests). */
  readonly store: EventStore;
  /** Waits until the read models show everything appended so far (tests, benchmarks). */
  readonly projectionCaughtUp: () => Promise<void>;
  /** Resolves once the timeline writer has joined the interaction log. */
  readonly writerJoined: () => Promise<void>;
  /** Rebuilds a projection's tables from the store and swaps them in, while the hub serves. */
  readonly rebuildProjection: (name: string) => Promise<RebuildResult>;
  stop(): Promise<void>;
}

/**
 * The services of the hub in one process: the ingest gateway, the timeline writer, the timeline
 * projection and the agent API (all of them, or the roles HUB_ROLES names), over one SQL database
 * and one interaction log (Kafka when configured, in-process otherwise). Scale out by running more
 * processes with the roles that need it. The services do not know each other; only this root does.
 */
export interface ComposeOptions {
  /** The clock of the API, the SLA checker and CSAT links (tests move it; default: the system clock). */
  readonly now?: () => Date;
  /** Wraps the one SQL database every service is given (tests see each statement it runs). */
  readonly observeDatabase?: (database: SqlDatabase) => SqlDatabase;
}

export async function composeHub(
  config: HubConfig,
  logger: Logger,
  options: ComposeOptions & Pick<AppDependencies, 'onRoute'> = {},
): Promise<ComposedHub> {
  const now = options.now ?? (() => new Date());
  const secrets = await loadSecrets(config);
  if (secrets.generatedFile)
    logger.warn({ file: secrets.generatedFile }, 'tokens and master key generated: keep this file secret');
  const opened = await openDatabase(config, logger);
  const database = options.observeDatabase ? options.observeDatabase(opened) : opened;
  // Before anything touches a table. Roles started together on an empty database take turns in
  // there (one advisory lock); the stores below run no DDL of their own.
  await runMigrations(database, hubMigrations, { logger: logger.child({ component: 'migrations' }) }).catch(
    async (error: unknown) => {
      await database.close();
      throw error;
    },
  );
  const keys = createSqlKeyStore(database);
  const rawStore = await openEventStore(config, database, logger);
  const store = createSealingEventStore(rawStore, keys);
  const index = createIdentityIndex(database, secrets.keys.identityIndex);
  const rawPayloads = createRawPayloadStore(database, secrets.keys.rawPayloads);
  const attachments = createSqlAttachmentStore(database, secrets.keys.rawPayloads);

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
        config.kafkaWriterGroup,
        {
          handle: interactionHandler({ recorder, transportKey: secrets.keys.transport }),
          handleBatch: interactionBatchHandler({ recorder, transportKey: secrets.keys.transport }),
        },
        logger,
      )
    : undefined;
  // Serve once the writer is in (topics made, group joined), or after 15 s without it: degraded.
  if (writer) await Promise.race([writer.joined, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  // Widget replies pushed live reach sockets of this process; the others wait for a reconnect.
  const widgetConnections = createWidgetConnections();
  // The reply outbox runs beside the writer: any number of writers claim replies without sending one twice.
  const replies = roles.has('writer')
    ? startReplyDelivery({
        store,
        db: database,
        senders: replySenders(config.replies, database, attachments, widgetConnections),
        // Unique per process: in containers every process may be pid 1.
        workerId: `${process.pid}-${randomUUID()}`,
        logger: logger.child({ component: 'reply-delivery' }),
      })
    : undefined;
  // The timeline, then the linker that files each interaction into a conversation (in the inbox
  // its configured inboxes choose), then the inbox built from the conversations, then the message
  // search index, then the routing read model (teams, inboxes, presence, who holds what) and the
  // router that assigns from it, then the audit trail, the cases and the CSAT requests:
  // `projectionCaughtUp` waits for them in that order (twice: see there).
  const projectionDeps = {
    db: database,
    store,
    logger,
    lagStore: rawStore,
    // A projection added in code backfills over the history with a total and an ETA in its progress lines.
    ...(config.eventStore !== 'esdb' ? { countEvents: (filter?: EventFilter) => countEvents(database, filter) } : {}),
  };
  const projectionSettings = { analyzeAfterEvents: config.projectionAnalyzeAfterEvents };
  // What agents see live waits for the linker and the inbox, and the conversation view takes each
  // message's text from the timeline: these look for new events every 20 ms. The others look every
  // 100 ms, so under load each of their pages (a transaction, a checkpoint) carries five times the
  // events; nobody waits on them within a poll.
  const backgroundSettings = { ...projectionSettings, pollIntervalMs: 100 };
  // Read models of facts only (ids, statuses, actors: no field `personal-fields.ts` seals) read the
  // store as stored: they read every stream, and opening what they never look at cost more than
  // everything else they do.
  const factsOnly = { ...projectionDeps, store: rawStore };
  // One store subscription per process (api role) for every agent's live updates.
  let feed: LiveFeed | undefined;
  const liveFeed = (): LiveFeed => {
    feed ??= conversationLiveFeed({ rawStore, readModels: database, logger });
    return feed;
  };
  const projections = roles.has('projector')
    ? [
        await runProjection(projectionDeps, timelineProjection, projectionSettings),
        await runProjection(
          projectionDeps,
          conversationLinker({ store, indexKey: secrets.keys.threadIndex, inboxes: configuredInboxes }),
          projectionSettings,
        ),
        await runProjection(projectionDeps, conversationsProjection, projectionSettings),
        // The message search index: the timeline's text, and the conversations the linker files it in.
        await runProjection(projectionDeps, messageSearchProjection, backgroundSettings),
        await runProjection(factsOnly, routingProjection, backgroundSettings),
        await runProjection(factsOnly, conversationRouter({ store, logger }), projectionSettings),
        await runProjection(factsOnly, auditTrailProjection, backgroundSettings),
        await runProjection(projectionDeps, casesProjection, backgroundSettings),
        // Products, orders, returns, refunds: facts only (the buyer is a customer id).
        await runProjection(factsOnly, commerceProjection, backgroundSettings),
        // On resolve: CsatRequested, then the rating link through the reply outbox.
        await runProjection(
          projectionDeps,
          csatRequests({
            store,
            now,
            linkKey: secrets.keys.csatLinks,
            publicUrl: config.publicUrl,
            linkTtlMs: config.csatLinkDays * 24 * HOUR_MS,
            logger: logger.child({ component: 'csat-requests' }),
          }),
          projectionSettings,
        ),
        // Analytics facts (packages/analytics): volumes, response times, SLA, CSAT, channels; the
        // social one opens the interactions' sealed details (network, post).
        await runProjection(factsOnly, conversationAnalyticsProjection, backgroundSettings),
        await runProjection(factsOnly, customerAnalyticsProjection, backgroundSettings),
        await runProjection(projectionDeps, socialAnalyticsProjection, backgroundSettings),
      ]
    : [];
  // Replays (rebuilds) of projections the admin API starts (`pnpm hub replay` outside the hub).
  const replays = hubReplays({ database, store, rawStore, eventsInDatabase: config.eventStore !== 'esdb', logger });
  // SLA due times in the inbox and breaches recorded as events, from what the store and the inbox
  // rows say (the next check time is in the row): a restart records what fell due meanwhile.
  const slaChecker = roles.has('projector')
    ? startSlaBreachRecorder({
        store,
        db: database,
        now,
        logger: logger.child({ component: 'sla-checker' }),
        pollIntervalMs: config.slaCheckSeconds * 1000,
      })
    : undefined;
  // Agents with no session left (signed out, expired, deactivated) are set away, so the router
  // stops giving them conversations; a sign-out in this process looks at once.
  const presenceSweeper = roles.has('projector')
    ? startPresenceSweeper({
        store,
        db: database,
        signedIn: (userIds) => signedInUsers(database, userIds, now()),
        now,
        logger,
      })
    : undefined;
  // One admin connection for health and metrics, kept for the life of the process.
  const kafkaAdmin = config.kafkaBrokers ? openKafkaAdminSession(config.kafkaBrokers) : undefined;
  const eventLoop = startEventLoopMonitor();
  const deadLetterTopic = `${config.kafkaTopic}.dead-letters`;
  const metrics = createHubMetrics(
    {
      projections,
      writerLag: kafkaAdmin
        ? kafkaWriterLag(kafkaAdmin, config.kafkaTopic, config.kafkaWriterGroup)
        : // In process, publishing waits for the writer: its backlog is what the intake has in hand.
          async () => [{ partition: 'in-process', messages: intake.inFlight() }],
      deadLetters: kafkaAdmin
        ? kafkaDeadLetterCount(kafkaAdmin, deadLetterTopic)
        : () => countSqlDeadLetters(database, interactionLogNames.inProcess),
    },
    logger,
  );
  if (!config.metricsToken && config.host !== '127.0.0.1' && config.host !== 'localhost')
    logger.warn({ host: config.host }, '/metrics is public (rate-limited): set HUB_METRICS_TOKEN to require a token');

  const checks: DependencyCheck[] = [
    {
      name: 'eventStore',
      async check() {
        const health = await rawStore.health();
        return { ok: health.ok, kind: health.backend, ...(health.detail ? { detail: health.detail } : {}) };
      },
    },
    {
      name: 'database',
      async check() {
        await database.query('SELECT 1');
        return { ok: true, kind: database.dialect };
      },
    },
    kafkaAdmin ? kafkaHealth(kafkaAdmin) : { name: 'bus', check: async () => ({ ok: true, kind: 'in-process' }) },
  ];
  const app = await buildApp({
    logger,
    dependencies: checks,
    healthRateLimitPerMinute: config.healthRateLimitPerMinute,
    http: config.http,
    projections,
    projectionStallMs: config.projectionStallSeconds * 1000,
    eventLoop,
    metrics,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
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
    cdrLayout: config.cdrLayout,
    webForms: config.webFormsFile ? await loadWebForms(config.webFormsFile) : [],
    widget: { allowedOrigins: config.widgetOrigins },
  };
  const intake = countingIntake(
    createLogIntake({ log, rawPayloads, transportKey: secrets.keys.transport, partitionKey: secrets.keys.partition }),
    metrics,
  );
  const widgetReplies = {
    connections: widgetConnections,
    release: (visitorId: string, deliver: Parameters<typeof releaseHeldWidgetMessages>[2]) =>
      releaseHeldWidgetMessages(database, visitorId, deliver),
  };
  const ingest: IngestDependencies = { intake, attachments, settings, logger, now, widgetReplies };
  const gateway = roles.has('gateway') ? await startGateway(app, { config, ingest, rawPayloads, database }) : undefined;
  if (roles.has('api')) {
    // The agent console: static pages at `/`, everything they show from the API below.
    registerConsole(app, {
      onRequest: app.rateLimit({ max: config.healthRateLimitPerMinute, timeWindow: '1 minute' }),
    });
    const access = createAccess({
      db: database,
      store,
      now,
      newId: randomUUID,
      settings: {
        sessionIdleMs: config.sessionIdleHours * HOUR_MS,
        sessionMaxMs: config.sessionMaxDays * 24 * HOUR_MS,
      },
    });
    let passwordIn = 'HUB_ADMIN_PASSWORD';
    const firstAdmin = {
      email: config.adminEmail,
      password: async () => {
        const admin = await firstAdminPassword(config);
        passwordIn = admin.file ?? passwordIn;
        return admin.password;
      },
    };
    if (await ensureFirstAdmin(access, firstAdmin)) {
      logger.warn(
        { adminEmail: config.adminEmail, passwordIn },
        'first admin created: sign in with this email and the password kept where passwordIn says, then change it',
      );
    }
    const authenticate = createAuthenticate({ access, legacyAgentToken: secrets.agentToken });
    // Searches (customers by name, messages by words) are the dear reads: a burst of them waits
    // its turn here instead of taking every connection and core from the cheap reads beside them.
    const searchReads = limitConcurrency(database, config.searchConcurrency);
    await app.register(async (scope) =>
      registerAccessRoutes(scope, {
        access,
        authenticate,
        secureCookie: config.secureCookie,
        now,
        onSignedOut: () => void presenceSweeper?.sweepNow(),
      }),
    );
    await app.register(async (scope) =>
      registerCustomerRoutes(scope, {
        store,
        keys,
        index,
        readModels: database,
        searchReads,
        rawPayloads,
        attachments,
        deadLetters: { purge: (concerns) => purgeSqlDeadLetters(database, concerns) },
        logKeys: { transport: secrets.keys.transport, partition: secrets.keys.partition },
        authenticate,
        defaultPhoneRegion: settings.defaultPhoneRegion,
        now,
      }),
    );
    // Notes mention colleagues by the name before the @ of their email: `@maryam`.
    const knownHandles = async () =>
      Object.fromEntries(
        (await access.users.list())
          .filter((user) => user.active)
          .map((user) => [mentionHandleOf(user.email), user.userId]),
      );
    // `{{agent.name}}` in canned responses: the signed-in user's display name.
    const agentName = async (principal: Principal) =>
      principal.kind === 'user' ? (await access.users.find(principal.userId))?.displayName : undefined;
    const liveAudience = createLiveAudience(rawStore);
    await app.register(async (scope) => {
      scope.addHook('onRequest', authenticate);
      await registerAuditRoutes(scope, { readModels: database });
      await registerAnalyticsRoutes(scope, { readModels: database });
      await registerAnalyticsValueRoutes(scope, {
        readModels: database,
        channelCosts: config.analyticsChannelCosts,
        now,
      });
      const isActiveUser = async (userId: string) => (await access.users.find(userId))?.active === true;
      await registerCaseRoutes(scope, { store, readModels: database, isActiveUser, now });
      await registerCustomerProfileRoute(scope, { store, readModels: database, now });
      await registerSubjectAccessRoute(scope, {
        store,
        readModels: database,
        now,
        ordersOf: (customerIds) => ordersOfCustomers(database, customerIds),
      });
      await registerMessageSearchRoutes(scope, { readModels: searchReads });
      // Orders name their buyer by identifiers, resolved by the writer's own resolution.
      const orderDesk = createOrderDesk({
        store,
        resolveCustomer: (contact) => recorder.resolveContact(contact),
        resolveCustomers: (contacts) => recorder.resolveContacts(contacts),
      });
      await registerProductRoutes(scope, { desk: orderDesk, readModels: database, now });
      await registerOrderRoutes(scope, { desk: orderDesk, now, defaultPhoneRegion: settings.defaultPhoneRegion });
      await registerConversationRoutes(scope, {
        store,
        readModels: database,
        knownHandles,
        attachments,
        agentName,
        now,
      });
      await registerCannedResponseRoutes(scope, { store, readModels: database, agentName, now });
      await registerReplyRoutes(scope, {
        store,
        attachments,
        maxAttachmentBytes: config.replies.attachmentMaxBytes,
        now,
      });
      await registerRoutingRoutes(scope, {
        store,
        readModels: database,
        isActiveUser,
        now,
      });
      await registerServiceLevelRoutes(scope, { store, newId: randomUUID, now });
      await registerWebFormRoutes(scope, { webForms: settings.webForms });
      // Replays run in this process's background; their records are read from any process.
      await registerAdminReplayRoutes(scope, { replays, history: rawStore });
      registerLiveRoute(scope, {
        feed: liveFeed(),
        // Once a conversation belongs to a team, only its members, supervisors and admins see it.
        audience: async (request) => {
          await requirePermission('conversations:read')(request);
          return liveAudience(principalOf(request));
        },
      });
    });
    // Public: the customer's rating link, checked by its signature.
    await app.register(async (scope) => registerCsatRoutes(scope, { store, linkKey: secrets.keys.csatLinks, now }));
  }
  logger.info({ roles: [...roles] }, 'hub roles');

  return {
    app,
    database,
    log,
    rawPayloads,
    store,
    projectionCaughtUp: async () => {
      // Twice: the router appends assignments, which the projections after it show in the second round.
      for (let round = 0; round < 2; round++) for (const projection of projections) await projection.caughtUp();
    },
    writerJoined: () => writer?.joined ?? Promise.resolve(),
    rebuildProjection: (name) =>
      rebuildHubProjection({ database, store, rawStore, eventsInDatabase: config.eventStore !== 'esdb' }, name, logger),
    async stop() {
      await gateway?.stop();
      await app.close();
      await writer?.stop();
      await feed?.close();
      await replies?.stop();
      await replays.stop();
      await slaChecker?.stop();
      await presenceSweeper?.stop();
      for (const projection of projections.reverse()) await projection.stop();
      eventLoop.stop();
      await kafkaAdmin?.close();
      await log.close();
      await store.close();
      await database.close();
    },
  };
}
