import type { Command } from '../command.js';
import { formatShort, formatVerbose } from '../format-revision.js';

/** `heads [--verbose]`: the scripts' head revision. */
export const headsCommand: Command = {
  name: 'heads',
  readOnly: true,
  usage: 'heads [--verbose]',
  summary: "show the scripts' head revision",
  options: {},
  async run(ctx, { verbose }) {
    const graph = await ctx.graph();
    if (graph.head === undefined) return;
    const rev = graph.get(graph.head);
    ctx.print(verbose ? formatVerbose(graph, rev) : formatShort(graph, rev));
  },
};
