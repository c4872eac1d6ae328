import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { reportRun } from './report-run.js';

/** `upgrade head|+N|REV|REV+N`: applies revisions under the lock and the flag. */
export const upgradeCommand: Command = {
  name: 'upgrade',
  usage: 'upgrade [head|+N|REV|REV+N]',
  summary: 'apply revisions up to the target (head by default)',
  async run(ctx, args) {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length > 1) throw new UsageError('upgrade takes one target');
    const migrator = await ctx.migrator();
    reportRun(ctx, 'upgrade', await migrator.upgrade(positionals[0] ?? 'head'));
  },
};
