import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '#test/free-port.js';
import { waitUntil } from '#test/processes.js';

/** Why a private Mosquitto cannot be started here; undefined when it can. */
export const mosquittoMissing: string | undefined =
  spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0
    ? undefined
    : 'skipped: the mosquitto binary is not installed (apt-get install mosquitto)';

/** A Mosquitto of the test's own on a free port, and how to stop it. */
export interface PrivateMosquitto {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `mosquitto -c <dir>/mosquitto.conf` on a free loopback port with no limit on the
 * messages it queues for a slow subscriber: the shared broker's default (1,000) drops QoS 1
 * messages it has acknowledged once the writer lags behind, which is the broker's loss, not the
 * writer's.
 */
export async function startPrivateMosquitto(dir: string): Promise<PrivateMosquitto> {
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `user root\nlistener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n`,
  );
  const broker: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  await waitUntil(
    () =>
      // Connect, never bind: a probe that bound the port could take it from mosquitto.
      new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
    { timeoutMs: 10_000, what: 'mosquitto to listen' },
  );
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      if (broker.exitCode !== null) return;
      const exited = new Promise((resolve) => broker.once('exit', resolve));
      broker.kill('SIGTERM');
      await exited;
    },
  };
}
