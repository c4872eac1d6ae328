import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../src/http/route-table.js';

describe('RouteTable', () => {
  it('gives the methods whose routes match a path: static, parameter and wildcard segments', async () => {
    const app = Fastify();
    const routes = new RouteTable();
    routes.install(app);
    const ok = () => ({});
    app.get('/api/nodes', ok);
    app.post('/api/nodes', ok);
    app.get('/api/node/:id', ok);
    app.delete('/api/node/:id/keys/:key', ok);
    app.get('/files/*', ok);
    await app.ready();
    expect(routes.methodsAt('/api/nodes')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.methodsAt('/api/node/42')).toEqual(['GET', 'HEAD']);
    expect(routes.methodsAt('/api/node/42/keys/a')).toEqual(['DELETE']);
    expect(routes.methodsAt('/files/a/b/c')).toEqual(['GET', 'HEAD']);
    expect(routes.methodsAt('/files/')).toEqual(['GET', 'HEAD']);
    // An empty parameter, a longer or shorter path, another case: no route.
    for (const path of ['/api/node/', '/api/nodes/1', '/api', '/API/nodes', '/', '/files']) {
      expect(routes.methodsAt(path), path).toEqual([]);
    }
    await app.close();
  });
});
