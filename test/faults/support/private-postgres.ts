import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '#test/free-port.js';

/** The newest installed PostgreSQL's bin folder (Debian's layout), or undefined. */
const binDir: string | undefined = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
})();

/** The OS user the cluster runs as: PostgreSQL refuses to run as root. */
const CLUSTER_USER = 'postgres';

/** Why a private cluster cannot be made here, for test names; undefined when it can. */
export const privatePostgresSkipReason: string | undefined = (() => {
  if (!binDir) return 'skipped: initdb is not installed (/usr/lib/postgresql/*/bin)';
  if (userInfo().uid !== 0) return 'skipped: making a private cluster needs root (runuser)';
  if (spawnSync('id', [CLUSTER_USER]).status !== 0)
    return `skipped: there is no "${CLUSTER_USER}" OS user to run the private cluster as`;
  return undefined;
})();

/**
 * A PostgreSQL cluster of the test's own (never the shared one on 5432): `initdb` into a temporary
 * folder, trust authentication, a free port on 127.0.0.1 and its unix socket in that folder, run
 * as the `postgres` OS user. It can be restarted and its connections cut; `destroy` stops it and
 * removes the folder.
 */
export class PrivatePostgres {
  readonly port: number;
  readonly #dir: string;
  readonly #data: string;

  private constructor(dir: string, port: number) {
    this.#dir = dir;
    this.#data = join(dir, 'data');
    this.port = port;
  }

  /** Makes and starts a cluster; throws (after cleaning up) when it cannot. */
  static async start(): Promise<PrivatePostgres> {
    if (privatePostgresSkipReason) throw new Error(privatePostgresSkipReason);
    const dir = mkdtempSync(join(tmpdir(), 'meshview-private-pg-'));
    const { uid, gid } = userIdOf(CLUSTER_USER);
    chownSync(dir, uid, gid);
    const cluster = new PrivatePostgres(dir, await freePort());
    try {
      cluster.#run('initdb', ['-D', cluster.#data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
      cluster.#ctl('start');
    } catch (error) {
      cluster.destroy();
      throw error;
    }
    return cluster;
  }

  /** A connection string to `database` on this cluster, over TCP. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates a database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE "${name}"`);
    return this.url(name);
  }

  /** Runs one statement on a connection of its own, as the superuser. */
  async query<Row = unknown>(statement: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      return (await client.query(statement)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** `pg_ctl restart -m fast`: every connection is cut, the server is down a moment. */
  restart(): void {
    this.#ctl('restart', ['-m', 'fast']);
  }

  /** Cuts every connection to `database` with `pg_terminate_backend`; returns how many. */
  async terminate(database: string): Promise<number> {
    const rows = await this.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
       WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
    return rows.filter((r) => r.ok).length;
  }

  /** Stops the server (immediately) and removes its folder; safe to call more than once. */
  destroy(): void {
    if (existsSync(join(this.#data, 'postmaster.pid'))) {
      try {
        this.#ctl('stop', ['-m', 'immediate']);
      } catch {
        // Already gone: the folder goes anyway.
      }
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #ctl(action: string, extra: readonly string[] = []): void {
    this.#run('pg_ctl', [
      action,
      '-D',
      this.#data,
      '-w',
      '-t',
      '60',
      '-l',
      join(this.#dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.#dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      ...extra,
    ]);
  }

  #run(program: string, args: readonly string[]): void {
    execFileSync('runuser', ['-u', CLUSTER_USER, '--', join(binDir!, program), ...args], {
      cwd: this.#dir,
      stdio: 'pipe',
    });
  }
}

function userIdOf(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
