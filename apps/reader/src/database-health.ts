import { statSync } from 'node:fs';
import type { Selectable } from 'kysely';
import type { Database, DatabaseConnection } from '@meshview/db';

/** One writer's counters, as `/health` shows them: its `writer_stats` row. */
export type WriterHealth = Readonly<Selectable<Database['writer_stats']>>;

/** What `/health` reads from the database. */
export interface DatabaseHealth {
  /** Whole seconds since the newest packet was stored; `null` with no packets. */
  readonly secondsSinceLastMessage: number | null;
  /** SQLite only: the database file's size. */
  readonly sizeBytes?: number;
  /** Every writer's row of `writer_stats`; `null` when the table is not there (older schema). */
  readonly writers: readonly WriterHealth[] | null;
}

/**
 * Reads the newest packet's time, the SQLite file size and the writers' counters. Throws when
 * the database cannot be queried (the caller answers 503).
 */
export async function readDatabaseHealth(
  database: DatabaseConnection,
  now: number = Date.now(),
): Promise<DatabaseHealth> {
  const { latest } = await database.db
    .selectFrom('packet')
    .select((eb) => eb.fn.max('import_time_us').as('latest'))
    .executeTakeFirstOrThrow();
  const latestUs = latest === null || latest === undefined ? null : Number(latest);
  let writers: WriterHealth[] | null;
  try {
    writers = await database.db
      .selectFrom('writer_stats')
      .selectAll()
      .orderBy('writer_id')
      .execute();
  } catch {
    // The table comes with revision ef8c9c0f7bd5; a reader may serve an older schema for a while.
    writers = null;
  }
  const target = database.target;
  return {
    secondsSinceLastMessage:
      latestUs === null ? null : Math.max(0, Math.floor(now / 1000 - latestUs / 1e6)),
    ...(target.dialect === 'sqlite' ? { sizeBytes: statSync(target.filename).size } : {}),
    writers,
  };
}

/** A size for people, as MeshView shows it: `512 B`, `1.5 KB`, `12.34 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(2)} ${units[unit]}`;
}
