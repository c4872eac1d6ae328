import { describeFlag } from '@meshview/migrate';
import { parseCommandArgs, type Command } from '../command.js';
import { formatShort, formatVerbose } from '../format-revision.js';

/** `current [--verbose]`: the database's revision(s), and with -v the flag's state. */
export const currentCommand: Command = {
  name: 'current',
  readOnly: true,
  usage: 'current [--verbose]',
  summary: "show the database's revision",
  async run(ctx, args) {
    const { flags } = parseCommandArgs(args, { '--verbose': 'flag', '-v': 'flag' });
    const verbose = flags.has('--verbose') || flags.has('-v');
    const migrator = await ctx.migrator();
    const status = await migrator.status();
    if (verbose) ctx.print(`Current revision(s) (${status.state}):`);
    for (const id of status.current) {
      if (!migrator.graph.has(id)) {
        const retired = migrator.graph.retiredMessage(id);
        ctx.print(`${id} (not in the scripts${retired ? `: ${retired}` : ''})`);
      } else {
        const rev = migrator.graph.get(id);
        ctx.print(verbose ? formatVerbose(migrator.graph, rev) : formatShort(migrator.graph, rev));
      }
    }
    if (verbose) {
      if (status.current.length === 0) ctx.print('<base> (no revision applied)');
      ctx.print(`Migration flag: ${describeFlag(status.flag)}`);
    }
  },
};
