import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { waitUntil } from './processes.js';

/** Why tests that need a Mosquitto of their own are skipped; undefined when they run. */
export const mosquittoMissing: string | undefined =
  spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0
    ? undefined
    : 'skipped: the mosquitto binary is not installed (apt-get install mosquitto)';

/**
 * A Mosquitto of a test's own, on a free port of 127.0.0.1, that keeps its sessions and queued
 * messages on disk in `dir` (`persistence true`) with no limit on the messages it queues for an
 * offline persistent session (`max_queued_messages 0`). `stop` ends it with SIGTERM (it saves
 * its database then) and `start` brings it back on the same port with what it saved. Its log is
 * `dir/mosquitto.log`.
 *
 * @example
 * const broker = await PrivateMosquitto.start(makeTempDir('broker'));
 * await broker.stop();
 * await broker.start();
 */
export class PrivateMosquitto {
  readonly port: number;
  readonly dir: string;
  readonly #conf: string;
  #process: ChildProcess | undefined;

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
    this.#conf = join(dir, 'mosquitto.conf');
    writeFileSync(
      this.#conf,
      [
        'user root',
        `listener ${port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${dir}/`,
        'max_queued_messages 0',
        `log_dest file ${join(dir, 'mosquitto.log')}`,
        '',
      ].join('\n'),
    );
  }

  /** Writes the configuration into `dir` and starts the broker. */
  static async start(dir: string): Promise<PrivateMosquitto> {
    const broker = new PrivateMosquitto(dir, await freePort());
    await broker.start();
    return broker;
  }

  /**
   * The `[mqtt]` keys of a writer that keeps a persistent QoS 1 session on this broker
   * (`clean_session = false`, a fixed `client_id`), subscribed to everything under `root`.
   */
  persistentSession(root: string, clientId: string) {
    return {
      server: '127.0.0.1',
      port: this.port,
      topics: JSON.stringify([`${root}/#`]),
      qos: 1,
      clean_session: 'false',
      client_id: clientId,
    };
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Whether the broker process runs. */
  get running(): boolean {
    return this.#process !== undefined;
  }

  /** Starts the broker (again) and resolves once it accepts connections. */
  async start(): Promise<void> {
    const child = spawn('mosquitto', ['-c', this.#conf], { stdio: 'ignore' });
    this.#process = child;
    child.once('exit', () => {
      if (this.#process === child) this.#process = undefined;
    });
    await waitUntil(
      async () => {
        if (this.#process !== child) throw new Error(`mosquitto exited; see ${this.dir}`);
        return this.#accepts();
      },
      { timeoutMs: 10_000, what: 'mosquitto to listen' },
    );
  }

  /** Ends the broker with SIGTERM and waits until it has exited (its database saved). */
  async stop(): Promise<void> {
    const child = this.#process;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  // Connect, never bind: a probe that bound the port could take it from mosquitto.
  #accepts(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }
}
