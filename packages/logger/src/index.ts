export { createLogger, type Logger, type LoggerSettings, personalDataPaths, silentLogger } from './logger.ts';
