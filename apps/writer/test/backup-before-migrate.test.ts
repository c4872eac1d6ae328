import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { backupBeforeMigrate } from '../src/backup-before-migrate.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { collectingLogger } from '#test/op-scripts.js';
import { PRODUCT_HEAD } from '#test/product.js';
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
