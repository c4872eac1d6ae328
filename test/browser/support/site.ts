/**
 * A MeshView site for browser tests: a fresh database filled with the simulated mesh, and the
 * real reader process serving it over HTTP under a base path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase, type Database, type DialectName } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { freshDatabaseUrl, type DialectUnderTest } from '#test/databases.js';
import { startApp, type AppProcess } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { fillSiteMesh, type SiteMesh } from './site-mesh.js';

/** The `[server] base_path` the site is served under: every URL of the app carries it. */
export const BASE_PATH = '/meshview';

/**
 * The host of `[site] map_tile_url`. It does not resolve: the browser helpers route every request
 * to it to a local stub (tests must not depend on a tile server, and tiles are no failure).
 */
export const TILE_HOST = 'tiles.meshview.test';

/** `[site]` as the tests' reader has it. */
export const SITE_CONFIG = {
  title: 'MeshView Test Mesh',
  message: 'A simulated mesh for the browser tests',
  starting: '/nodelist',
  map_tile_url: `http://${TILE_HOST}/{z}/{x}/{y}.png`,
} as const;

/** A running site. */
export interface Site {
  readonly dialect: DialectUnderTest;
  /** The reader's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** What the database holds. */
  readonly mesh: SiteMesh;
  /** The database's connection string, for tests that store more while the site runs. */
  readonly databaseUrl: string;
  /** The reader process (its logs, for failure messages). */
  readonly reader: AppProcess;
  /** The absolute URL of `path` under the base path: `url('/nodelist')`. */
  url(path: string): string;
  /** Stops the reader (the database stays in test/.tmp or on the test server, for a look). */
  close(): Promise<void>;
}

/** What a test file adds to its site. */
export interface SiteOptions {
  /**
   * Rows stored after the simulated mesh (e.g. 10,000 extra nodes for a test of a long list);
   * the page tests' expected values stay the generator's, plus what this adds.
   */
  readonly seed?: (db: Kysely<Database>, dialect: DialectName) => Promise<void>;
  /** `[site]` keys of this site's reader besides {@link SITE_CONFIG} (which they override). */
  readonly site?: Readonly<Record<string, string>>;
}

/**
 * Creates a database of `dialect` (a SQLite file, or a PostgreSQL database of its own named after
 * `name`), migrates it to head with our engine, fills it with the simulated mesh through the
 * writer's pipeline, and starts `node apps/reader` (the compiled app: `npm run build` first) on
 * a free port under {@link BASE_PATH}, with the database given as `MESHVIEW_*` environment.
 *
 * @example
 * const site = await startSite('sqlite', 'shell');
 * await page.goto(site.url('/nodelist'));
 * await site.close();
 */
export async function startSite(
  dialect: DialectUnderTest,
  name: string,
  options: SiteOptions = {},
): Promise<Site> {
  const databaseUrl = await freshDatabaseUrl(dialect, `browser_${name}`);
  const nowUs = Date.now() * 1000;
  const handle = await openDatabase(databaseUrl);
  let mesh: SiteMesh;
  try {
    const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
    await migrator.upgrade('head');
    mesh = await fillSiteMesh(handle.db, handle.dialect, nowUs);
    await options.seed?.(handle.db, handle.dialect);
  } finally {
    await handle.close();
  }

  const configFile = join(makeTempDir(`browser-${name}`), 'config.ini');
  writeFileSync(configFile, readerIni(options.site));
  const reader = startApp('reader', ['--config', configFile], {
    name: `reader (${dialect})`,
    env: { MESHVIEW_DATABASE__CONNECTION_STRING: databaseUrl },
  });
  let origin: string;
  try {
    const listening = await reader.waitForLog(/^reader listening on /, 60_000);
    origin = new URL(String(listening.address)).origin;
  } catch (error) {
    await reader.stop().catch(() => reader.kill('SIGKILL'));
    throw error;
  }
  return {
    dialect,
    origin,
    mesh,
    databaseUrl,
    reader,
    url: (path) => `${origin}${BASE_PATH}${path}`,
    close: async () => {
      await reader.stop();
    },
  };
}

function readerIni(site: Readonly<Record<string, string>> = {}): string {
  return [
    '[migrations]',
    'wait_retries = 20',
    'wait_delay_s = 0.5',
    '[server]',
    'bind = 127.0.0.1',
    'port = 0',
    `base_path = ${BASE_PATH}`,
    '[site]',
    ...Object.entries({ ...SITE_CONFIG, ...site }).map(([key, value]) => `${key} = ${value}`),
    '[logging]',
    'level = info',
    '',
  ].join('\n');
}
