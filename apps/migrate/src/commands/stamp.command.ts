import { UsageError, type Command } from '../command.js';
import { reportRun } from './report-run.js';

/** `stamp REV|head|base`: sets the version table without running scripts. */
export const stampCommand: Command = {
  name: 'stamp',
  usage: 'stamp REV|head|base',
  summary: 'set the database revision without running any script',
  options: {},
  async run(ctx, { positionals }) {
    if (positionals.length !== 1)
      throw new UsageError('stamp needs one target: a revision, head or base');
    const migrator = await ctx.migrator();
    reportRun(ctx, 'stamp', await migrator.stamp(positionals[0]!));
  },
};
