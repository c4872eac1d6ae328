import type { CleanupConfig } from './sections/cleanup.section.js';
import type { DatabaseConfig } from './sections/database.section.js';
import type { LoggingConfig } from './sections/logging.section.js';
import type { MetricsConfig } from './sections/metrics.section.js';
import type { MigrationsConfig } from './sections/migrations.section.js';
import type { MqttConfig } from './sections/mqtt.section.js';
import type { ServerConfig } from './sections/server.section.js';
import type { SiteConfig } from './sections/site.section.js';
import type { SnapshotConfig } from './sections/snapshot.section.js';

/**
 * The validated configuration: one property per INI section (named as the section), each with
 * the camelCase of its INI keys. Deeply readonly, and frozen at run time.
 *
 * @example
 * const config = await loadConfig({ path: configPathFromArgv(process.argv.slice(2)) });
 * config.database.connectionString; // { dialect: 'sqlite', filename: '/srv/packets.db', … }
 * config.migrations.waitRetries; // 30
 */
export interface Config {
  readonly server: ServerConfig;
  readonly site: SiteConfig;
  readonly mqtt: MqttConfig;
  readonly database: DatabaseConfig;
  readonly cleanup: CleanupConfig;
  readonly logging: LoggingConfig;
  readonly snapshot: SnapshotConfig;
  readonly migrations: MigrationsConfig;
  readonly metrics: MetricsConfig;
}
