import { CompiledQuery, type Kysely } from 'kysely';
import {
  DAY_US,
  ROLLUP_TABLES,
  writeTransaction,
  type Database,
  type DialectName,
  type RollupTable,
} from '@meshview/db';

/**
 * Drops the statistics roll-ups' buckets that start before `cutoffUs` (a whole hour: the
 * retention job deletes exactly the rows imported before it), in one transaction. The daily row
 * of the day the cutoff falls in still counts the deleted hours, so it is counted again from
 * that day's remaining hourly rows. Returns how many roll-up rows went.
 */
export async function trimRollups(
  db: Kysely<Database>,
  dialect: DialectName,
  cutoffUs: number,
  tables: readonly RollupTable[] = ROLLUP_TABLES,
): Promise<number> {
  const p = (n: number): string => (dialect === 'postgres' ? `$${n}` : '?');
  const cutoffDay = Math.floor(cutoffUs / DAY_US) * DAY_US;
  return writeTransaction(db, dialect, async (conn) => {
    const run = async (statement: string, parameters: readonly number[]) =>
      Number(
        (await conn.executeQuery(CompiledQuery.raw(statement, [...parameters]))).numAffectedRows ??
          0n,
      );
    let deleted = 0;
    for (const table of tables) {
      const daily = table.granularity === 'daily';
      deleted += await run(`DELETE FROM ${table.table} WHERE bucket_us < ${p(1)}`, [
        daily ? cutoffDay : cutoffUs,
      ]);
    }
    if (cutoffDay === cutoffUs) return deleted;
    for (const table of tables.filter((t) => t.granularity === 'daily')) {
      const hourly = tables.find((t) => t.granularity === 'hourly' && t.family === table.family);
      if (hourly === undefined) continue;
      await run(`DELETE FROM ${table.table} WHERE bucket_us = ${p(1)}`, [cutoffDay]);
      const columns = table.key.join(', ');
      const select = table.key
        .map((c) => (c === 'bucket_us' ? `CAST(${p(1)} AS BIGINT)` : c))
        .join(', ');
      const groupBy = table.key.filter((c) => c !== 'bucket_us').join(', ');
      await run(
        `INSERT INTO ${table.table} (${columns}, packets, seen) ` +
          `SELECT ${select}, sum(packets), sum(seen) FROM ${hourly.table} ` +
          `WHERE bucket_us >= ${p(2)} AND bucket_us < ${p(3)} GROUP BY ${groupBy}`,
        [cutoffDay, cutoffDay, cutoffDay + DAY_US],
      );
    }
    return deleted;
  });
}
