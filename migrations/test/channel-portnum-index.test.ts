import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { loadMeshviewFixture } from '#test/fixtures.js';

const PARENT = '69e00a3c10ef';
const INDEX = 'idx_packet_channel_portnum_time_us';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `revision c507809efd55 (packet index by channel and port) on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const handles: { close(): Promise<void> }[] = [];
      afterEach(async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      });

      it('indexes packet by (channel, portnum, newest first), keeps every packet, and undoes it', async () => {
        const handle = await openDatabase(await freshDatabaseUrl(dialect, 'channel_portnum'));
        handles.push(handle);
        const { db } = handle;
        const migrator = await createMeshviewMigrator({ dialect, db });
        await loadMeshviewFixture(db, dialect);
        await migrator.upgrade(PARENT);
        const before = await schemaSnapshot(dialect, db, { exclude: ['migration_status'] });
        const packets = async () =>
          (await sql<Record<string, unknown>>`SELECT * FROM packet ORDER BY id`.execute(db)).rows;
        const packetsBefore = await packets();
        expect(packetsBefore.length).toBeGreaterThan(0);

        await migrator.upgrade('head');
        const definition =
          dialect === 'sqlite'
            ? sql<{ text: string }>`SELECT sql AS text FROM sqlite_master
                WHERE type = 'index' AND name = ${INDEX}`
            : sql<{ text: string }>`SELECT indexdef AS text FROM pg_indexes
                WHERE schemaname = current_schema() AND indexname = ${INDEX}`;
        const [found] = (await definition.execute(db)).rows;
        expect(found?.text).toMatch(
          /ON (public\.)?packet .*\(channel, portnum, import_time_us DESC\)/,
        );
        expect(await packets()).toEqual(packetsBefore);

        await migrator.downgrade(PARENT);
        expect(await schemaSnapshot(dialect, db, { exclude: ['migration_status'] })).toEqual(
          before,
        );
        expect(await packets()).toEqual(packetsBefore);
      });
    },
  );
}
