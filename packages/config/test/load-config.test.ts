import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../src/index.js';
import { makeTempDir } from '#test/tmp.js';

const repoConfig = fileURLToPath(new URL('../../../config.ini', import.meta.url));
const meshviewSample = fileURLToPath(
  new URL('./fixtures/meshview-sample.config.ini', import.meta.url),
);

const collect = () => {
  const warnings: string[] = [];
  return { warnings, warn: (message: string) => void warnings.push(message) };
};

describe('loadConfig', () => {
  it('reads a file and applies environment overrides', async () => {
    const dir = makeTempDir('config');
    const path = join(dir, 'meshview.ini');
    await writeFile(path, '[server]\nport = 9001\n[mqtt]\ntopics = ["msh/US/#"]\n');
    const { warnings, warn } = collect();
    const config = await loadConfig({ path, env: { MESHVIEW_SERVER__BIND: '*' }, warn });
    expect(config.server).toMatchObject({ port: 9001, bind: '*' });
    expect(config.mqtt.topics).toEqual(['msh/US/#']);
    expect(warnings).toEqual([]);
  });

  it('resolves a relative path against cwd and names it as given in messages', async () => {
    const dir = makeTempDir('config');
    await writeFile(join(dir, 'my.ini'), '[server]\n\nport = abc\n');
    await expect(loadConfig({ path: 'my.ini', cwd: dir, env: {} })).rejects.toThrow(
      'my.ini: [server] port = "abc" is not an integer from 0 to 65535 (line 3)',
    );
  });

  it('fails naming an explicitly given path that does not exist', async () => {
    const dir = makeTempDir('config');
    const path = join(dir, 'missing.ini');
    const load = loadConfig({ path, env: {} });
    await expect(load).rejects.toBeInstanceOf(ConfigError);
    await expect(load).rejects.toMatchObject({ code: 'CONFIG_FILE_NOT_FOUND' });
    await expect(load).rejects.toThrow(path);
  });

  it('uses the defaults, with a warning, when the default file is absent', async () => {
    const dir = makeTempDir('config');
    const { warnings, warn } = collect();
    const config = await loadConfig({ cwd: dir, env: {}, warn });
    // sqlite+aiosqlite:///packets.db, relative to the working directory.
    expect(config.database.connectionString).toMatchObject({
      dialect: 'sqlite',
      filename: join(dir, 'packets.db'),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `${DEFAULT_CONFIG_PATH}: no config file at ${join(dir, 'config.ini')}`,
    );
  });

  it('fails for an absent default file when required', async () => {
    const dir = makeTempDir('config');
    await expect(loadConfig({ cwd: dir, env: {}, required: true })).rejects.toMatchObject({
      code: 'CONFIG_FILE_NOT_FOUND',
    });
  });

  it('reads ./config.ini from cwd by default', async () => {
    const dir = makeTempDir('config');
    await writeFile(join(dir, 'config.ini'), '[site]\ntitle = Here\n');
    expect((await loadConfig({ cwd: dir, env: {} })).site.title).toBe('Here');
  });

  it('fails with CONFIG_FILE_UNREADABLE when the path is a directory', async () => {
    const dir = makeTempDir('config');
    await expect(loadConfig({ path: dir, env: {} })).rejects.toMatchObject({
      code: 'CONFIG_FILE_UNREADABLE',
    });
  });

  it('passes INI syntax errors through, naming the file and line', async () => {
    const dir = makeTempDir('config');
    const path = join(dir, 'bad.ini');
    await writeFile(path, 'port = 1\n');
    await expect(loadConfig({ path, env: {} })).rejects.toMatchObject({
      code: 'CONFIG_INI_NO_SECTION',
      fileName: path,
      line: 1,
    });
  });

  it("loads MeshView's sample.config.ini unchanged, without errors or warnings", async () => {
    const { warnings, warn } = collect();
    const config = await loadConfig({ path: meshviewSample, env: {}, warn });
    expect(warnings).toEqual([]);
    expect(config.server).toMatchObject({
      bind: '*',
      port: 8081,
      tlsCert: null,
      acmeChallenge: null,
    });
    expect(config.site).toMatchObject({
      domain: '',
      language: 'en',
      title: 'Bay Area Mesh',
      message: 'Real time data from around the bay area and beyond.',
      starting: '/chat',
      nodes: true,
      chat: true,
      everything: true,
      graphs: true,
      stats: true,
      net: true,
      map: true,
      top: true,
      mapTopLeftLat: 39,
      mapTopLeftLon: -123,
      mapBottomRightLat: 36,
      mapBottomRightLon: -121,
      mapInterval: 3,
      firehoseInterval: 3,
      netTag: '#BayMeshNet',
    });
    expect(config.site.weeklyNetMessage).toMatch(
      /^Weekly Mesh check-in\. .* 5:00pm .*#BayMeshNet\.$/,
    );
    expect(config.mqtt).toMatchObject({
      server: 'mqtt.bayme.sh',
      topics: ['msh/US/bayarea/#', 'msh/US/CA/mrymesh/#', 'msh/US/CA/sacvalley'],
      port: 1883,
      username: 'meshdev',
      password: 'large4cats',
      skipNodeIds: [],
      secondaryKeys: [],
    });
    expect(config.database.connectionString).toMatchObject({
      dialect: 'sqlite',
      filename: resolve('packets.db'),
    });
    expect(config.cleanup).toMatchObject({
      enabled: false,
      daysToKeep: 14,
      hour: 2,
      minute: 0,
      vacuum: false,
      backupEnabled: false,
      backupDir: './backups',
      backupHour: 2,
      backupMinute: 0,
    });
    expect(config.logging).toMatchObject({ accessLog: false, dbCleanupLogfile: 'dbcleanup.log' });
    expect(config.snapshot).toEqual({ hour: 1, minute: 0 });
  });

  it("loads the repository's config.ini without warnings", async () => {
    const { warnings, warn } = collect();
    const config = await loadConfig({ path: repoConfig, env: {}, warn });
    expect(warnings).toEqual([]);
    expect(config.mqtt).toMatchObject({ server: 'embedded', port: 1883, topics: ['msh/#'] });
    expect(config.mqtt.username).toBeNull();
    expect(config.mqtt.password).toBeNull();
    expect(config.database.connectionString).toMatchObject({
      dialect: 'sqlite',
      filename: resolve('packets.db'),
    });
    expect(config.server.port).toBe(8081);
  });
});
