import type { Config } from './config.js';
import type { SectionSpec } from './section-spec.js';
import { cleanupSection } from './sections/cleanup.section.js';
import { databaseSection } from './sections/database.section.js';
import { loggingSection } from './sections/logging.section.js';
import { metricsSection } from './sections/metrics.section.js';
import { migrationsSection } from './sections/migrations.section.js';
import { mqttSection } from './sections/mqtt.section.js';
import { serverSection } from './sections/server.section.js';
import { siteSection } from './sections/site.section.js';
import { snapshotSection } from './sections/snapshot.section.js';

/** Every section of {@link Config}, keyed by its INI section name, with its keys and defaults. */
export type ConfigSchema = { readonly [S in keyof Config]: SectionSpec<Config[S]> };

/**
 * The schema of every section and key: MeshView's `sample.config.ini` plus our additions. Useful
 * for messages and documentation; {@link buildConfig} reads it.
 */
export const CONFIG_SCHEMA: ConfigSchema = {
  server: serverSection,
  site: siteSection,
  mqtt: mqttSection,
  database: databaseSection,
  cleanup: cleanupSection,
  logging: loggingSection,
  snapshot: snapshotSection,
  migrations: migrationsSection,
  metrics: metricsSection,
};
