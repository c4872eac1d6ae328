export { createLogger, type Logger, type LoggerOptions } from './create-logger.js';
export {
  createHumanLogger,
  formatLogEntry,
  type HumanLogFn,
  type HumanLogger,
} from './human-logger.js';
export { startMetricsServer, type MetricsServer, type MetricsSource } from './metrics-server.js';
