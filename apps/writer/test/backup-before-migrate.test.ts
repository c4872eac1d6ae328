import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { backupBeforeMigrate } from '../src/backup-before-migrate.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { collectingLogger } from '#test/op-scripts.js';
import { PRODUCT_HEAD, PRODUCT_REVISIONS } from '#test/product.js';
import { makeTempDir } from '#test/tmp.js';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`backup_before_migrate on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it(
      dialect === 'sqlite'
        ? 'copies the database file the config names, named after the revisions it goes between'
        : 'leaves PostgreSQL to pg_dump, and says so',
      async () => {
        const handle = await openDatabase(await freshDatabaseUrl(dialect, 'backup'));
        const backups = join(makeTempDir('backup-dir'), 'backups');
        const logger = collectingLogger();
        try {
          const migrator = await createMeshviewMigrator({
            dialect: handle.dialect,
            db: handle.db,
            beforeMigrate: backupBeforeMigrate(handle.target, backups, logger),
          });
          await migrator.upgrade('head');
        } finally {
          await handle.close();
        }
        if (handle.target.dialect === 'sqlite') {
          const name = basename(handle.target.filename);
          const files = readdirSync(backups);
          expect(files).toHaveLength(1);
          expect(files[0]).toMatch(new RegExp(`^${name}\\.base-to-${PRODUCT_HEAD}\\..*\\.bak$`));
        } else {
          const warnings = logger.lines.filter((line) => line.level === 'warn');
          expect(warnings).toHaveLength(1);
          expect(warnings[0]!.message).toContain('pg_dump');
        }
      },
    );
  });
}

/** MeshView 3.0.5's head: the first revision, after which the database holds MeshView's tables. */
const MESHVIEW_BASELINE = PRODUCT_REVISIONS[0];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `backup_before_migrate = auto on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      async function upgradeTwice(): Promise<{
        files: string[];
        logger: ReturnType<typeof collectingLogger>;
      }> {
        const handle = await openDatabase(await freshDatabaseUrl(dialect, 'backup_auto'));
        const backups = join(makeTempDir('backup-auto'), 'backups');
        const logger = collectingLogger();
        try {
          const migrator = await createMeshviewMigrator({
            dialect: handle.dialect,
            db: handle.db,
            beforeMigrate: backupBeforeMigrate(handle.target, backups, logger, 'auto'),
          });
          // A new database: nothing to keep. Then one holding MeshView's tables.
          await migrator.upgrade(MESHVIEW_BASELINE);
          await migrator.upgrade('head');
        } finally {
          await handle.close();
        }
        let files: string[] = [];
        try {
          files = readdirSync(backups);
        } catch {
          // never created
        }
        return { files, logger };
      }
      it(
        dialect === 'sqlite'
          ? 'skips a new database and copies one that holds tables'
          : 'copies nothing and warns of nothing on PostgreSQL',
        async () => {
          const run = await upgradeTwice();
          if (dialect === 'sqlite') {
            expect(run.files).toHaveLength(1);
            expect(run.files[0]).toMatch(
              new RegExp(`\\.${MESHVIEW_BASELINE}-to-${PRODUCT_HEAD}\\.`),
            );
          } else {
            expect(run.files).toEqual([]);
            expect(run.logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
          }
        },
      );
    },
  );
}
