import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DialectName } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';

/** A database migrated to head for one measurement: its URL, and how to throw it away. */
export interface BenchDatabase {
  readonly dialect: DialectName;
  readonly url: string;
  /** The SQLite file (null on PostgreSQL). */
  readonly file: string | null;
  drop(): Promise<void>;
}

/** Rows per table, to check that every contender stored the same. */
export type RowCounts = Readonly<Record<(typeof COUNTED)[number], number>>;

const COUNTED = ['packet', 'packet_seen', 'node', 'traceroute', 'node_public_key'] as const;

/** Where fresh databases come from: SQLite files in a temporary folder, or a PostgreSQL server. */
export interface BenchDatabases {
  readonly dialect: DialectName;
  fresh(): Promise<BenchDatabase>;
  close(): Promise<void>;
}

/** Fresh SQLite files, each migrated to head by our engine. */
export function sqliteDatabases(): BenchDatabases {
  const dir = mkdtempSync(join(tmpdir(), 'mv-bench-ingest-'));
  let n = 0;
  return {
    dialect: 'sqlite',
    async fresh() {
      n += 1;
      const file = join(dir, `bench-${n}.db`);
      const url = `sqlite:///${file}`;
      await migrate(url);
      return {
        dialect: 'sqlite',
        url,
        file,
        drop: () => {
          for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
          return Promise.resolve();
        },
      };
    },
    close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * Fresh PostgreSQL databases named `<name>`: one database is migrated to head once, as
 * `<name>_template`, and each fresh one is a copy of it (`CREATE DATABASE … TEMPLATE`).
 */
export async function postgresDatabases(serverUrl: string, name: string): Promise<BenchDatabases> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = `${name}_template`;
  const urlOf = (database: string): string => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const dropAll = async (): Promise<void> => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
  await dropAll();
  await admin.query(`CREATE DATABASE ${template}`);
  await migrate(urlOf(template));
  return {
    dialect: 'postgres',
    async fresh() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return {
        dialect: 'postgres',
        url: urlOf(name),
        file: null,
        drop: async () => {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
    async close() {
      await dropAll();
      await admin.end();
    },
  };
}

/** The rows each table holds. */
export async function rowCounts(url: string): Promise<RowCounts> {
  const handle = await openDatabase<unknown>(url);
  try {
    const counts: Record<string, number> = {};
    for (const table of COUNTED) {
      const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(
        table,
      )}`.execute(handle.db);
      counts[table] = Number(rows[0]!.n);
    }
    return counts as RowCounts;
  } finally {
    await handle.close();
  }
}

async function migrate(url: string): Promise<void> {
  const handle = await openDatabase(url);
  try {
    await (
      await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db })
    ).upgrade('head');
  } finally {
    await handle.close();
  }
}
