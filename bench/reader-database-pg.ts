/**
 * The reader benchmark's database on PostgreSQL: a copy of the SQLite one (`readerDatabase`),
 * row for row, built once and reused. The schema is made by our own migrator, so it is the
 * product's; the rows are then copied table by table with `COPY … FROM STDIN` (a batch of rows a
 * COPY, the next batch read from SQLite while PostgreSQL stores one) while the tables have
 * no indexes or keys, which are put back after exactly as they were. The database's comment holds
 * the fingerprint of what it was copied from, written last: a copy that did not finish, or one of
 * another SQLite file, is rebuilt.
 */
import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '@meshview/db';
import { ENGINE_TABLE_NAMES } from '@meshview/migrate';
import { createMeshviewMigrator } from '@meshview/migrations';

/** Rows a COPY: big enough to amortise a round trip, small enough to keep memory flat. */
const BATCH_ROWS = 50_000;
/** Changes when the copy makes a different database from the same SQLite file. */
const COPY_FORMAT = 1;

/**
 * Returns the `postgres:` URL of database `name` on the server of `pgServerUrl` (a URL of any
 * database there, used for CREATE/DROP DATABASE), holding the rows of the SQLite benchmark
 * database at `sqlitePath` (built beforehand by `readerDatabase`); copies them first when the
 * database is missing, unfinished or made from other rows. The SQLite file is only read.
 *
 * @example
 * const sqliteUrl = await readerDatabase(path, spec, log);
 * const pgUrl = await readerDatabasePg(path, 'postgres://postgres@127.0.0.1/postgres', 'meshview_bench_reader', log);
 */
export async function readerDatabasePg(
  sqlitePath: string,
  pgServerUrl: string,
  name: string,
  log: (line: string) => void,
): Promise<string> {
  // The name is spliced into DDL unquoted (CREATE DATABASE takes no parameter).
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  }
  const target = new URL(pgServerUrl);
  target.pathname = `/${name}`;
  const url = target.toString();

  let done: string;
  try {
    done = readFileSync(`${sqlitePath}.done`, 'utf8');
  } catch (error) {
    throw new Error(`${sqlitePath} is not a finished benchmark database: build it first`, {
      cause: error,
    });
  }
  const sqlite = new BetterSqlite3(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const tables = sqliteTables(sqlite);
    const rows = new Map(tables.map((table) => [table, sqliteCount(sqlite, table)]));
    const head = sqliteVersions(sqlite);
    const fingerprint = JSON.stringify({
      format: COPY_FORMAT,
      done,
      head,
      rows: Object.fromEntries(rows),
    });

    const server = new pg.Client({ connectionString: pgServerUrl });
    await server.connect();
    try {
      const { rows: found } = await server.query<{ comment: string | null }>(
        "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
        [name],
      );
      if (found[0]?.comment === fingerprint) {
        log(`reusing PostgreSQL database ${name}`);
        return url;
      }
      log(`copying ${sqlitePath} to PostgreSQL database ${name}`);
      await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server.query(`CREATE DATABASE ${name}`);
    } finally {
      await server.end();
    }

    const started = Date.now();
    const handle = await openDatabase(url);
    try {
      const migrator = await createMeshviewMigrator({ dialect: 'postgres', db: handle.db });
      await migrator.upgrade('head');
    } finally {
      await handle.close();
    }
    log(`  schema migrated to head in ${seconds(started)} s`);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await copy(client, sqlite, { tables, rows, head }, log);
      // Last: only a finished, verified copy is ever reused.
      await client.query(`COMMENT ON DATABASE ${name} IS ${client.escapeLiteral(fingerprint)}`);
    } finally {
      await client.end();
    }
    const total = [...rows.values()].reduce((a, b) => a + b, 0);
    log(`copied ${total} rows to ${name} in ${seconds(started)} s`);
    return url;
  } finally {
    sqlite.close();
  }
}

interface Source {
  readonly tables: readonly string[];
  readonly rows: ReadonlyMap<string, number>;
  readonly head: readonly string[];
}

/** A table's constraint (`p`rimary key, `u`nique, `f`oreign key) or plain index, as made. */
interface Definition {
  readonly table: string;
  readonly name: string;
  readonly kind: string;
  readonly sql: string;
}

async function copy(
  client: pg.Client,
  sqlite: BetterSqlite3.Database,
  source: Source,
  log: (line: string) => void,
): Promise<void> {
  const versions = (
    await client.query<{ v: string }>('SELECT version_num AS v FROM alembic_version ORDER BY 1')
  ).rows.map((r) => r.v);
  if (JSON.stringify(versions) !== JSON.stringify(source.head)) {
    throw new Error(
      `the SQLite database is at ${source.head.join(', ')} but the migrator's head is ` +
        `${versions.join(', ')}: rebuild the SQLite database (readerDatabase) with this checkout`,
    );
  }
  const pgTables = (
    await client.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
  ).rows
    .map((r) => r.t)
    .filter((t) => !ENGINE_TABLE_NAMES.includes(t))
    .sort();
  if (JSON.stringify(pgTables) !== JSON.stringify([...source.tables].sort())) {
    throw new Error(
      `the tables differ: SQLite has ${source.tables.join(', ')}; PostgreSQL ${pgTables.join(', ')}`,
    );
  }

  await client.query('SET synchronous_commit = off');
  await client.query("SET maintenance_work_mem = '1GB'");
  const definitions = await schemaDefinitions(client, pgTables);
  // Foreign keys first (they lean on the keys), then the plain indexes, then the keys.
  const order = ['f', 'i', 'u', 'p'];
  const dropping = [...definitions].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const d of dropping) {
    await client.query(
      d.kind === 'i'
        ? `DROP INDEX "${d.name}"`
        : `ALTER TABLE "${d.table}" DROP CONSTRAINT "${d.name}"`,
    );
  }

  for (const table of source.tables) {
    const started = Date.now();
    const copied = await copyTable(client, sqlite, table, log);
    log(`  ${table}: ${copied} rows in ${seconds(started)} s`);
  }

  let started = Date.now();
  for (const d of [...dropping].reverse()) {
    await client.query(
      d.kind === 'i' ? d.sql : `ALTER TABLE "${d.table}" ADD CONSTRAINT "${d.name}" ${d.sql}`,
    );
  }
  const rebuilt = await schemaDefinitions(client, pgTables);
  const key = (d: Definition) => `${d.table} ${d.name} ${d.kind} ${d.sql}`;
  if (rebuilt.map(key).sort().join('\n') !== definitions.map(key).sort().join('\n')) {
    throw new Error(`the indexes and keys put back differ from the migrated schema's`);
  }
  log(`  ${definitions.length} indexes and keys rebuilt in ${seconds(started)} s`);

  started = Date.now();
  await resetSequences(client, pgTables);
  await client.query('VACUUM (ANALYZE)');
  log(`  sequences reset, VACUUM (ANALYZE) in ${seconds(started)} s`);

  const wrong: string[] = [];
  for (const table of source.tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    const expected = source.rows.get(table);
    if (Number(rows[0]!.n) !== expected) {
      wrong.push(`${table}: ${rows[0]!.n} rows, SQLite has ${expected}`);
    }
  }
  if (wrong.length > 0) throw new Error(`the copy is incomplete: ${wrong.join('; ')}`);
}

/** Copies one table's rows; returns how many. */
async function copyTable(
  client: pg.Client,
  sqlite: BetterSqlite3.Database,
  table: string,
  log: (line: string) => void,
): Promise<number> {
  const columns = (
    await client.query<{ name: string; type: string }>(
      'SELECT column_name AS name, udt_name AS type FROM information_schema.columns ' +
        'WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
      [table],
    )
  ).rows;
  const sqliteColumns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[])
    .map((c) => c.name)
    .sort();
  if (JSON.stringify(sqliteColumns) !== JSON.stringify(columns.map((c) => c.name).sort())) {
    throw new Error(
      `${table}'s columns differ: SQLite has ${sqliteColumns.join(', ')}; PostgreSQL ${columns.map((c) => c.name).join(', ')}`,
    );
  }
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  const statement = `COPY "${table}" (${list}) FROM STDIN`;
  const encoders = columns.map((c) => copyField(c.type));
  const encode = (row: readonly unknown[]): string =>
    row.map((v, i) => (v === null ? '\\N' : encoders[i]!(v))).join('\t');

  const select = sqlite.prepare(`SELECT ${list} FROM "${table}"`).raw(true);
  let lines: string[] = [];
  let copied = 0;
  // One COPY in flight while the next batch is read and encoded.
  let pending: Promise<void> = Promise.resolve();
  const send = async () => {
    const data = Buffer.from(`${lines.join('\n')}\n`);
    copied += lines.length;
    lines = [];
    await pending;
    pending = copyFrom(client, statement, data);
    // Awaited at the next batch; handled now so that a failure reading SQLite is the one reported.
    pending.catch(() => undefined);
    if (copied % 1_000_000 === 0) log(`    ${table}: ${copied} rows`);
  };
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    lines.push(encode(row));
    if (lines.length === BATCH_ROWS) await send();
  }
  if (lines.length > 0) await send();
  await pending;
  return copied;
}

/** Encodes a value of a column of `type` (udt_name) as a field of COPY's text format. */
function copyField(type: string): (value: unknown) => string {
  switch (type) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
      return (v) => String(v);
    case 'bool':
      // SQLite keeps booleans as 0 and 1.
      return (v) => (v ? 't' : 'f');
    case 'bytea':
      // bytea's hex form, its backslash escaped for COPY.
      return (v) => `\\\\x${(v as Buffer).toString('hex')}`;
    default:
      // Text of any kind (varchar, text, date): backslash, tab, newline and CR escaped.
      return (v) => String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);
  }
}

const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** What a COPY needs of pg's connection: what pg-copy-streams uses, left out of @types/pg. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * Runs `COPY … FROM STDIN` with `data` (whole rows in COPY's text format) as one query in the
 * client's queue: a pg `Submittable` answering the protocol messages the way pg-copy-streams
 * does, which is not installed. COPY takes rows several times faster than INSERT … unnest.
 */
function copyFrom(client: pg.Client, statement: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const submittable = {
      submit: (connection: pg.Connection) => connection.query(statement),
      handleCopyInResponse: (connection: CopyConnection) => {
        connection.sendCopyFromChunk(data);
        connection.endCopyFrom();
      },
      handleCommandComplete: () => undefined,
      handleError: (error: Error) => {
        failed = true;
        reject(new Error(`${statement}: ${error.message}`, { cause: error }));
      },
      handleReadyForQuery: () => {
        if (!failed) resolve();
      },
    };
    client.query(submittable);
  });
}

/** The tables' keys and unique constraints, foreign keys, and indexes that back no constraint. */
async function schemaDefinitions(
  client: pg.Client,
  tables: readonly string[],
): Promise<Definition[]> {
  const { rows } = await client.query<Definition>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.contype AS kind,
            pg_get_constraintdef(c.oid) AS sql
       FROM pg_constraint c
      WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
        AND c.conrelid::regclass::text = ANY($1)
     UNION ALL
     SELECT i.tablename, i.indexname, 'i', i.indexdef
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
                           AND c.contype IN ('p', 'u'))`,
    [tables],
  );
  return rows;
}

/** Moves each serial column's sequence past the copied ids, as if the rows had been inserted. */
async function resetSequences(client: pg.Client, tables: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT table_name AS "table", column_name AS "column",
            pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)
        AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
    [tables],
  );
  for (const { table, column, sequence } of rows) {
    await client.query(
      `SELECT setval($1, COALESCE((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`,
      [sequence],
    );
  }
}

function sqliteTables(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((t) => !ENGINE_TABLE_NAMES.includes(t));
}

function sqliteCount(sqlite: BetterSqlite3.Database, table: string): number {
  return sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
}

function sqliteVersions(sqlite: BetterSqlite3.Database): string[] {
  return sqlite
    .prepare('SELECT version_num FROM alembic_version ORDER BY 1')
    .pluck()
    .all() as string[];
}

const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);
