// Which TCP ports the demo listens on: the usual ones when free, others when not.
import { createServer } from 'node:net';

/** Whether nothing listens on `port` at `host` (a listen there succeeds). */
export function isFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the system picks as free on `host`. */
export function anyFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `wanted` when it is free, else any free port (avoiding `taken`). */
export async function choosePort(wanted, taken = []) {
  if (!taken.includes(wanted) && (await isFree(wanted))) return wanted;
  for (;;) {
    const port = await anyFreePort();
    if (!taken.includes(port)) return port;
  }
}
