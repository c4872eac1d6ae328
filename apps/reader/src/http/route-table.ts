import type { FastifyInstance, RouteOptions } from 'fastify';

/** A registered route: its method and URL pattern (`/api/packets_seen/:packet_id`). */
interface RegisteredRoute {
  readonly method: string;
  readonly segments: readonly string[];
}

/**
 * Every route of the app (hidden ones and Fastify's HEAD routes too), so that a request for a
 * path that exists under another method can be answered 405 with the methods it takes, instead
 * of a 404 that says the path does not exist. Call `install` before registering routes.
 *
 * @example
 * const routes = new RouteTable();
 * routes.install(app);
 * routes.methodsAt('/api/nodes'); // ['GET', 'HEAD']
 */
export class RouteTable {
  readonly #routes: RegisteredRoute[] = [];

  install(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        this.#routes.push({ method: method.toUpperCase(), segments: route.url.split('/') });
      }
    });
  }

  /** The methods whose routes match `path` (no query string), sorted; empty when none does. */
  methodsAt(path: string): readonly string[] {
    const segments = path.split('/');
    const methods = new Set<string>();
    for (const route of this.#routes) {
      if (matches(route.segments, segments)) methods.add(route.method);
    }
    return [...methods].sort();
  }

  /**
   * The URL patterns, split at `/`, of the `method` routes that match `path` (no query string),
   * in registration order: `['', 'api', 'packets_seen', ':packet_id']`.
   */
  patternsAt(method: string, path: string): readonly (readonly string[])[] {
    const segments = path.split('/');
    const wanted = method.toUpperCase();
    return this.#routes
      .filter((route) => route.method === wanted && matches(route.segments, segments))
      .map((route) => route.segments);
  }
}

/**
 * Whether a path's segments fit a pattern's: a static segment is compared as written, one with a
 * parameter (`:id`, `:a-:b`) takes any non-empty segment, and `*` takes the rest of the path
 * (which may be empty).
 */
function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    const segment = segments[i];
    if (segment === undefined) return false;
    // `/files/*` takes `/files/` and below (even empty), not `/files`, as the router does.
    if (part === '*') return true;
    if (part.includes(':') ? segment === '' : part !== segment) return false;
  }
  return pattern.length === segments.length;
}
