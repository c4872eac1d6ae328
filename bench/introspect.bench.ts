/**
 * Introspection benchmark: a schema of N tables (five columns, two indexes, a unique constraint
 * and a foreign key each) on SQLite, and on PostgreSQL when TEST_PG_URL is set; prints how long
 * `compareSchema` takes to read the whole schema and diff it against the same models, and how
 * many queries it sent (a fixed number, whatever N).
 *
 *   npx tsx bench/introspect.bench.ts [--tables 500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '@meshview/db/connection';
import { column, defineTable, renderSchemaDdl, type DialectName } from '@meshview/schema';
import { compareSchema } from '@meshview/migrate';
import { writeResults } from './results.js';

const { values: args } = parseArgs({ options: { tables: { type: 'string', default: '500' } } });
const TABLES = Number(args.tables);

const models = Array.from({ length: TABLES }, (_, i) =>
  defineTable(
    `bench_${String(i).padStart(4, '0')}`,
    {
      id: column.bigInteger().primaryKey(),
      parent_id: column.bigInteger(),
      name: column.string({ length: 40 }).notNull().serverDefault(''),
      code: column.string().unique(),
      seen_us: column.bigInteger(),
    },
    {
      indexes: [
        { name: `ix_bench_${i}_name`, columns: ['name'] },
        { name: `ix_bench_${i}_seen`, columns: [{ column: 'seen_us', order: 'desc' }] },
      ],
      foreignKeys:
        i === 0
          ? []
          : [{ columns: ['parent_id'], references: { table: 'bench_0000', columns: ['id'] } }],
    },
  ),
);

const figures: Record<string, unknown> = {};

async function measure(dialect: DialectName, url: string): Promise<void> {
  const handle = await openDatabase(url);
  try {
    for (const statement of renderSchemaDdl(models, dialect))
      await sql.raw(statement).execute(handle.db);
    let queries = 0;
    const db = handle.db.withPlugin({
      transformQuery: (a) => {
        queries += 1;
        return a.node;
      },
      transformResult: (a) => Promise.resolve(a.result),
    });
    const started = performance.now();
    const changes = await compareSchema({ db, dialect, models });
    const ms = performance.now() - started;
    if (changes.length > 0) throw new Error(`${dialect}: ${changes.length} unexpected differences`);
    console.log(`${dialect.padEnd(8)} ${TABLES} tables: ${ms.toFixed(0)} ms, ${queries} queries`);
    figures[dialect] = { tables: TABLES, compare_ms: Math.round(ms), queries };
  } finally {
    await handle.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'introspect-bench-'));
try {
  await measure('sqlite', `sqlite:///${join(dir, 'bench.db')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pgUrl = process.env.TEST_PG_URL;
if (pgUrl) {
  const name = `mvbench_introspect_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    await measure('postgres', url.toString());
  } finally {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log('postgres skipped: TEST_PG_URL is not set');
  figures.postgres = { skipped: 'TEST_PG_URL is not set' };
}
console.log(
  `wrote ${writeResults('introspect', {
    method: 'compareSchema reading a whole schema and diffing it against the same models, once',
    ...figures,
  })}`,
);
