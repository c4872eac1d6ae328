/**
 * Issue 17 item 4, part 2: how long the engine takes to decide that a database at head is
 * current, in-process, as the apps do it:
 * - the writer's start with nothing pending: `migrator.status()` then `migrator.upgrade('head')`
 *   (which ensures the engine's tables, reads the version rows, settles the flag and returns);
 * - the reader's poll, each `[migrations] wait_delay_s`: `SchemaWatch.refresh()` over the
 *   reader's own `ReadOnlyStatusSource` (and, on SQLite, its `DatabaseFileWatch`).
 * The database is at the product's head and holds a simulated mesh's two days (stored through
 * the writer's pipeline). The first call of each (connection opened, scripts loaded and
 * checked) is reported apart from the repeated ones.
 */
import { parseConnectionString } from '@meshview/db/connection';
import { openDatabase, type Database } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { createMeshviewMigrator } from '@meshview/migrations';
import { simulateMesh } from '@meshview/sim';
import { sql } from 'kysely';
import { DatabaseFileWatch } from '../apps/reader/src/database-file-watch.js';
import { ReadOnlyStatusSource } from '../apps/reader/src/read-only-status-source.js';
import { SchemaWatch } from '../apps/reader/src/schema-watch.js';
import { storeTraffic } from '#test/store-traffic.js';

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly first: number;
  readonly repetitions: number;
  /** This process's CPU time per repetition (on PostgreSQL the server's is not in it). */
  readonly cpu_mean: number;
}

export interface UpToDateResult {
  readonly dialect: 'sqlite' | 'postgres';
  readonly data: Record<string, number>;
  /** `status()` + `upgrade('head')` with nothing pending, on the writer's read-write connection. */
  readonly writer_start: Percentiles;
  /** `SchemaWatch.refresh()`: one poll of the reader. */
  readonly reader_poll: Percentiles;
}

function percentiles(first: number, values: number[], cpuMs: number): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    p50: r(at(0.5)),
    p99: r(at(0.99)),
    max: r(sorted.at(-1)!),
    first: r(first),
    repetitions: values.length,
    cpu_mean: r(cpuMs / values.length),
  };
}

const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Migrates `url` to head and stores a simulated mesh's traffic; returns the row counts. */
async function prepare(url: string, nodes: number): Promise<Record<string, number>> {
  const handle = await openDatabase(url);
  try {
    const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
    await migrator.upgrade('head');
    const mesh = simulateMesh({ seed: 17, nowUs: Date.now() * 1000, nodeCount: nodes });
    await storeTraffic(handle.db, handle.dialect, mesh, { batchSize: 500 });
    const counts: Record<string, number> = {};
    for (const table of ['node', 'packet', 'packet_seen', 'traceroute'] as const) {
      const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(
        table,
      )}`.execute(handle.db);
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  } finally {
    await handle.close();
  }
}

export async function upToDate(
  url: string,
  repetitions: number,
  nodes: number,
  log: (line: string) => void,
): Promise<UpToDateResult> {
  const data = await prepare(url, nodes);
  const dialect = url.startsWith('sqlite') ? 'sqlite' : 'postgres';
  log(`${dialect}: at head with ${JSON.stringify(data)}`);
  const logger = createLogger({ name: 'bench', level: 'silent' });

  // The writer: its read-write connection and migrator, then what it does at each start.
  const writer = await openDatabase<Database>(url);
  const writerTimes: number[] = [];
  let writerFirst = 0;
  let writerCpu = 0;
  try {
    writerFirst = await timed(async () => {
      const migrator = await createMeshviewMigrator({ dialect, db: writer.db, logger });
      await migrator.status();
      await migrator.upgrade('head');
    });
    const migrator = await createMeshviewMigrator({ dialect, db: writer.db, logger });
    const cpu = process.cpuUsage();
    for (let i = 0; i < repetitions; i++) {
      writerTimes.push(
        await timed(async () => {
          const before = await migrator.status();
          const run = await migrator.upgrade('head');
          if (before.state !== 'current' || run.steps.length > 0) throw new Error('not at head');
        }),
      );
    }
    writerCpu = cpuMs(cpu);
  } finally {
    await writer.close();
  }

  // The reader: its status source and schema watch, as apps/reader/src/main.ts wires them.
  const target = parseConnectionString(url);
  const source = new ReadOnlyStatusSource({ database: target, logger });
  const database = await openDatabase(target, { readOnly: true });
  const file =
    database.dialect === 'sqlite'
      ? new DatabaseFileWatch({ database, logger, onReopen: () => source.close() })
      : undefined;
  await file?.start();
  const watch = new SchemaWatch({
    source,
    intervalMs: 2000,
    logger,
    ...(file ? { file } : {}),
  });
  const readerTimes: number[] = [];
  let readerFirst = 0;
  let readerCpu = 0;
  try {
    readerFirst = await timed(() => watch.refresh());
    const cpu = process.cpuUsage();
    for (let i = 0; i < repetitions; i++) {
      readerTimes.push(await timed(() => watch.refresh()));
      if (!watch.readiness.ready) throw new Error(`reader not ready: ${watch.readiness.reason}`);
    }
    readerCpu = cpuMs(cpu);
  } finally {
    watch.stop();
    await source.close();
    await database.close();
  }
  return {
    dialect,
    data,
    writer_start: percentiles(writerFirst, writerTimes, writerCpu),
    reader_poll: percentiles(readerFirst, readerTimes, readerCpu),
  };
}
