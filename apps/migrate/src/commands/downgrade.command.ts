import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { reportRun } from './report-run.js';

/** `downgrade -N|base|REV|REV-N`: undoes revisions under the lock and the flag. */
export const downgradeCommand: Command = {
  name: 'downgrade',
  usage: 'downgrade -N|base|REV|REV-N',
  summary: 'undo revisions down to the target',
  async run(ctx, args) {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length !== 1) {
      throw new UsageError('downgrade needs one target: -1, base or a revision');
    }
    const migrator = await ctx.migrator();
    reportRun(ctx, 'downgrade', await migrator.downgrade(positionals[0]!));
  },
};
