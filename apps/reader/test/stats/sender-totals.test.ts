import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DAY_US, HOUR_US, type Database } from '@meshview/db';
import { seededRandom } from '@meshview/sim';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { SenderTotals } from '../../src/queries/stats/sender-totals.js';
import { TopSenders } from '../../src/queries/stats/top-senders.js';
import { windowStartUs } from '../../src/queries/stats/stats-window.js';

// Three minutes past ten: the hour just ended is still settling; today, yesterday, days before.
const NOW_MS = Date.UTC(2026, 10, 26, 10, 3);
const NOW_US = NOW_MS * 1000;
const TODAY_US = Math.floor(NOW_US / DAY_US) * DAY_US;
const SENDERS = [0x1001, 0x1002, 0x1003, 0x1004, 0x1005];

/** The roll-up rows of five senders: every hour of two days, every day of a fortnight. */
async function fill(db: Kysely<Database>): Promise<void> {
  const random = seededRandom(4);
  const rows = (bucketUs: number) =>
    SENDERS.flatMap((from) =>
      // Several rows per sender and bucket (recipients, channels, ports) to be summed.
      [0xffffffff, 0x1001].flatMap((to) =>
        ['LongFast', 'MediumFast'].map((channel) => ({
          from_node_id: from,
          bucket_us: bucketUs,
          to_node_id: to,
          channel,
          portnum: 1,
          packets: Math.floor(random() * 5),
          seen: Math.floor(random() * 40),
        })),
      ),
    );
  const hourly = [];
  for (let t = TODAY_US - DAY_US; t <= NOW_US; t += HOUR_US) hourly.push(...rows(t));
  const daily = [];
  for (let d = TODAY_US - 14 * DAY_US; d <= TODAY_US; d += DAY_US) daily.push(...rows(d));
  for (let i = 0; i < hourly.length; i += 200) {
    await db
      .insertInto('stats_sender_hourly')
      .values(hourly.slice(i, i + 200))
      .execute();
  }
  await db.insertInto('stats_sender_daily').values(daily).execute();
}

/** What the window's roll-up rows sum to, read whole (what the ranking summed before). */
async function summed(db: Kysely<Database>, startUs: number) {
  const firstDay = Math.ceil(startUs / DAY_US) * DAY_US;
  // Within today: hours only. Else hours to the first whole day, whole days, today's hours.
  const rowsOf =
    firstDay >= TODAY_US
      ? sql`SELECT from_node_id, packets, seen FROM stats_sender_hourly
          WHERE bucket_us >= ${startUs}`
      : sql`SELECT from_node_id, packets, seen FROM stats_sender_hourly
          WHERE bucket_us >= ${startUs} AND bucket_us < ${firstDay}
        UNION ALL SELECT from_node_id, packets, seen FROM stats_sender_daily
          WHERE bucket_us >= ${firstDay} AND bucket_us < ${TODAY_US}
        UNION ALL SELECT from_node_id, packets, seen FROM stats_sender_hourly
          WHERE bucket_us >= ${TODAY_US}`;
  const { rows } = await sql<{ n: number | string; sent: number | string; seen: number | string }>`
    SELECT from_node_id AS n, sum(packets) AS sent, sum(seen) AS seen FROM (${rowsOf}) AS w
    GROUP BY from_node_id`.execute(db);
  return new Map(rows.map((r) => [Number(r.n), [Number(r.sent), Number(r.seen)]]));
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`SenderTotals on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it('sums every window as the roll-up rows do, keeping complete buckets and reading the newest', async () => {
      const handle = await fresh(dialect, 'sender_totals');
      const db = handle.db as Kysely<Database>;
      await fill(db);
      let clock = NOW_MS;
      const totals = new SenderTotals({ db, now: () => clock });
      const windows = [
        windowStartUs(NOW_US, 'hour', 1),
        windowStartUs(NOW_US, 'hour', 6),
        windowStartUs(NOW_US, 'hour', 24),
        windowStartUs(NOW_US, 'day', 3),
        windowStartUs(NOW_US, 'day', 14),
      ];
      for (const startUs of [...windows, ...windows]) {
        expect(await totals.window(startUs, NOW_US), String(startUs)).toEqual(
          await summed(db, startUs),
        );
      }
      const day = windowStartUs(NOW_US, 'day', 3);
      const before = await totals.window(day, NOW_US);
      const add = (bucketUs: number, table: 'stats_sender_hourly' | 'stats_sender_daily') =>
        sql`UPDATE ${sql.table(table)} SET seen = seen + 1000
            WHERE bucket_us = ${bucketUs} AND from_node_id = ${0x1001}
            AND to_node_id = ${0x1001} AND channel = 'LongFast'`.execute(db);
      const seenOf = async () => (await totals.window(day, NOW_US)).get(0x1001)![1];
      // A complete day and a complete hour are kept as first summed.
      await add(TODAY_US - DAY_US, 'stats_sender_daily');
      await add(TODAY_US + 8 * HOUR_US, 'stats_sender_hourly');
      expect(await seenOf()).toBe(before.get(0x1001)![1]);
      // The current hour is read each time, and so is the hour that ended minutes ago.
      await add(TODAY_US + 10 * HOUR_US, 'stats_sender_hourly');
      expect(await seenOf()).toBe(before.get(0x1001)![1] + 1000);
      await add(TODAY_US + 9 * HOUR_US, 'stats_sender_hourly');
      expect(await seenOf()).toBe(before.get(0x1001)![1] + 2000);
      // An hour later, what was kept is summed again.
      clock += 60 * 60 * 1000;
      expect(await totals.window(day, clock * 1000)).toEqual(await summed(db, day));
    });

    it("warms the top page's two weeks ahead: a ranking then reads only the newest hours", async () => {
      const handle = await fresh(dialect, 'sender_totals_warm');
      const db = handle.db as Kysely<Database>;
      await fill(db);
      await db
        .insertInto('node')
        .values(SENDERS.map((n) => ({ id: `!${n.toString(16)}`, node_id: n, long_name: `n${n}` })))
        .execute();
      const top = new TopSenders({ db, now: () => NOW_MS });
      const seenOf = async (node: number) =>
        (await top.page({ period: 'day', length: 14, limit: 10, offset: 0 })).nodes.find(
          (n) => n.node_id === node,
        )!.seen;
      await top.warm();
      const summedBefore = (await summed(db, windowStartUs(NOW_US, 'day', 14))).get(0x1002)![1]!;
      // Changed after the warm-up: a complete day (kept) and the current hour (read).
      await sql`UPDATE stats_sender_daily SET seen = seen + 1000
        WHERE bucket_us = ${TODAY_US - 2 * DAY_US} AND from_node_id = ${0x1002}`.execute(db);
      await sql`UPDATE stats_sender_hourly SET seen = seen + 1
        WHERE bucket_us = ${TODAY_US + 10 * HOUR_US} AND from_node_id = ${0x1002}`.execute(db);
      expect(await seenOf(0x1002)).toBe(summedBefore + 4);
    });
  });
}
