import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';

interface Operation {
  readonly parameters: readonly { name: string; in: string; schema: Record<string, unknown> }[];
  readonly responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
}

/** The routes the pages call, each with the response schema it serialises with. */
const PAGE_ROUTES = [
  '/api/config',
  '/api/nodes',
  '/api/packets',
  '/api/packets_seen/{packet_id}',
  '/api/edges',
  '/api/traceroute/{packet_id}',
  '/api/node/{node_id}/qr',
  '/api/node/{node_id}/impersonation-check',
  '/api/node/{node_id}/receptions',
  '/api/channels',
  '/api/stats',
  '/api/stats/count',
  '/api/stats/top',
  '/api/snapshots/daily',
  '/api/stream/packets',
];

describe("the OpenAPI document lists the pages' routes and parameters", () => {
  let reader: ReaderUnderTest;
  let paths: Record<string, { get: Operation }>;
  beforeAll(async () => {
    reader = await buildReader('sqlite', { name: 'openapi_pages' });
    paths = (await reader.app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get: Operation }>;
    }>().paths;
  });
  afterAll(async () => {
    await reader?.close();
  });

  it('gives every page route its response schema', () => {
    for (const path of PAGE_ROUTES) {
      expect(paths[path]?.get.responses['200']?.content, path).toBeDefined();
    }
  });

  it('lists before, group_by and the receptions route with their rules', () => {
    const names = (path: string) => paths[path]!.get.parameters.map((p) => `${p.in}:${p.name}`);
    expect(names('/api/packets')).toContain('query:before');
    expect(paths['/api/stats']!.get.parameters.find((p) => p.name === 'group_by')).toMatchObject({
      in: 'query',
      schema: { type: 'string', enum: ['portnum', 'channel'] },
    });
    expect(names('/api/node/{node_id}/receptions')).toEqual([
      'path:node_id',
      'query:days',
      'query:limit',
    ]);
    const [, days, limit] = paths['/api/node/{node_id}/receptions']!.get.parameters;
    expect(days!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 30, default: 7 });
    expect(limit!.schema).toMatchObject({ type: 'integer', default: 1000 });
    expect(paths['/api/node/{node_id}/receptions']!.get.responses['404']).toBeDefined();
  });
});
