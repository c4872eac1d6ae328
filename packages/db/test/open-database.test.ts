import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkipReason } from '#test/postgres.js';
import { makeTempDir } from '#test/tmp.js';
import {
  openDatabase,
  renderSchemaDdl,
  tables,
  type DatabaseConnection,
  type DialectName,
} from '../src/index.js';

// Values that do not fit 32 bits, or need all 53 of a double's integer bits.
const NODE_ID = 0xfffffff0;
const PACKET_ID = 3_000_000_001;
const NOW_US = 1_735_689_600_123_456;

interface Variant {
  readonly label: string;
  readonly dialect: DialectName;
  readonly skip: string | undefined;
  /** Sets up a fresh, empty database and returns its connection string. */
  readonly prepare: () => Promise<string>;
}

let tempDir = '';
const variants: readonly Variant[] = [
  {
    label: 'SQLite',
    dialect: 'sqlite',
    skip: undefined,
    prepare: () => {
      tempDir = makeTempDir('meshview-db');
      // Four slashes: an absolute path.
      return Promise.resolve(`sqlite+aiosqlite:///${join(tempDir, 'packets.db')}`);
    },
  },
  {
    label: 'PostgreSQL',
    dialect: 'postgres',
    skip: pgSkipReason,
    // The asyncpg form MeshView's config.ini uses; the driver part is dropped.
    prepare: async () =>
      (await createTestDatabase('db_connection')).replace(/^postgres:/, 'postgresql+asyncpg:'),
  },
];

afterAll(() => {
  if (tempDir !== '') rmSync(tempDir, { recursive: true, force: true });
});

for (const variant of variants) {
  describe.skipIf(variant.skip !== undefined)(`${variant.label} ${variant.skip ?? ''}`, () => {
    let url = '';
    let conn: DatabaseConnection;

    beforeAll(async () => {
      url = await variant.prepare();
      conn = await openDatabase(url);
      for (const statement of renderSchemaDdl(Object.values(tables), variant.dialect)) {
        await sql.raw(statement).execute(conn.db);
      }
    });
    afterAll(async () => conn?.close());

    it('opens the dialect the URL names', () => {
      expect(conn.dialect).toBe(variant.dialect);
      expect(conn.target.dialect).toBe(variant.dialect);
      expect(conn.readOnly).toBe(false);
    });

    it('writes and reads a row of every table with numbers, booleans, bytes and dates', async () => {
      const { db } = conn;
      await db
        .insertInto('node')
        .values({
          id: '!fffffff0',
          node_id: NODE_ID,
          long_name: 'Gateway',
          is_mqtt_gateway: true,
          last_lat: -337_000_000,
          first_seen_us: NOW_US,
          last_seen_us: NOW_US + 1,
          precision_bits: 14,
        })
        .execute();
      await db
        .insertInto('packet')
        .values({
          id: PACKET_ID,
          portnum: 70,
          from_node_id: NODE_ID,
          to_node_id: 0xffffffff,
          payload: new Uint8Array([0, 1, 254, 255]),
          import_time_us: NOW_US,
        })
        .execute();
      await db
        .insertInto('packet_seen')
        .values({
          packet_id: PACKET_ID,
          node_id: NODE_ID,
          rx_time: 1_735_689_600,
          hop_limit: 3,
          rx_snr: -7.25,
          rx_rssi: -110,
          topic: 'msh/EU_868/2/e/LongFast/!fffffff0',
          import_time_us: NOW_US,
        })
        .execute();
      const traceroute = await db
        .insertInto('traceroute')
        .values({ packet_id: PACKET_ID, done: false, route: Buffer.from([1, 2, 3]) })
        .returning(['id', 'done'])
        .executeTakeFirstOrThrow();
      await db
        .insertInto('node_public_key')
        .values({ node_id: NODE_ID, public_key: 'ab'.repeat(32), first_seen_us: NOW_US })
        .execute();
      await db
        .insertInto('daily_snapshot')
        .values({
          snapshot_date: '2025-01-01',
          node_count: 12,
          packet_count: 5_000_000_000,
          gateway_count: 3,
          captured_at_us: NOW_US,
        })
        .execute();

      expect(traceroute).toEqual({ id: 1, done: false });
      expect(await db.selectFrom('node').selectAll().executeTakeFirst()).toEqual({
        id: '!fffffff0',
        node_id: NODE_ID,
        long_name: 'Gateway',
        short_name: null,
        hw_model: null,
        firmware: null,
        role: null,
        last_lat: -337_000_000,
        last_long: null,
        channel: null,
        is_mqtt_gateway: true,
        first_seen_us: NOW_US,
        last_seen_us: NOW_US + 1,
        precision_bits: 14,
      });
      const packet = await db.selectFrom('packet').selectAll().executeTakeFirstOrThrow();
      expect(packet).toMatchObject({
        id: PACKET_ID,
        to_node_id: 0xffffffff,
        import_time_us: NOW_US,
      });
      expect(Buffer.isBuffer(packet.payload)).toBe(true);
      expect([...(packet.payload ?? [])]).toEqual([0, 1, 254, 255]);
      expect(await db.selectFrom('packet_seen').selectAll().executeTakeFirst()).toEqual({
        packet_id: PACKET_ID,
        node_id: NODE_ID,
        rx_time: 1_735_689_600,
        hop_limit: 3,
        hop_start: null,
        channel: null,
        rx_snr: -7.25,
        rx_rssi: -110,
        topic: 'msh/EU_868/2/e/LongFast/!fffffff0',
        import_time_us: NOW_US,
      });
      expect(await db.selectFrom('traceroute').selectAll().executeTakeFirst()).toEqual({
        id: 1,
        packet_id: PACKET_ID,
        gateway_node_id: null,
        done: false,
        route: Buffer.from([1, 2, 3]),
        route_return: null,
        import_time_us: null,
      });
      expect(await db.selectFrom('node_public_key').selectAll().executeTakeFirst()).toEqual({
        id: 1,
        node_id: NODE_ID,
        public_key: 'ab'.repeat(32),
        first_seen_us: NOW_US,
        last_seen_us: null,
      });
      expect(await db.selectFrom('daily_snapshot').selectAll().executeTakeFirst()).toEqual({
        snapshot_date: '2025-01-01',
        node_count: 12,
        packet_count: 5_000_000_000,
        gateway_count: 3,
        captured_at_us: NOW_US,
      });
    });

    it('reads booleans through aliases and joins, and binds boolean parameters', async () => {
      const aliased = await conn.db
        .selectFrom('traceroute as t')
        .innerJoin('packet as p', 'p.id', 't.packet_id')
        .select(['t.done as finished', 'p.id'])
        .where('t.done', '=', false)
        .execute();
      expect(aliased).toEqual([{ finished: false, id: PACKET_ID }]);
      const both = await conn.db
        .selectFrom('traceroute')
        .select('done as finished')
        .where('done', '=', false)
        .union(
          conn.db
            .selectFrom('node')
            .select('is_mqtt_gateway as finished')
            .where('is_mqtt_gateway', '=', true),
        )
        .orderBy('finished')
        .execute();
      expect(both).toEqual([{ finished: false }, { finished: true }]);
    });

    it('returns counts as numbers and refuses integers beyond 2^53 - 1', async () => {
      const { count } = await conn.db
        .selectFrom('packet')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(1);
      await expect(
        sql<{ big: number }>`select cast(${'9007199254740993'} as bigint) as big`.execute(conn.db),
      ).rejects.toMatchObject({ code: 'DB_UNSAFE_INTEGER' });
    });

    it('opens read-only: reads work, an INSERT is refused', async () => {
      const reader = await openDatabase(url, { readOnly: true });
      try {
        expect(reader.readOnly).toBe(true);
        const node = await reader.db.selectFrom('node').select('node_id').executeTakeFirst();
        expect(node).toEqual({ node_id: NODE_ID });
        await expect(
          reader.db.insertInto('node').values({ id: '!00000001', node_id: 1 }).execute(),
        ).rejects.toThrow(/read-only|readonly/i);
      } finally {
        await reader.close();
      }
    });

    it('closes idempotently, also when no query ran', async () => {
      const other = await openDatabase(url);
      await other.close();
      await other.close();
    });
  });
}
