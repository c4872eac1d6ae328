/**
 * Moves a cached benchmark database's clock to now: every time column forward by the same whole
 * number of hours, so its newest packet is less than an hour old and "active in the last 3
 * days", "the last 24 hours" and the map's recent traceroutes find what a live mesh would have.
 * Whole hours keep the hourly roll-ups' buckets whole; the daily ones and the daily snapshots are
 * counted again from them. The payloads' own times (`Position.time`, `Telemetry.time`,
 * `rx_time` inside the stored MeshPacket) stay as they were: the pages show the import times.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { DAY_US, HOUR_US } from '@meshview/db';

/**
 * The time columns of the schema, by table: µs, except `packet_seen.rx_time` (seconds). A time
 * column the schema has and this list lacks stops the shift (a new revision must be taught here).
 */
const TIME_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  packet: ['import_time_us'],
  packet_seen: ['import_time_us', 'rx_time'],
  traceroute: ['import_time_us'],
  node: ['first_seen_us', 'last_seen_us'],
  node_public_key: ['first_seen_us', 'last_seen_us'],
  daily_snapshot: ['captured_at_us'],
  writer_stats: ['started_us', 'updated_us'],
  migration_status: ['updated_at', 'started_us', 'heartbeat_us'],
};
const SECONDS = new Set(['packet_seen.rx_time']);
/** Columns that end like times but are not clock readings. */
const NOT_TIMES = new Set<string>([]);

/** What one shift did. */
export interface ClockShift {
  /** How far the clock moved (µs; 0 when it was already current). */
  readonly offsetUs: number;
  readonly seconds: number;
}

/**
 * The file that says a shift of the database at `path` began and did not finish: the database
 * is then half moved (the shift runs without a journal, for speed) and must be built again.
 */
export function unfinishedShiftMarker(path: string): string {
  return `${path}.shifting`;
}

/** Whether a shift of the database at `path` was interrupted (see {@link unfinishedShiftMarker}). */
export function shiftWasInterrupted(path: string): boolean {
  return existsSync(unfinishedShiftMarker(path));
}

/** Shifts the database at `path` so its newest packet falls in the hour before `nowUs`. */
export function shiftClock(path: string, nowUs: number): ClockShift {
  const started = Date.now();
  const sqlite = new BetterSqlite3(path);
  const marker = unfinishedShiftMarker(path);
  try {
    const newest = (
      sqlite.prepare('SELECT max(import_time_us) AS t FROM packet').get() as { t: number | null }
    ).t;
    if (newest === null) return { offsetUs: 0, seconds: 0 };
    const offsetUs = Math.floor((nowUs - newest) / HOUR_US) * HOUR_US;
    // Backwards too: a database from a clock that ran ahead.
    if (offsetUs === 0) return { offsetUs: 0, seconds: 0 };
    checkTimeColumns(sqlite);
    const rollups = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stats%_hourly'",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);

    // Rewriting every row twice (journal, then database) and updating each time index entry by
    // entry took two minutes on two busy cores; without a journal, with the time indexes built
    // again afterwards, it takes a fraction of that. A crash meanwhile leaves the marker.
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    const timeIndexes = indexesOnTimes(sqlite);
    for (const index of timeIndexes) sqlite.exec(`DROP INDEX ${index.name}`);
    sqlite.transaction(() => {
      for (const [table, columns] of Object.entries(TIME_COLUMNS)) {
        if (table === 'daily_snapshot' || table === 'migration_status') continue;
        const set = columns
          .map((c) =>
            SECONDS.has(`${table}.${c}`)
              ? `${c} = ${c} + ${offsetUs / 1_000_000}`
              : `${c} = ${c} + ${offsetUs}`,
          )
          .join(', ');
        sqlite.exec(`UPDATE ${table} SET ${set}`);
      }
      // A bucket moved onto another one's key would collide mid-statement: through the negative
      // numbers (no bucket is negative) and back.
      for (const hourly of rollups) {
        sqlite.exec(`UPDATE ${hourly} SET bucket_us = -(bucket_us + ${offsetUs})`);
        sqlite.exec(`UPDATE ${hourly} SET bucket_us = -bucket_us`);
        recountDaily(sqlite, hourly);
      }
      shiftSnapshots(sqlite, offsetUs);
    })();
    for (const index of timeIndexes) sqlite.exec(index.sql);
    sqlite.pragma('journal_mode = WAL');
    rmSync(marker);
    return { offsetUs, seconds: (Date.now() - started) / 1000 };
  } finally {
    sqlite.close();
  }
}

/** The indexes (not primary keys) over a time column, with the SQL that makes them again. */
function indexesOnTimes(sqlite: BetterSqlite3.Database): { name: string; sql: string }[] {
  const indexes = sqlite
    .prepare(
      "SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .all() as { name: string; tbl: string; sql: string }[];
  return indexes.filter(
    (index) =>
      /_hourly$/.test(index.tbl) ||
      (TIME_COLUMNS[index.tbl] ?? []).some((column) =>
        new RegExp(`\\b${column}\\b`).test(index.sql),
      ),
  );
}

/** Refuses a schema with a time column this file does not know (see TIME_COLUMNS). */
function checkTimeColumns(sqlite: BetterSqlite3.Database): void {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  for (const { name } of tables) {
    if (name.startsWith('stats_')) continue;
    const columns = sqlite.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[];
    for (const column of columns) {
      const key = `${name}.${column.name}`;
      const looksLikeTime = /(_us|_time|_at)$/.test(column.name);
      if (looksLikeTime && !NOT_TIMES.has(key) && !TIME_COLUMNS[name]?.includes(column.name)) {
        throw new Error(
          `shift-clock: ${key} looks like a time column it does not shift; add it to ` +
            'TIME_COLUMNS (or NOT_TIMES) in bench/pages/shift-clock.ts',
        );
      }
    }
  }
}

/** Counts a daily roll-up again from its hourly one (`stats_hourly` → `stats_daily`). */
function recountDaily(sqlite: BetterSqlite3.Database, hourly: string): void {
  const daily = hourly.replace(/_hourly$/, '_daily');
  const key = (
    sqlite.prepare(`PRAGMA table_info(${daily})`).all() as { name: string; pk: number }[]
  )
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const select = key.map((c) => (c === 'bucket_us' ? `(bucket_us / ${DAY_US}) * ${DAY_US}` : c));
  sqlite.exec(`DELETE FROM ${daily}`);
  sqlite.exec(
    `INSERT INTO ${daily} (${key.join(', ')}, packets, seen) ` +
      `SELECT ${select.join(', ')}, sum(packets), sum(seen) FROM ${hourly} ` +
      `GROUP BY ${key.map((_, i) => i + 1).join(', ')}`,
  );
}

/** The daily snapshots, moved with their capture times and dated again. */
function shiftSnapshots(sqlite: BetterSqlite3.Database, offsetUs: number): void {
  const rows = sqlite.prepare('SELECT * FROM daily_snapshot').all() as {
    node_count: number;
    packet_count: number;
    gateway_count: number;
    captured_at_us: number;
  }[];
  sqlite.exec('DELETE FROM daily_snapshot');
  const insert = sqlite.prepare(
    'INSERT OR REPLACE INTO daily_snapshot (snapshot_date, node_count, packet_count, gateway_count, captured_at_us) VALUES (?, ?, ?, ?, ?)',
  );
  for (const row of rows) {
    const at = row.captured_at_us + offsetUs;
    const date = new Date(at / 1000).toISOString().slice(0, 10);
    insert.run(date, row.node_count, row.packet_count, row.gateway_count, at);
  }
}
