/**
 * The host to pass to `listen()` for a `[server] bind` value. MeshView's `*` (and an empty value)
 * mean all interfaces: `::`, which Node opens dual-stack, IPv6 and IPv4 (on a host without IPv6,
 * listen on `0.0.0.0` instead). Any other value is returned as is.
 *
 * @example
 * await app.listen({ host: listenHost(config.server.bind), port: config.server.port });
 */
export function listenHost(bind: string): string {
  const host = bind.trim();
  return host === '*' || host === '' ? '::' : host;
}
