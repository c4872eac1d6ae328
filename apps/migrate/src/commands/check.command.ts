import { compareSchema, describeChange } from '@meshview/migrate';
import { UsageError, type Command } from '../command.js';
import { assertAtHead } from './assert-at-head.js';

/**
 * `check`: compares the models with the database, which must be at the scripts' head. Exit 0 when
 * they match; exit 1 with the list of differences when a model changed without a migration.
 */
export const checkCommand: Command = {
  name: 'check',
  usage: 'check',
  summary: 'exit 1, listing them, if the models and the database (at head) differ',
  options: {},
  async run(ctx, { positionals }) {
    if (positionals.length > 0) throw new UsageError('check takes no arguments');
    await assertAtHead(ctx, 'check');
    const { db, dialect } = await ctx.database();
    const changes = await compareSchema({
      db,
      dialect,
      models: ctx.models.tables,
      exclude: ctx.models.exclude,
    });
    if (changes.length === 0) {
      ctx.print('No differences: the database at head matches the models.');
      return 0;
    }
    ctx.print(
      `The models and the database at head differ (${changes.length} difference(s)); ` +
        'write a migration for them (npm run migration:create -- -m "…"):',
    );
    for (const change of changes) ctx.print(`  - ${describeChange(change)}`);
    return 1;
  },
};
