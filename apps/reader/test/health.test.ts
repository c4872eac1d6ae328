import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { PRODUCT_HEAD } from '#test/product.js';
import { buildReader, type ReaderUnderTest } from './support/reader-app.js';

const WRITER_ROW = {
  writer_id: 'host-a:42',
  started_us: 1_700_000_000_000_000,
  updated_us: 1_700_000_100_000_000,
  received: 120,
  stored: 100,
  duplicates: 15,
  undecryptable: 3,
  malformed: 1,
  skipped: 1,
  rate_limited: 0,
  dropped: 0,
  reconnects: 2,
};

/** The fields of `/health` this test reads one by one. */
interface HealthBody {
  readonly version: string;
  readonly git_revision: string;
  readonly timestamp: string;
  readonly seconds_since_last_message: number | null;
  readonly database_size_bytes?: number;
  readonly database_size?: string;
}

/** `/version`. */
interface VersionBody {
  readonly version: string;
  readonly git_revision: string;
  readonly git_revision_short: string;
  readonly release_date: string;
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`/health and /version on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const opened: ReaderUnderTest[] = [];
    afterEach(async () => {
      for (const reader of opened.splice(0)) await reader.close();
    });

    it("answers MeshView's fields, the schema, the flag and the writers' counters", async () => {
      const tenSecondsAgoUs = (Date.now() - 10_000) * 1000;
      const reader = await buildReader(dialect, {
        name: 'health',
        seed: async ({ db }) => {
          await db
            .insertInto('packet')
            .values({
              id: 1,
              portnum: 1,
              from_node_id: 5,
              to_node_id: 6,
              import_time_us: tenSecondsAgoUs,
              channel: 'LongFast',
            })
            .execute();
          await db.insertInto('writer_stats').values(WRITER_ROW).execute();
        },
      });
      opened.push(reader);
      const answer = await reader.app.inject('/health');
      expect(answer.statusCode).toBe(200);
      const body = answer.json<HealthBody>();
      expect(body).toMatchObject({
        status: 'ok',
        database: 'connected',
        ready: true,
        schema: { state: 'current', current: [PRODUCT_HEAD], head: PRODUCT_HEAD },
        migration: { in_progress: false },
        writers: [WRITER_ROW],
      });
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(body.git_revision).toMatch(/^([0-9a-f]{40}|unknown)$/);
      expect(Date.parse(body.timestamp)).toBeGreaterThan(Date.now() - 60_000);
      expect(body.seconds_since_last_message).toBeGreaterThanOrEqual(10);
      expect(body.seconds_since_last_message).toBeLessThan(60);
      if (dialect === 'sqlite') {
        expect(body.database_size_bytes).toBeGreaterThan(0);
        expect(body.database_size).toMatch(/^\d+(\.\d\d)? (B|KB|MB)$/);
      } else {
        expect(body).not.toHaveProperty('database_size_bytes');
      }
    });

    it('says null with no packets yet, and 503 unhealthy once the database cannot be queried', async () => {
      const reader = await buildReader(dialect, { name: 'health_down' });
      opened.push(reader);
      const empty = (await reader.app.inject('/health')).json<unknown>();
      expect(empty).toMatchObject({ seconds_since_last_message: null, writers: [] });
      await reader.database.close();
      const down = await reader.app.inject('/health');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unhealthy', database: 'disconnected' });
    });

    it("gives the routes a connection that refuses writes, and the writer's rows stay", async () => {
      const reader = await buildReader(dialect, { name: 'reader_write' });
      opened.push(reader);
      const { db } = reader.database;
      await expect(
        db.insertInto('node').values({ id: '!00000001', node_id: 1 }).execute(),
      ).rejects.toMatchObject({ code: 'DB_READ_ONLY' });
      await expect(db.deleteFrom('alembic_version' as 'node').execute()).rejects.toMatchObject({
        code: 'DB_READ_ONLY',
      });
      const { count } = await reader.writer.db
        .withTables<{ alembic_version: { version_num: string } }>()
        .selectFrom('alembic_version')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(1);
      expect((await reader.app.inject('/ready')).statusCode).toBe(200);
    });

    it('answers /version', async () => {
      const reader = await buildReader(dialect, { name: 'version' });
      opened.push(reader);
      const body = (await reader.app.inject('/version')).json<VersionBody>();
      expect(Object.keys(body).sort()).toEqual([
        'git_revision',
        'git_revision_short',
        'release_date',
        'version',
      ]);
      expect(body.release_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(body.git_revision.startsWith(body.git_revision_short)).toBe(true);
    });
  });
}
