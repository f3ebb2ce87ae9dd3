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
  return pino(options, settings.destination ?? stdout());
}

/**
 * Standard output, written without blocking: a line goes out at once when no write is under way,
 * and lines logged during a write go out together in the next. Written synchronously, line by
 * line (pino's default), every HTTP request cost two system calls on the event loop, and a reader
 * slower than the hub (a pipe, a log shipper) stopped the loop until it caught up: reads of a few
 * milliseconds waited 100 ms behind log lines (`pnpm bench:search`). pino flushes what is pending
 * when the process exits; a `kill -9` loses at most the lines of the write under way.
 */
const stdout = (): DestinationStream => pino.destination({ dest: 1, sync: false });

/** A logger that writes nothing, for library defaults. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
