import { UsageError, type Command } from '../command.js';
import { OFFLINE_FLAGS, printOfflineSql } from './offline-sql.js';
import { reportRun } from './report-run.js';

/**
 * `downgrade -N|base|REV|REV-N`: undoes revisions under the lock and the flag. With `--sql`
 * (`[FROM:]TARGET`, FROM defaulting to the scripts' head) it prints the SQL instead, touching no
 * database.
 */
export const downgradeCommand: Command = {
  name: 'downgrade',
  usage: 'downgrade -N|base|REV|REV-N [--sql [--dialect D]]',
  summary: 'undo revisions down to the target; --sql prints the SQL instead',
  options: OFFLINE_FLAGS,
  async run(ctx, { flags, positionals }) {
    if (positionals.length !== 1) {
      throw new UsageError('downgrade needs one target: -1, base or a revision');
    }
    if (flags.has('--sql')) {
      await printOfflineSql(ctx, 'downgrade', positionals[0]!, flags.get('--dialect'));
      return;
    }
    if (flags.has('--dialect')) throw new UsageError('--dialect goes with --sql');
    const migrator = await ctx.migrator();
    reportRun(ctx, 'downgrade', await migrator.downgrade(positionals[0]!));
  },
};
