import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '#test/tmp.js';
import type { ErrorBody } from '../src/http/error-body.js';
import { TranslationStore } from '../src/translation-store.js';
import { buildReader, type ReaderUnderTest } from './support/reader-app.js';

// Secrets no answer may ever contain.
const SECRETS = [
  'mqttUserSecret1',
  'mqttPassSecret2',
  'brokerUrlSecret3',
  'pgRolePassSecret4',
  'AAAAsecretKey5AAAAAAAAA==',
];
const SECRET_INI = `
[site]
title = Test Mesh
language = es
map_top_left_lat = 40.5
nodes = False
map_tile_urls = [{"name": "Topo", "url": "https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png"},
  {"name": "Satélite", "url": "https://sat.example/{z}/{y}/{x}.jpg", "attribution": "© Sat"}]
[mqtt]
server = mqtts://brokeruser:${SECRETS[2]}@broker.example:8883/path?x=1
topics = ["msh/US/#", "msh/EU/#"]
username = ${SECRETS[0]}
password = ${SECRETS[1]}
secondary_keys = ${SECRETS[4]}
[cleanup]
enabled = True
days_to_keep = 7
`;

/** The parts of the OpenAPI document this test reads. */
interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<
    string,
    { get: { parameters: unknown[]; responses: Record<string, unknown> } } | undefined
  >;
}

describe('/api/config, /api/lang and /api/openapi.json', () => {
  let reader: ReaderUnderTest;
  beforeAll(async () => {
    reader = await buildReader('sqlite', {
      name: 'site_routes',
      ini: `${SECRET_INI}\n[database]\nreader_connection_string = postgresql://ro:${SECRETS[3]}@db.example/mesh\n`,
    });
  });
  afterAll(async () => reader?.close());

  it("answers MeshView's safe subset of the config, and no secret anywhere", async () => {
    const answer = await reader.app.inject('/api/config');
    expect(answer.statusCode).toBe(200);
    const body = answer.json<Record<string, unknown>>();
    expect(body.site).toMatchObject({
      title: 'Test Mesh',
      language: 'es',
      nodes: 'false',
      chat: 'true',
      map_top_left_lat: 40.5,
      map_bottom_right_lon: -121,
      firehose_interval: 3,
      map_tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      map_tile_urls: [
        { name: 'Topo', url: 'https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png' },
        { name: 'Satélite', url: 'https://sat.example/{z}/{y}/{x}.jpg', attribution: '© Sat' },
      ],
    });
    expect(body.mqtt).toEqual({
      server: 'mqtts://broker.example:8883',
      topics: ['msh/US/#', 'msh/EU/#'],
    });
    expect(body.cleanup).toEqual({
      enabled: 'true',
      days_to_keep: 7,
      hour: 2,
      minute: 0,
      vacuum: 'false',
    });
    expect(Object.keys(body).sort()).toEqual(['cleanup', 'mqtt', 'site']);
    for (const path of ['/api/config', '/health', '/version', '/api/openapi.json', '/api/lang']) {
      const text = (await reader.app.inject(path)).body;
      for (const secret of [...SECRETS, reader.url, 'password', 'connection_string']) {
        expect(text, `${path} must not contain ${secret}`).not.toContain(secret);
      }
    }
  });

  it('answers translations: the site language by default, a section, 404s naming the parameter', async () => {
    const all = await reader.app.inject('/api/lang');
    expect(all.statusCode).toBe(200);
    expect(all.json<{ base: { map: string } }>().base.map).toBe('Mapa'); // [site] language = es
    const base = await reader.app.inject('/api/lang?lang=en&section=base');
    expect(base.json()).toMatchObject({ nodes: 'Nodes', map: 'Map' });
    const noSection = await reader.app.inject('/api/lang?lang=en&section=nope');
    expect(noSection.statusCode).toBe(404);
    expect(noSection.json()).toMatchObject({ error: 'not found', parameter: 'section' });
    const noLang = await reader.app.inject('/api/lang?lang=fr');
    expect(noLang.statusCode).toBe(404);
    expect(noLang.json()).toMatchObject({ parameter: 'lang' });
    // Prototype names are not sections.
    expect((await reader.app.inject('/api/lang?section=constructor')).statusCode).toBe(404);
  });

  it('never lets a lang value leave the folder', async () => {
    for (const lang of [
      '../package',
      '..%2F..%2Fpackage',
      '/etc/passwd',
      '..\\package',
      'en/../../package',
      'en%00',
      '.',
      '',
    ]) {
      const answer = await reader.app.inject(`/api/lang?lang=${lang}`);
      expect(answer.statusCode, lang).toBe(400);
      expect(answer.json<ErrorBody>().parameter, lang).toBe('lang');
    }
    const store = new TranslationStore(makeTempDir('lang-escape'));
    for (const name of ['../package', '..', 'a/../../b', '/etc/passwd']) {
      expect(await store.get(name), name).toBeUndefined();
    }
  });

  it('reads a translation file again when its mtime changes', async () => {
    const dir = makeTempDir('lang-cache');
    const file = join(dir, 'en.json');
    writeFileSync(file, JSON.stringify({ base: { map: 'One' } }));
    utimesSync(file, 1_000, 1_000);
    const store = new TranslationStore(dir);
    expect(await store.get('en')).toEqual({ base: { map: 'One' } });
    writeFileSync(file, JSON.stringify({ base: { map: 'Two' } }));
    utimesSync(file, 1_000, 1_000);
    expect(await store.get('en')).toEqual({ base: { map: 'One' } }); // same mtime: cached
    utimesSync(file, 2_000, 2_000);
    expect(await store.get('en')).toEqual({ base: { map: 'Two' } });
    mkdirSync(join(dir, 'sub'));
    expect(await store.get('sub')).toBeUndefined();
  });

  it('describes every route and its parameters in the OpenAPI document', async () => {
    const answer = await reader.app.inject('/api/openapi.json');
    expect(answer.statusCode).toBe(200);
    const document = answer.json<OpenApiDocument>();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/version', '/api/config', '/api/lang']),
    );
    expect(document.paths['/api/openapi.json']).toBeUndefined();
    expect(document.paths['/api/lang']?.get.parameters).toEqual([
      expect.objectContaining({ name: 'lang', in: 'query', required: false }),
      expect.objectContaining({ name: 'section', in: 'query', required: false }),
    ]);
    expect(document.paths['/health']?.get.responses['400']).toBeDefined();
  });
});

describe('[server] base_path', () => {
  it('serves every route, the OpenAPI document and 404s under the prefix', async () => {
    const reader = await buildReader('sqlite', {
      name: 'base_path',
      ini: '[server]\nbase_path = /mesh/view/\n',
    });
    try {
      for (const path of ['/health', '/ready', '/version', '/api/config', '/api/lang']) {
        expect((await reader.app.inject(`/mesh/view${path}`)).statusCode, path).toBe(200);
        expect((await reader.app.inject(path)).statusCode, path).toBe(404);
      }
      const document = (
        await reader.app.inject('/mesh/view/api/openapi.json')
      ).json<OpenApiDocument>();
      expect(document.paths['/mesh/view/health']).toBeDefined();
      const missing = await reader.app.inject('/health');
      expect(missing.json()).toEqual({ error: 'not found', reason: 'no route GET /health' });
    } finally {
      await reader.close();
    }
  });
});
