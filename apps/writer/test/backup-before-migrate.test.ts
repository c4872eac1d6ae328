import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { backupBeforeMigrate } from '../src/backup-before-migrate.js';
import { DIALECTS, freshDatabaseUrl } from '../../../test/support/databases.js';
import { collectingLogger } from '../../../test/support/op-scripts.js';
import { PRODUCT_HEAD } from '../../../test/support/product.js';
import { makeTempDir } from '../../../test/support/tmp.js';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`backup_before_migrate on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it(
      dialect === 'sqlite'
        ? 'copies the database file the config names, named after the revisions it goes between'
        : 'leaves PostgreSQL to pg_dump, and says so',
      async () => {
        const handle = await openDatabase<any>(await freshDatabaseUrl(dialect, 'backup'));
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
          expect(readdirSync(backups)).toEqual([
            expect.stringMatching(new RegExp(`^${name}\\.base-to-${PRODUCT_HEAD}\\..*\\.bak$`)),
          ]);
        } else {
          expect(logger.lines).toContainEqual(
            expect.objectContaining({ level: 'warn', message: expect.stringContaining('pg_dump') }),
          );
        }
      },
    );
  });
}
