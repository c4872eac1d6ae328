import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './tmp.js';

/** One pino JSON line an app wrote to stdout. */
export interface LogLine {
  readonly msg?: string;
  /** Milliseconds since the epoch, pino's `time`. */
  readonly time: number;
  readonly level?: number;
  readonly [field: string]: unknown;
}

/** How a child process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The apps that run as `node apps/<name>`. */
export type AppName = 'writer' | 'reader' | 'migrate';

interface LogWaiter {
  readonly predicate: (line: LogLine) => boolean;
  readonly resolve: (line: LogLine) => void;
}

const running = new Set<AppProcess>();

/**
 * A compiled app running as a real child process (`node apps/<name> …`, cwd = the repository),
 * its output collected: stdout's JSON lines parsed as logs, stderr kept as text.
 */
export class AppProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** When the process was spawned (ms since the epoch). */
  stdout = '';
  stderr = '';
  readonly logs: LogLine[] = [];
  /** Set once the process has exited and its output is fully read. */
  exit: ProcessExit | undefined;
  readonly #exited: Promise<ProcessExit>;
  #partial = '';
  readonly #waiters = new Set<LogWaiter>();

  constructor(
    name: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv = {},
    /** A command that runs node, e.g. `setpriv … ` to run it as another user; none by default. */
    wrapper: readonly string[] = [],
  ) {
    this.name = name;
    const [command, ...prefix] = [...wrapper, process.execPath];
    this.child = spawn(command, [...prefix, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.#onStdout(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    running.add(this);
    this.#exited = new Promise((resolve) => {
      // 'close' comes after 'exit' and after stdout and stderr have ended: all output is in.
      this.child.on('close', (code, signal) => {
        running.delete(this);
        this.exit = { code, signal };
        resolve(this.exit);
      });
      this.child.on('error', (error) => {
        this.stderr += `spawn error: ${error.message}\n`;
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Whether the process has not exited yet. */
  get running(): boolean {
    return this.exit === undefined;
  }

  /** The first log line whose `msg` matches, or undefined. */
  findLog(match: string | RegExp | ((line: LogLine) => boolean)): LogLine | undefined {
    return this.logs.find(toPredicate(match));
  }

  /** Every log line whose `msg` matches. */
  filterLogs(match: string | RegExp | ((line: LogLine) => boolean)): LogLine[] {
    return this.logs.filter(toPredicate(match));
  }

  /**
   * Resolves with the first log line (already written or to come) that matches; a string or a
   * RegExp is matched against `msg` (a string: `msg` includes it). Rejects when the process exits
   * first or when `timeoutMs` passes, with the process's output in the message.
   */
  waitForLog(
    match: string | RegExp | ((line: LogLine) => boolean),
    timeoutMs: number,
  ): Promise<LogLine> {
    const predicate = toPredicate(match);
    const seen = this.logs.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      const waiter: LogWaiter = {
        predicate,
        resolve: (line) => {
          cleanup();
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.name}: no log line matching ${describeMatch(match)} within ${timeoutMs} ms\n${this.output()}`,
          ),
        );
      }, timeoutMs);
      void this.#exited.then((exit) => {
        if (!this.#waiters.has(waiter)) return;
        cleanup();
        reject(
          new Error(
            `${this.name} exited (${exit.code ?? exit.signal}) before a log line matching ${describeMatch(match)}\n${this.output()}`,
          ),
        );
      });
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
    });
  }

  /** Resolves when the process has exited; rejects after `timeoutMs` (the process keeps running). */
  async waitForExit(timeoutMs: number): Promise<ProcessExit> {
    if (this.exit) return this.exit;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`${this.name} still running after ${timeoutMs} ms\n${this.output()}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.#exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a signal if the process still runs. */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then waits for the exit (SIGKILL if it does not come within `timeoutMs`). */
  async stop(timeoutMs = 10_000): Promise<ProcessExit> {
    this.kill('SIGTERM');
    try {
      return await this.waitForExit(timeoutMs);
    } catch (error) {
      this.kill('SIGKILL');
      await this.#exited;
      throw error;
    }
  }

  /** Everything the process wrote, for failure messages. */
  output(): string {
    return `--- ${this.name} (pid ${this.child.pid}) stdout ---\n${this.stdout}--- stderr ---\n${this.stderr}`;
  }

  #onStdout(chunk: string): void {
    this.stdout += chunk;
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop()!;
    for (const text of lines) {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue; // not a log line (a stray print); kept in `stdout` only
      }
      if (line === null || typeof line !== 'object') continue;
      this.logs.push(line);
      for (const waiter of [...this.#waiters]) if (waiter.predicate(line)) waiter.resolve(line);
    }
  }
}

/**
 * Starts `node apps/<app> …args` from the repository's root (the compiled app: run `npm run build`
 * first), with `env` added to this process's environment.
 *
 * @example
 * const writer = startApp('writer', ['--config', configFile]);
 * await writer.waitForLog(/writer ready$/, 30_000);
 */
export function startApp(
  app: AppName,
  args: readonly string[] = [],
  options: {
    readonly env?: NodeJS.ProcessEnv;
    readonly name?: string;
    /**
     * Runs node through this command (its path and the arguments follow): `unprivileged` in
     * unprivileged.ts, or {@link IN_OTHER_NAMESPACES}.
     */
    readonly wrapper?: readonly string[];
  } = {},
): AppProcess {
  return new AppProcess(
    options.name ?? app,
    [`apps/${app}`, ...args],
    options.env,
    options.wrapper,
  );
}

/**
 * Runs an app in pid and UTS namespaces of its own, as in a container of its own: it is pid 1
 * there, on the host name `other-ns`, and sees none of this host's processes by pid. Killing the
 * wrapper kills the app. Needs root (CI runs as root); see {@link namespacesSkipReason}.
 */
export const IN_OTHER_NAMESPACES: readonly string[] = [
  'unshare',
  '--pid',
  '--uts',
  '--fork',
  '--kill-child',
  'sh',
  '-c',
  'hostname other-ns && exec "$0" "$@"',
];

/** Why apps cannot run in namespaces of their own here, for test names; undefined when they can. */
export const namespacesSkipReason: string | undefined = (() => {
  const probe = spawnSync(IN_OTHER_NAMESPACES[0]!, [...IN_OTHER_NAMESPACES.slice(1), 'true']);
  if (probe.status === 0) return undefined;
  const why = probe.error?.message ?? probe.stderr?.toString().trim();
  return `skipped: cannot create pid and UTS namespaces here (${why}); run as root on Linux`;
})();

/** The settings an app test varies; everything else keeps config.ini's defaults. */
export interface AppConfig {
  readonly connectionString: string;
  readonly waitRetries?: number;
  readonly waitDelayS?: number;
  readonly lockLeaseS?: number;
  /** `[logging] level`; `info` by default. */
  readonly logLevel?: string;
  /** `[mqtt]` keys; by default the embedded broker on a free port. */
  readonly mqtt?: Readonly<Record<string, string | number>>;
}

/**
 * Writes a small `config.ini` for the apps into `dir` and returns its path: the database, the
 * reader's wait and the lock's lease, the server on 127.0.0.1 and a random port.
 */
export function writeAppConfig(
  dir: string,
  {
    connectionString,
    waitRetries = 5,
    waitDelayS = 0.5,
    lockLeaseS = 5,
    logLevel = 'info',
    mqtt = {},
  }: AppConfig,
): string {
  const file = join(dir, 'config.ini');
  writeFileSync(
    file,
    [
      '[database]',
      `connection_string = ${connectionString}`,
      '[migrations]',
      `wait_retries = ${waitRetries}`,
      `wait_delay_s = ${waitDelayS}`,
      `lock_lease_s = ${lockLeaseS}`,
      '[server]',
      'bind = 127.0.0.1',
      'port = 0',
      '[mqtt]',
      // By default the writer's embedded broker, on a free port of its own.
      ...Object.entries({ server: 'embedded', port: 0, ...mqtt }).map(([k, v]) => `${k} = ${v}`),
      // backup_before_migrate (auto) copies an upgraded SQLite database here, not into the
      // repository's ./backups.
      '[cleanup]',
      `backup_dir = ${join(dir, 'backups')}`,
      // Last, as before [cleanup] came: tests append keys to [logging].
      '[logging]',
      `level = ${logLevel}`,
      '',
    ].join('\n'),
  );
  return file;
}

/** Every process started here that has not exited yet. */
export function runningApps(): AppProcess[] {
  return [...running];
}

/**
 * Kills (SIGKILL) every app process still running and waits until they are gone; for `afterEach`,
 * so that a failed test leaves no process behind.
 */
export async function killAllApps(): Promise<void> {
  const left = [...running];
  for (const app of left) app.kill('SIGKILL');
  await Promise.all(left.map((app) => app.waitForExit(10_000).catch(() => undefined)));
}

/**
 * Polls `check` (every `intervalMs`) until it returns a truthy value, and returns that value;
 * throws with `what` in the message once `timeoutMs` has passed. For state that has no event to
 * await (a file's content, a row in the database).
 */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  { timeoutMs, intervalMs = 50, what }: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

function toPredicate(
  match: string | RegExp | ((line: LogLine) => boolean),
): (line: LogLine) => boolean {
  if (typeof match === 'function') return match;
  if (typeof match === 'string')
    return (line) => typeof line.msg === 'string' && line.msg.includes(match);
  return (line) => typeof line.msg === 'string' && match.test(line.msg);
}

function describeMatch(match: string | RegExp | ((line: LogLine) => boolean)): string {
  return typeof match === 'function' ? 'the predicate' : JSON.stringify(String(match));
}
