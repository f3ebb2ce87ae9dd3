import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { serializeRequest } from './request.serializer.ts';

export type { Logger } from 'pino';

/**
 * Personal data never reaches a log line: these paths are censored wherever they appear one or
 * two levels deep in a logged object.
 */
export const personalDataPaths: readonly string[] = [
  'email',
  'phone',
  'name',
  'displayName',
  'identifier.value',
  '*.email',
  '*.phone',
  '*.name',
  '*.displayName',
  '*.identifier.value',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

export interface LoggerSettings {
  readonly level?: string;
  readonly service: string;
  /** Where lines go; tests pass a sink and read the lines back. Defaults to stdout. */
  readonly destination?: DestinationStream;
}

/** One root logger per process; components take `logger.child({ component })`. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    redact: { paths: [...personalDataPaths], censor: '[redacted]' },
    // Fastify logs every request under `req`; its own serializer would write the query values.
    serializers: { req: serializeRequest, err: pino.stdSerializers.err },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** A logger that writes nothing, for library defaults. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
