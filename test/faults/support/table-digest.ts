import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '@meshview/db';

/** Every table's row count and a SHA-256 of its rows (in a stable order), by table name. */
export type TableDigest = Readonly<Record<string, { readonly rows: number; readonly sha: string }>>;

/**
 * Reads every table of the database whole and digests it: two digests are equal only when no
 * row was added, removed or changed anywhere. For the databases of fault tests (thousands of
 * rows), not for large ones.
 */
export async function tableDigest<DB>(db: Kysely<DB>, dialect: DialectName): Promise<TableDigest> {
  const tables =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          ORDER BY name`.execute(db)
      : await sql<{ name: string }>`
          SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          ORDER BY table_name`.execute(db);
  const digest: Record<string, { rows: number; sha: string }> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
      db,
    );
    const lines = rows.map((row) => JSON.stringify(row, plain)).sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line).update('\n');
    digest[name] = { rows: rows.length, sha: hash.digest('hex') };
  }
  return digest;
}

/** JSON for what drivers return: bigints and bytes as text. */
function plain(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}
