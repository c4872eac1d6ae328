export { createLogger, type Logger, type LoggerOptions } from './create-logger.js';
export { formatLogLine, humanLogStream } from './human-log-stream.js';
export { startMetricsServer, type MetricsServer, type MetricsSource } from './metrics-server.js';
