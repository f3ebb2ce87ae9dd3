export { createLogger, type Logger, type LoggerSettings, personalDataPaths, silentLogger } from './logger.ts';
export { redactUrl, serializeRequest } from './request.serializer.ts';
