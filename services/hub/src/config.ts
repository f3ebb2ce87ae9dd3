import { resolve } from 'node:path';
import { type ChannelCosts, parseChannelCosts } from '@hub/analytics';
import { type CdrLayout, parseCdrLayout } from '@hub/channels';
import { HubError, isHubError } from '@hub/errors';
import { z } from 'zod';
import type { HttpLimits } from './http-limits.ts';
import { writerGroupOf } from './start-writer.ts';

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z.string().url().optional();

// Every setting, its default and its check in one place; the README's configuration table
// mirrors this list.
/** Every variable the hub reads; the README's configuration table lists each (a test checks). */
export const HubEnvironment = z.object({
  HUB_PORT: port.default(3000),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_DATA_DIR: z.string().min(1).default('.hub-data'),
  HUB_EVENT_STORE: z.enum(['pglite', 'postgres', 'esdb']).optional(),
  HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  HUB_HEALTH_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  HUB_HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  HUB_HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(20_000),
  HUB_HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  HUB_HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  HUB_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  HUB_MAX_HEAP_USED_MB: z.coerce.number().int().min(0).max(1_000_000).default(0),
  HUB_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  HUB_PROJECTION_STALL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  HUB_PROJECTION_ANALYZE_AFTER_EVENTS: z.coerce.number().int().min(0).max(1_000_000_000).default(10_000),
  HUB_SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  HUB_SLA_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  HUB_CSAT_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  DATABASE_URL: optionalUrl,
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'a comma-separated list of host:port')
    .optional(),
  HUB_KAFKA_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'a Kafka topic name')
    .default('hub.interactions'),
  HUB_KAFKA_WRITER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'a Kafka consumer group id')
    .optional(),
  HUB_KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  HUB_KAFKA_RETENTION_HOURS: z.coerce.number().int().min(1).max(87_600).default(168),
  HUB_KAFKA_DEAD_LETTER_RETENTION_HOURS: z.coerce.number().int().min(1).max(87_600).default(720),
  // Right for a three-broker cluster: one broker may fail without losing an acknowledged write.
  HUB_KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(32).default(3),
  HUB_KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(32).default(2),
  // 6 s is the broker's default group.min.session.timeout.ms: a killed writer's partitions go to
  // its successor about that long after its last heartbeat.
  HUB_KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(1_800_000).default(6_000),
  HUB_KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
  HUB_PUBLIC_URL: z.string().url().optional(),
  HUB_SMTP_PORT: port.optional(),
  HUB_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\/[^:@/]+:[^@/]+@[^/]+/, 'imaps://user:password@host[:port]/FOLDER[,FOLDER]')
    // Checked here, not at start-up: URL's own error carries the whole URL, password included.
    .refine((value) => URL.canParse(value), 'a valid URL (host, port up to 65535, special characters percent-encoded)')
    .optional(),
  HUB_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  HUB_CHANNEL_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  HUB_AGENT_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  HUB_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, '32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  HUB_ADMIN_EMAIL: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+$/, 'an email address')
    .max(320)
    .default('admin@localhost'),
  HUB_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(512).optional(),
  HUB_SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  HUB_SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  HUB_SESSION_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  HUB_WEBFORMS_FILE: z.string().min(1).optional(),
  HUB_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 two-letter region such as IR or GB')
    .optional(),
  // Cost to serve (GET /v1/analytics/cost-to-serve): per-channel costs, JSON; defaults in @hub/analytics.
  HUB_ANALYTICS_CHANNEL_COSTS: z
    .string()
    .optional()
    .superRefine((spec, context) => {
      try {
        parseChannelCosts(spec);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
      }
    }),
  HUB_CDR_COLUMNS: z
    .string()
    .default('cdr_csv')
    .superRefine((spec, context) => {
      try {
        parseCdrLayout(spec);
      } catch (error) {
        if (!isHubError(error)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
      }
    }),
  HUB_MERGE_POLICY: z.enum(['review', 'auto']).default('review'),
  HUB_ROLES: z
    .string()
    .regex(
      /^(gateway|writer|projector|api)(,(gateway|writer|projector|api))*$/,
      'a comma-separated list of gateway, writer, projector, api',
    )
    .default('gateway,writer,projector,api'),
  HUB_WIDGET_ORIGINS: z
    .string()
    .regex(
      /^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/,
      'a comma-separated list of origins such as https://shop.example',
    )
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  META_APP_SECRET: z.string().min(1).optional(),
  META_VERIFY_TOKEN: z.string().min(1).optional(),
  TELEGRAM_SECRET_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters A-Z, a-z, 0-9, _ and - (Telegram rule)')
    .optional(),
  HUB_WIDGET_IDENTITY_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  HUB_SMTP_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL')
    .optional(),
  HUB_REPLY_FROM: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, 'an email address such as support@shop.example')
    .optional(),
  TELEGRAM_API_URL: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  META_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
  META_PAGE_TOKEN: z.string().min(1).optional(),
  HUB_REPLY_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  ESDB_URL: z
    .string()
    .regex(/^(esdb|kurrentdb|esdb\+discover|kurrentdb\+discover):\/\//, 'an esdb:// or kurrentdb:// connection string')
    .optional(),
});

/** Checked on the raw values so they are reported together with any other bad variable. */
function missingBackendUrls(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  if (env.HUB_EVENT_STORE === 'postgres' && !env.DATABASE_URL) {
    problems.push('DATABASE_URL: required when HUB_EVENT_STORE=postgres');
  }
  // Node refuses a headers timeout longer than the request timeout.
  if (Number(env.HUB_HTTP_HEADERS_TIMEOUT_MS ?? 20_000) > Number(env.HUB_HTTP_REQUEST_TIMEOUT_MS ?? 120_000)) {
    problems.push('HUB_HTTP_HEADERS_TIMEOUT_MS: at most HUB_HTTP_REQUEST_TIMEOUT_MS');
  }
  if (env.HUB_EVENT_STORE === 'esdb' && !env.ESDB_URL) problems.push('ESDB_URL: required when HUB_EVENT_STORE=esdb');
  const roles = new Set(env.HUB_ROLES ? env.HUB_ROLES.split(',') : []);
  const split = roles.size > 0 && roles.size < 4;
  if (!env.KAFKA_BROKERS && split) {
    // The in-process log hands interactions straight to the writer: those two share a process.
    // Projector and API may run apart from them (on their own core), over one shared database.
    if (roles.has('gateway') !== roles.has('writer'))
      problems.push('HUB_ROLES: without KAFKA_BROKERS, gateway and writer run in the same process');
    if (!env.DATABASE_URL)
      problems.push('HUB_ROLES: roles in separate processes share a database: DATABASE_URL (not the embedded PGlite)');
  }
  problems.push(...kafkaGroupAndDurabilityProblems(env));
  // Several processes must share keys and tokens: none may invent its own.
  if (env.KAFKA_BROKERS || split) {
    for (const name of ['HUB_CHANNEL_TOKEN', 'HUB_AGENT_TOKEN', 'HUB_MASTER_KEY']) {
      if (!env[name])
        problems.push(
          `${name}: required when ${env.KAFKA_BROKERS ? 'KAFKA_BROKERS is set' : 'HUB_ROLES splits the hub'}`,
        );
    }
  }
  return problems;
}

/** Relations between Kafka settings that the broker would only refuse later, or never. */
function kafkaGroupAndDurabilityProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const replicas = Number(env.HUB_KAFKA_REPLICATION_FACTOR ?? 3);
  const minInSync = Number(env.HUB_KAFKA_MIN_INSYNC_REPLICAS ?? 2);
  // More than the replicas would make every acks=all publish fail with NOT_ENOUGH_REPLICAS.
  if (minInSync > replicas) {
    problems.push(
      `HUB_KAFKA_MIN_INSYNC_REPLICAS: at most HUB_KAFKA_REPLICATION_FACTOR (${minInSync} > ${replicas}); a single broker needs 1 and 1`,
    );
  }
  const session = Number(env.HUB_KAFKA_SESSION_TIMEOUT_MS ?? 6_000);
  const heartbeat = Number(env.HUB_KAFKA_HEARTBEAT_INTERVAL_MS ?? 1_000);
  // Kafka's rule of thumb: a member missing two heartbeats in a row still keeps its partitions.
  if (heartbeat * 3 > session) {
    problems.push('HUB_KAFKA_HEARTBEAT_INTERVAL_MS: at most a third of HUB_KAFKA_SESSION_TIMEOUT_MS');
  }
  return problems;
}

export type HubRole = 'gateway' | 'writer' | 'projector' | 'api';

export type EventStoreBackend = 'pglite' | 'postgres' | 'esdb';

export interface HubConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: EventStoreBackend;
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
  readonly healthRateLimitPerMinute: number;
  readonly http: HttpLimits;
  readonly projectionStallSeconds: number;
  /** A projection's catch-up of at least this many events ends with ANALYZE of its tables; 0: never. */
  readonly projectionAnalyzeAfterEvents: number;
  /** Customer and message searches running at once in this process; the rest wait their turn. */
  readonly searchConcurrency: number;
  /** How often the SLA checker looks for clocks that changed or fell due. */
  readonly slaCheckSeconds: number;
  /** How long a CSAT rating link works. */
  readonly csatLinkDays: number;
  readonly metricsToken: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly kafkaBrokers: readonly string[] | undefined;
  readonly esdbUrl: string | undefined;
  readonly kafkaTopic: string;
  /** The writers' consumer group; by default one per topic (`writerGroupOf`). */
  readonly kafkaWriterGroup: string;
  readonly kafkaPartitions: number;
  readonly kafkaRetentionHours: number;
  readonly kafkaDeadLetterRetentionHours: number;
  readonly kafkaReplicationFactor: number;
  readonly kafkaMinInSyncReplicas: number;
  readonly kafkaSessionTimeoutMs: number;
  readonly kafkaHeartbeatIntervalMs: number;
  readonly publicUrl: string;
  readonly smtpPort: number | undefined;
  readonly smtpHost: string;
  readonly imapUrl: string | undefined;
  readonly imapPollSeconds: number;
  readonly channelToken: string | undefined;
  readonly agentToken: string | undefined;
  readonly masterKey: Buffer | undefined;
  readonly webFormsFile: string | undefined;
  readonly adminEmail: string;
  readonly adminPassword: string | undefined;
  readonly sessionIdleHours: number;
  readonly sessionMaxDays: number;
  /** Whether the session cookie is marked Secure (by default: when HUB_PUBLIC_URL is https). */
  readonly secureCookie: boolean;
  readonly phoneRegion: string | undefined;
  readonly cdrLayout: CdrLayout;
  /** What serving a customer costs per channel, and the currency value is measured in. */
  readonly analyticsChannelCosts: ChannelCosts;
  readonly mergePolicy: 'review' | 'auto';
  readonly roles: readonly HubRole[];
  readonly widgetOrigins: readonly string[];
  readonly twilioAuthToken: string | undefined;
  readonly metaAppSecret: string | undefined;
  readonly metaVerifyToken: string | undefined;
  readonly telegramSecretToken: string | undefined;
  readonly widgetIdentitySecret: string | undefined;
  /** Outbound replies (@hub/replies); a channel without its settings keeps its replies waiting. */
  readonly replies: ReplyConfig;
}

export interface ReplyConfig {
  readonly smtpRelayUrl: string | undefined;
  readonly from: string | undefined;
  readonly telegramApiUrl: string;
  readonly telegramBotToken: string | undefined;
  readonly metaGraphUrl: string;
  readonly metaPageToken: string | undefined;
  /** The largest file an agent may upload for an email reply. */
  readonly attachmentMaxBytes: number;
}

/**
 * Reads the hub's configuration from the environment. The event store follows what is
 * configured: ESDB_URL, else DATABASE_URL, else embedded PGlite; HUB_EVENT_STORE overrides.
 * Throws one error naming every bad variable.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): HubConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = HubEnvironment.safeParse(present);
  const problems = [
    // The variable and the rule, never the value: it may be a password or a key, and this message
    // goes to the log and the terminal.
    ...(parsed.error?.issues ?? []).map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`),
    ...missingBackendUrls(present),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new HubError('INVALID_CONFIGURATION', `invalid configuration: ${problems.join('; ')}`, { problems });
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.HUB_PORT,
    host: e.HUB_HOST,
    dataDir: resolve(e.HUB_DATA_DIR),
    eventStore: e.HUB_EVENT_STORE ?? (e.ESDB_URL ? 'esdb' : e.DATABASE_URL ? 'postgres' : 'pglite'),
    logLevel: e.HUB_LOG_LEVEL,
    shutdownTimeoutMs: e.HUB_SHUTDOWN_TIMEOUT_MS,
    healthRateLimitPerMinute: e.HUB_HEALTH_RATE_LIMIT,
    http: Object.freeze({
      requestTimeoutMs: e.HUB_HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HUB_HTTP_HEADERS_TIMEOUT_MS,
      idleTimeoutMs: e.HUB_HTTP_IDLE_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HUB_HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxEventLoopDelayMs: e.HUB_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: e.HUB_MAX_HEAP_USED_MB * 1024 * 1024,
    }),
    projectionStallSeconds: e.HUB_PROJECTION_STALL_SECONDS,
    projectionAnalyzeAfterEvents: e.HUB_PROJECTION_ANALYZE_AFTER_EVENTS,
    searchConcurrency: e.HUB_SEARCH_CONCURRENCY,
    slaCheckSeconds: e.HUB_SLA_CHECK_SECONDS,
    csatLinkDays: e.HUB_CSAT_LINK_DAYS,
    metricsToken: e.HUB_METRICS_TOKEN,
    databaseUrl: e.DATABASE_URL,
    kafkaBrokers: e.KAFKA_BROKERS?.split(','),
    esdbUrl: e.ESDB_URL,
    kafkaTopic: e.HUB_KAFKA_TOPIC,
    kafkaWriterGroup: e.HUB_KAFKA_WRITER_GROUP ?? writerGroupOf(e.HUB_KAFKA_TOPIC),
    kafkaPartitions: e.HUB_KAFKA_PARTITIONS,
    kafkaRetentionHours: e.HUB_KAFKA_RETENTION_HOURS,
    kafkaDeadLetterRetentionHours: e.HUB_KAFKA_DEAD_LETTER_RETENTION_HOURS,
    kafkaReplicationFactor: e.HUB_KAFKA_REPLICATION_FACTOR,
    kafkaMinInSyncReplicas: e.HUB_KAFKA_MIN_INSYNC_REPLICAS,
    kafkaSessionTimeoutMs: e.HUB_KAFKA_SESSION_TIMEOUT_MS,
    kafkaHeartbeatIntervalMs: e.HUB_KAFKA_HEARTBEAT_INTERVAL_MS,
    publicUrl: (e.HUB_PUBLIC_URL ?? `http://${e.HUB_HOST}:${e.HUB_PORT}`).replace(/\/$/, ''),
    smtpPort: e.HUB_SMTP_PORT,
    smtpHost: e.HUB_SMTP_HOST,
    imapUrl: e.HUB_IMAP_URL,
    imapPollSeconds: e.HUB_IMAP_POLL_SECONDS,
    channelToken: e.HUB_CHANNEL_TOKEN,
    agentToken: e.HUB_AGENT_TOKEN,
    masterKey: e.HUB_MASTER_KEY ? Buffer.from(e.HUB_MASTER_KEY, 'base64') : undefined,
    webFormsFile: e.HUB_WEBFORMS_FILE ? resolve(e.HUB_WEBFORMS_FILE) : undefined,
    adminEmail: e.HUB_ADMIN_EMAIL,
    adminPassword: e.HUB_ADMIN_PASSWORD,
    sessionIdleHours: e.HUB_SESSION_IDLE_HOURS,
    sessionMaxDays: e.HUB_SESSION_MAX_DAYS,
    secureCookie:
      e.HUB_SESSION_COOKIE_SECURE === 'auto'
        ? (e.HUB_PUBLIC_URL ?? '').startsWith('https://')
        : e.HUB_SESSION_COOKIE_SECURE === 'true',
    phoneRegion: e.HUB_PHONE_REGION,
    cdrLayout: parseCdrLayout(e.HUB_CDR_COLUMNS),
    analyticsChannelCosts: parseChannelCosts(e.HUB_ANALYTICS_CHANNEL_COSTS),
    mergePolicy: e.HUB_MERGE_POLICY,
    roles: [...new Set(e.HUB_ROLES.split(','))] as HubRole[],
    widgetOrigins: e.HUB_WIDGET_ORIGINS?.split(',') ?? [],
    twilioAuthToken: e.TWILIO_AUTH_TOKEN,
    metaAppSecret: e.META_APP_SECRET,
    metaVerifyToken: e.META_VERIFY_TOKEN,
    telegramSecretToken: e.TELEGRAM_SECRET_TOKEN,
    widgetIdentitySecret: e.HUB_WIDGET_IDENTITY_SECRET,
    replies: {
      smtpRelayUrl: e.HUB_SMTP_RELAY_URL,
      from: e.HUB_REPLY_FROM,
      telegramApiUrl: e.TELEGRAM_API_URL,
      telegramBotToken: e.TELEGRAM_BOT_TOKEN,
      metaGraphUrl: e.META_GRAPH_URL,
      metaPageToken: e.META_PAGE_TOKEN,
      attachmentMaxBytes: e.HUB_REPLY_ATTACHMENT_MAX_BYTES,
    },
  });
}
