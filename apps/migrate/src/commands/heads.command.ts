import { parseCommandArgs, type Command } from '../command.js';
import { formatShort, formatVerbose } from '../format-revision.js';

/** `heads [--verbose]`: the scripts' head revision. */
export const headsCommand: Command = {
  name: 'heads',
  readOnly: true,
  usage: 'heads [--verbose]',
  summary: "show the scripts' head revision",
  async run(ctx, args) {
    const { flags } = parseCommandArgs(args, { '--verbose': 'flag', '-v': 'flag' });
    const graph = await ctx.graph();
    if (graph.head === undefined) return;
    const rev = graph.get(graph.head);
    ctx.print(
      flags.has('--verbose') || flags.has('-v')
        ? formatVerbose(graph, rev)
        : formatShort(graph, rev),
    );
  },
};
