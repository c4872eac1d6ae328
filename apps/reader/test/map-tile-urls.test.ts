import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '#test/databases.js';
import { killAllApps, startApp, writeAppConfig } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { buildReader, type ReaderUnderTest } from './support/reader-app.js';

describe('[site] map_tile_urls', () => {
  afterEach(killAllApps);

  it('stops the reader on a bad list, naming the file, the key and what is wrong', async () => {
    const config = writeAppConfig(makeTempDir('map_tile_urls_bad'), {
      connectionString: await freshDatabaseUrl('sqlite', 'map_tile_urls_bad'),
      waitRetries: 1,
      waitDelayS: 0.1,
    });
    appendFileSync(
      config,
      '[site]\nmap_tile_urls = [{"name": "Topo", "url": "https://topo.example/{z}/{x}.png"}]\n',
    );
    const reader = startApp('reader', ['--config', config]);
    const exit = await reader.waitForExit(20_000);
    expect(exit.code, reader.output()).toBe(1);
    expect(reader.stderr).toContain(`${config}: [site] map_tile_urls = `);
    expect(reader.stderr).toContain('entry 1: "https://topo.example/{z}/{x}.png" has no {y}');
    expect(reader.stderr).toContain('CONFIG_INVALID_VALUE');
  });
});

describe('/api/config without [site] map_tile_urls', () => {
  let reader: ReaderUnderTest;
  beforeAll(async () => {
    reader = await buildReader('sqlite', { name: 'map_tile_urls_default', ini: '' });
  });
  afterAll(async () => reader?.close());

  it('offers the default base map alone: an empty list', async () => {
    const body = (await reader.app.inject('/api/config')).json<{ site: Record<string, unknown> }>();
    expect(body.site.map_tile_url).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(body.site.map_tile_urls).toEqual([]);
  });
});
