/**
 * The statistics roll-ups (MeshView issue #54): packets and receptions counted per hour and per
 * UTC day, by channel and port, by sender and by recipient. The writer keeps them in the same
 * transaction as the rows they count and its retention job trims them, so the reader's
 * statistics read a few hundred counter rows instead of scanning `packet` and `packet_seen`.
 * This revision creates them and counts the rows already stored, a day of import times at a time.
 *
 * Revision ID: b7d9f1a3c5e8
 * Revises: a1c3e5f7b9d2
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = 'b7d9f1a3c5e8';
export const down_revision = 'a1c3e5f7b9d2';
export const message = 'stats roll-ups';
export const create_date = '2026-11-26';

const HOUR_US = 3_600_000_000;
const DAY_US = 86_400_000_000;

// Written the way packages/db renders the models (SQLAlchemy's layout), the same on both
// databases: every type here is spelled alike.
const table = (name: string, columns: readonly string[], key: readonly string[]): string =>
  `CREATE TABLE ${name} (\n\t${[...columns, `PRIMARY KEY (${key.join(', ')})`].join(', \n\t')}\n)`;

const COUNTS = ['packets BIGINT NOT NULL', 'seen BIGINT NOT NULL'];
const DIMENSIONS: Readonly<Record<string, string>> = {
  bucket_us: 'bucket_us BIGINT NOT NULL',
  channel: 'channel VARCHAR NOT NULL',
  portnum: 'portnum INTEGER NOT NULL',
  from_node_id: 'from_node_id BIGINT NOT NULL',
  to_node_id: 'to_node_id BIGINT NOT NULL',
};

/** Each roll-up's key, in column order. */
const ROLLUPS = {
  stats: ['bucket_us', 'channel', 'portnum'],
  stats_sender: ['from_node_id', 'bucket_us', 'to_node_id', 'channel', 'portnum'],
  stats_recipient: ['to_node_id', 'bucket_us', 'channel', 'portnum'],
} as const;

const PERIODS = [
  { suffix: 'hourly', bucketUs: HOUR_US },
  { suffix: 'daily', bucketUs: DAY_US },
] as const;

export async function upgrade(ctx: MigrationContext): Promise<void> {
  for (const [stem, key] of Object.entries(ROLLUPS)) {
    for (const { suffix } of PERIODS) {
      const name = `${stem}_${suffix}`;
      await ctx.execute(table(name, [...key.map((c) => DIMENSIONS[c]!), ...COUNTS], key));
      if (stem === 'stats_sender') {
        await ctx.execute(`CREATE INDEX idx_${name}_bucket_us ON ${name} (bucket_us)`);
      }
    }
  }
  await backfill(ctx);
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  for (const stem of Object.keys(ROLLUPS)) {
    for (const { suffix } of PERIODS) await ctx.execute(`DROP TABLE ${stem}_${suffix}`);
  }
}

/**
 * Counts what is stored: the finest roll-up (`stats_sender_hourly`) from `packet` and
 * `packet_seen`, one day of import times per statement (both tables have an index on
 * `import_time_us`), then every other roll-up from it. Rows without an import time cannot be
 * placed in a bucket and are not counted (only MeshView-era rows lack it); a reception whose
 * packet is missing is not counted either (it has no channel, port or sender).
 */
async function backfill(ctx: MigrationContext): Promise<void> {
  const p = (n: number): string => (ctx.dialect === 'postgres' ? `$${n}` : '?');
  const senderKey = ROLLUPS.stats_sender.join(', ');
  const addCounts = (name: string, key: string) =>
    `ON CONFLICT (${key}) DO UPDATE SET packets = ${name}.packets + excluded.packets, ` +
    `seen = ${name}.seen + excluded.seen`;
  const dims = (alias: string, time: string) =>
    `COALESCE(${alias}.from_node_id, -1), (${time} / ${HOUR_US}) * ${HOUR_US}, ` +
    `COALESCE(${alias}.to_node_id, -1), COALESCE(${alias}.channel, ''), COALESCE(${alias}.portnum, -1)`;
  const sources = [
    {
      what: 'packets',
      range: 'SELECT min(import_time_us) AS lo, max(import_time_us) AS hi FROM packet',
      insert:
        `INSERT INTO stats_sender_hourly (${senderKey}, packets, seen) ` +
        `SELECT ${dims('p', 'p.import_time_us')}, count(*), 0 FROM packet p ` +
        `WHERE p.import_time_us >= ${p(1)} AND p.import_time_us < ${p(2)} ` +
        `GROUP BY 1, 2, 3, 4, 5 ${addCounts('stats_sender_hourly', senderKey)}`,
    },
    {
      what: 'receptions',
      range: 'SELECT min(import_time_us) AS lo, max(import_time_us) AS hi FROM packet_seen',
      insert:
        `INSERT INTO stats_sender_hourly (${senderKey}, packets, seen) ` +
        `SELECT ${dims('p', 's.import_time_us')}, 0, count(*) ` +
        'FROM packet_seen s JOIN packet p ON p.id = s.packet_id ' +
        `WHERE s.import_time_us >= ${p(1)} AND s.import_time_us < ${p(2)} ` +
        `GROUP BY 1, 2, 3, 4, 5 ${addCounts('stats_sender_hourly', senderKey)}`,
    },
  ];
  for (const source of sources) {
    if (ctx.offline) {
      // Offline SQL (`--sql`) cannot read the range: one statement over all time instead.
      await ctx.query(source.insert, [0, Number.MAX_SAFE_INTEGER]);
      continue;
    }
    const [range] = await ctx.query(source.range);
    const { lo, hi } = range as { lo: number | string | null; hi: number | string | null };
    if (lo === null || hi === null) continue;
    const first = Math.floor(Number(lo) / DAY_US) * DAY_US;
    let days = 0;
    for (let start = first; start <= Number(hi); start += DAY_US) {
      await ctx.query(source.insert, [start, start + DAY_US]);
      days += 1;
    }
    ctx.log(`counted the ${source.what} of ${days} days`);
  }

  const rollUp = (target: string, key: readonly string[], from: string, bucket: string) => {
    const columns = key.join(', ');
    const select = key.map((c) => (c === 'bucket_us' ? bucket : c)).join(', ');
    return ctx.query(
      `INSERT INTO ${target} (${columns}, packets, seen) ` +
        `SELECT ${select}, sum(packets), sum(seen) FROM ${from} ` +
        `GROUP BY ${key.map((_, i) => i + 1).join(', ')}`,
    );
  };
  const toDay = `(bucket_us / ${DAY_US}) * ${DAY_US}`;
  await rollUp('stats_sender_daily', ROLLUPS.stats_sender, 'stats_sender_hourly', toDay);
  await rollUp(
    'stats_recipient_hourly',
    ROLLUPS.stats_recipient,
    'stats_sender_hourly',
    'bucket_us',
  );
  await rollUp('stats_recipient_daily', ROLLUPS.stats_recipient, 'stats_recipient_hourly', toDay);
  await rollUp('stats_hourly', ROLLUPS.stats, 'stats_recipient_hourly', 'bucket_us');
  await rollUp('stats_daily', ROLLUPS.stats, 'stats_hourly', toDay);
}
