import { describeFlag } from '@meshview/migrate';
import type { Command } from '../command.js';
import { AT_BASE, formatShort, formatVerbose } from '../format-revision.js';

/** `current [--verbose]`: the database's revision(s), and with -v the flag's state. */
export const currentCommand: Command = {
  name: 'current',
  readOnly: true,
  usage: 'current [--verbose]',
  summary: "show the database's revision",
  options: {},
  async run(ctx, { verbose }) {
    const migrator = await ctx.migrator();
    const status = await migrator.status();
    if (verbose) ctx.print(`Current revision(s) (${status.state}):`);
    // Alembic prints nothing at base; saying so tells "no revision" from "no answer".
    if (status.current.length === 0) ctx.print(AT_BASE);
    for (const id of status.current) {
      if (!migrator.graph.has(id)) {
        const retired = migrator.graph.retiredMessage(id);
        ctx.print(`${id} (not in the scripts${retired ? `: ${retired}` : ''})`);
      } else {
        const rev = migrator.graph.get(id);
        ctx.print(verbose ? formatVerbose(migrator.graph, rev) : formatShort(migrator.graph, rev));
      }
    }
    if (verbose) ctx.print(`Migration flag: ${describeFlag(status.flag)}`);
  },
};
