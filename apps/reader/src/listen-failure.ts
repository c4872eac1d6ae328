import { listenFailureCause, type ServerConfig } from '@meshview/config';
import { ServerListenError } from './errors.js';

/**
 * What `app.listen()`'s failure means for the operator: the `[server]` key to change (`port` when
 * the port is taken or needs privileges, `bind` when the address is not this machine's or does
 * not resolve), its value, and what to do. Anything else is still reported with both keys.
 *
 * @example
 * await app.listen({ host, port }).catch((error: unknown) => {
 *   throw listenFailure(error, config.server);
 * });
 */
export function listenFailure(
  error: unknown,
  server: Pick<ServerConfig, 'bind' | 'port'>,
): ServerListenError {
  const { bind, port } = server;
  const cause = listenFailureCause(error);
  const where = bind.trim() === '*' || bind.trim() === '' ? 'all interfaces' : bind;
  const options = { cause: error };
  switch (cause?.code) {
    case 'EADDRINUSE':
      return new ServerListenError(
        'READER_PORT_IN_USE',
        'port',
        `[server] port = ${port}: the port is already in use on ${where} (EADDRINUSE): another ` +
          `reader, or another program, listens there. Stop it, or set [server] port to a free ` +
          `port`,
        options,
      );
    case 'EACCES':
      return new ServerListenError(
        'READER_PORT_FORBIDDEN',
        'port',
        `[server] port = ${port}: the system does not let the reader listen on it (EACCES; ports ` +
          `below 1024 need privileges). Set [server] port to 1024 or above (8081 is the ` +
          `default) and put a reverse proxy in front, or give node the right to bind low ports ` +
          `(setcap cap_net_bind_service=+ep on the node binary)`,
        options,
      );
  }
  if (cause?.key === 'bind') {
    return new ServerListenError(
      'READER_BIND_UNAVAILABLE',
      'bind',
      `[server] bind = ${bind}: the reader cannot listen there (${cause.code}: ${cause.reason}). ` +
        `Set [server] bind to an address of this machine, 127.0.0.1 for this machine only, or * ` +
        `for all interfaces`,
      options,
    );
  }
  const errno = error as NodeJS.ErrnoException;
  return new ServerListenError(
    'READER_LISTEN_FAILED',
    'bind',
    `[server] bind = ${bind}, port = ${port}: the reader cannot listen there (` +
      `${errno.code ?? 'unknown'}: ${errno.message ?? String(error)}). Check both keys`,
    options,
  );
}
