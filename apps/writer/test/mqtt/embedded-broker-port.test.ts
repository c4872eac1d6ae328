import { createServer } from 'node:net';
import { describe, it } from 'vitest';
import { waitUntil } from '../../../../test/support/processes.js';
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
});
