import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { describe, it } from 'vitest';
import { freshDatabaseUrl } from '#test/databases.js';
import { waitUntil, writeAppConfig } from '#test/processes.js';
import { nobodySkipReason, runAppAsNobody } from '#test/run-as-nobody.js';
import { makeTempDir } from '#test/tmp.js';
import { startWriter } from './test-writer.js';

describe('the embedded broker', () => {
  it('says the port is taken and how to use that broker, keeps the writer up, and binds once the port is free', async ({
    expect,
    onTestFinished,
  }) => {
    // Stands for a Mosquitto already listening on every interface.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as { port: number };

    const { writer } = await startWriter(onTestFinished, 'sqlite', 'port_taken', {
      server: 'embedded',
      port,
    });
    const error = await writer.waitForLog((l) => l.code === 'WRITER_BROKER_PORT_IN_USE', 30_000);
    expect(error.level).toBe(50);
    expect(String(error.msg)).toContain(`port ${port}`);
    expect(String(error.msg)).toContain('already in use');
    expect(String(error.msg)).toContain('set [mqtt] server = 127.0.0.1');
    expect(writer.running).toBe(true);

    await new Promise<void>((resolve) => taken.close(() => resolve()));
    await writer.waitForLog(`embedded MQTT broker listening on port ${port}`, 30_000);
    await waitUntil(() => writer.running, { timeoutMs: 1000, what: 'the writer still running' });
  });

  it.skipIf(nobodySkipReason)(
    `stops the writer naming [mqtt] port and what to do when the user may not bind it${nobodySkipReason ? ` (${nobodySkipReason})` : ''}`,
    async ({ expect }) => {
      const url = await freshDatabaseUrl('sqlite', 'port_forbidden');
      const configDir = makeTempDir('port_forbidden');
      const config = writeAppConfig(configDir, {
        connectionString: url,
        // Ports below 1024 need privileges (net.ipv4.ip_unprivileged_port_start, 1024 by default).
        mqtt: { server: 'embedded', port: 883, bind: '127.0.0.1' },
      });
      const result = await runAppAsNobody('writer', ['--config', config], {
        writable: [configDir, dirname(url.slice('sqlite:///'.length))],
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(
        /^writer failed \[WRITER_BROKER_PORT_FORBIDDEN\]: \[mqtt\] port = 883: the system does not let the writer listen on it \(EACCES; .*\)\. Choose a port of 1024 or above/,
      );
    },
  );
});
