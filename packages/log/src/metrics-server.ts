import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a `/metrics` listener serves: a prom-client `Registry` is one. */
export interface MetricsSource {
  /** The metrics in Prometheus' text format. */
  metrics(): Promise<string>;
  /** Its content type (the text format's version). */
  readonly contentType: string;
}

/** A running `/metrics` listener. */
export interface MetricsServer {
  /** The port it listens on. */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `registry` in Prometheus' text format at `GET /metrics` on `host`:`port`, a listener of
 * its own apart from any public one (`[metrics]`); anything else gets 404. Rejects when it cannot
 * listen (the port is taken, say).
 *
 * @example
 * const server = await startMetricsServer({ registry, host: '127.0.0.1', port: 9465 });
 */
export async function startMetricsServer(props: {
  readonly registry: MetricsSource;
  /** The address to listen on, as `listen` takes it (`listenHost` of a `*_bind` key). */
  readonly host: string;
  readonly port: number;
}): Promise<MetricsServer> {
  const { registry } = props;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('metrics are at GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(props.port, props.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
