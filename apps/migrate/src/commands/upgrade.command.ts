import { UsageError, type Command } from '../command.js';
import { OFFLINE_FLAGS, printOfflineSql } from './offline-sql.js';
import { reportRun } from './report-run.js';

/**
 * `upgrade head|+N|REV|REV+N`: applies revisions under the lock and the flag. With `--sql`
 * (`[FROM:]TARGET`, FROM defaulting to base) it prints the SQL instead, touching no database.
 */
export const upgradeCommand: Command = {
  name: 'upgrade',
  usage: 'upgrade [head|+N|REV|REV+N] [--sql [--dialect D]]',
  summary: 'apply revisions up to the target (head by default); --sql prints the SQL instead',
  options: OFFLINE_FLAGS,
  async run(ctx, { flags, positionals }) {
    if (positionals.length > 1) throw new UsageError('upgrade takes one target');
    if (flags.has('--sql')) {
      await printOfflineSql(ctx, 'upgrade', positionals[0] ?? 'head', flags.get('--dialect'));
      return;
    }
    if (flags.has('--dialect')) throw new UsageError('--dialect goes with --sql');
    const migrator = await ctx.migrator();
    reportRun(ctx, 'upgrade', await migrator.upgrade(positionals[0] ?? 'head'));
  },
};
