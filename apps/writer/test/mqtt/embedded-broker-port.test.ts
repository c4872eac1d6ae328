import { createServer } from 'node:net';
import { describe, it } from 'vitest';
import { startWriter } from './test-writer.js';

describe('the embedded broker', () => {
  it('makes the writer exit 1 naming the port and the way out when the port is taken', async ({
    expect,
    onTestFinished,
  }) => {
    // Stands for a Mosquitto already listening on every interface.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const { port } = taken.address() as { port: number };

    const { writer } = await startWriter(onTestFinished, 'sqlite', 'port_taken', {
      server: 'embedded',
      port,
    });
    const exit = await writer.waitForExit(30_000);
    expect(exit.code, writer.output()).toBe(1);
    expect(writer.stderr).toContain('[WRITER_BROKER_PORT_IN_USE]');
    expect(writer.stderr).toContain(`port ${port}`);
    expect(writer.stderr).toContain('already in use');
    expect(writer.stderr).toContain('set [mqtt] server = 127.0.0.1');
    expect(writer.findLog(/^writer ready$/)).toBeUndefined();
  });
});
