import { chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '#test/databases.js';
import { killAllApps, startApp, writeAppConfig } from '#test/processes.js';
import { nobodySkipReason, runAppAsNobody } from '#test/run-as-nobody.js';
import { makeSelfSignedCertificate } from '#test/tls.js';
import { migrateToProductHead } from '#test/product.js';
import { makeTempDir } from '#test/tmp.js';

const LISTENING = /^reader listening on /;

/** A config on a SQLite database already at head, so that the reader goes straight to listen. */
async function migratedConfig(name: string): Promise<{ config: string; dirs: string[] }> {
  const url = await freshDatabaseUrl('sqlite', name);
  await migrateToProductHead(url);
  const dir = makeTempDir(name);
  return {
    config: writeAppConfig(dir, { connectionString: url, waitRetries: 2, waitDelayS: 0.2 }),
    dirs: [dir, dirname(url.slice('sqlite:///'.length))],
  };
}

/** Starts a reader with `[server]` keys set from the environment; resolves when it has exited. */
async function failedReader(name: string, server: Readonly<Record<string, string>>) {
  const { config } = await migratedConfig(name);
  const env = Object.fromEntries(
    Object.entries(server).map(([key, value]) => [`MESHVIEW_SERVER__${key.toUpperCase()}`, value]),
  );
  const reader = startApp('reader', ['--config', config], { env });
  const exit = await reader.waitForExit(20_000);
  expect(exit.code, reader.output()).toBe(1);
  expect(reader.findLog(LISTENING)).toBeUndefined();
  return reader;
}

describe('[server] errors name their key, its value and what to do (real reader processes)', () => {
  afterEach(killAllApps);
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  });

  it('a port already in use names [server] port', async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    const reader = await failedReader('server_port_taken', { bind: '127.0.0.1', port: `${port}` });
    expect(reader.stderr).toBe(
      `reader failed [READER_PORT_IN_USE]: [server] port = ${port}: the port is already in use ` +
        `on 127.0.0.1 (EADDRINUSE): another reader, or another program, listens there. Stop it, ` +
        `or set [server] port to a free port\n`,
    );
  });

  it('an address no interface of this machine has names [server] bind', async () => {
    // 203.0.113.0/24 is TEST-NET-3 (RFC 5737), documentation only.
    const reader = await failedReader('server_bind_absent', { bind: '203.0.113.77' });
    expect(reader.stderr).toBe(
      'reader failed [READER_BIND_UNAVAILABLE]: [server] bind = 203.0.113.77: the reader cannot ' +
        'listen there (EADDRNOTAVAIL: no interface of this machine has that address). Set ' +
        '[server] bind to an address of this machine, 127.0.0.1 for this machine only, or * for ' +
        'all interfaces\n',
    );
  });

  it('a host name that does not resolve names [server] bind', async () => {
    const reader = await failedReader('server_bind_name', { bind: 'no-such-host.invalid' });
    expect(reader.stderr).toMatch(
      /^reader failed \[READER_BIND_UNAVAILABLE\]: \[server\] bind = no-such-host\.invalid: the reader cannot listen there \((ENOTFOUND|EAI_AGAIN|EAI_NONAME): .*\)\. Set \[server\] bind to an address of this machine/,
    );
  });

  it('a TLS file that is missing names [server] tls_cert', async () => {
    const missing = join(makeTempDir('server_tls_missing'), 'chain.pem');
    const reader = await failedReader('server_tls_missing', { tls_cert: missing });
    expect(reader.stderr).toMatch(
      new RegExp(
        `^reader failed \\[READER_CONFIG_INVALID\\]: \\[server\\] tls_cert = ${missing}: cannot read the file \\(ENOENT\\)\\. Check the path`,
      ),
    );
  });

  describe.skipIf(nobodySkipReason)(
    `as an unprivileged user${nobodySkipReason ? ` (${nobodySkipReason})` : ''}`,
    () => {
      it('a port below 1024 names [server] port and what to do', async () => {
        const { config, dirs } = await migratedConfig('server_port_low');
        const result = await runAppAsNobody('reader', ['--config', config], {
          writable: dirs,
          env: { MESHVIEW_SERVER__PORT: '80' },
        });
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stderr).toMatch(
          /^reader failed \[READER_PORT_FORBIDDEN\]: \[server\] port = 80: the system does not let the reader listen on it \(EACCES; ports below 1024 need privileges\)\. Set \[server\] port to 1024 or above/,
        );
      });

      it('a TLS key the user may not read names [server] tls_key and what to do', async () => {
        const { config, dirs } = await migratedConfig('server_tls_unreadable');
        const tlsDir = makeTempDir('server_tls_unreadable');
        const cert = join(tlsDir, 'cert.pem');
        const key = join(tlsDir, 'key.pem');
        makeSelfSignedCertificate(cert, key);
        chmodSync(tlsDir, 0o755);
        chmodSync(cert, 0o644);
        chmodSync(key, 0o600); // root's own
        const result = await runAppAsNobody('reader', ['--config', config], {
          writable: dirs,
          env: { MESHVIEW_SERVER__TLS_CERT: cert, MESHVIEW_SERVER__TLS_KEY: key },
        });
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stderr).toBe(
          `reader failed [READER_CONFIG_INVALID]: [server] tls_key = ${key}: cannot read the ` +
            "file (EACCES). Let the reader's user read the file (and enter its folders)\n",
        );
      });
    },
  );
});
