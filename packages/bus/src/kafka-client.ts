import type { Logger } from '@hub/logger';
import { type IHeaders, Kafka, logLevel, type RetryOptions } from 'kafkajs';

export interface KafkaClientSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
  /** Client-level retries of broker requests (connect, metadata, produce, commit). */
  readonly retry?: RetryOptions;
}

const levels = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
  [logLevel.NOTHING]: 'silent',
} as const;

/**
 * A kafkajs client that logs through pino. kafkajs at INFO narrates every join and
 * connection; WARN keeps rebalances and broker trouble, which operators want to see.
 */
export function createKafkaClient(settings: KafkaClientSettings): Kafka {
  const logger = settings.logger.child({ library: 'kafkajs' });
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    logLevel: logLevel.WARN,
    retry: settings.retry ?? { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logCreator: () => (entry) => {
      const { message, timestamp: _ignored, ...extra } = entry.log;
      const level = isExpected(message, extra) ? 'debug' : levels[entry.level];
      if (level !== 'silent') logger[level]({ ...extra, namespace: entry.namespace }, message);
    },
  });
}

/** Lines kafkajs logs as warnings or errors that are part of normal work here. */
function isExpected(message: string, extra: Record<string, unknown>): boolean {
  // Limited on purpose: a publish must fail within a request's time, and the producer is
  // replaced after a failure (kafka-producer.ts), which is what the warning is about.
  if (message.startsWith('Limiting retries for the idempotent producer')) return true;
  // Every start asks to create the topics; when they exist the broker answers TOPIC_ALREADY_EXISTS,
  // which the connection logs as an error before the admin client reads it as "nothing to do".
  // Any other creation error fails ensureTopics, which reports it.
  return message.startsWith('Response CreateTopics') && extra.error === 'Topic creation errors';
}

/** kafkajs hands headers over as bytes; the log's headers are UTF-8 text. */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) decoded[name] = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  }
  return decoded;
}
