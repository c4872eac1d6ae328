import type { Command } from '../command.js';
import { formatHistoryLine, formatVerbose } from '../format-revision.js';

/**
 * `history [--verbose] [--indicate-current]`: every revision, newest first; one line each (a
 * message's first line), or with -v a block each with the whole message.
 */
export const historyCommand: Command = {
  name: 'history',
  readOnly: true,
  usage: 'history [--verbose] [--indicate-current]',
  summary: 'list the revisions, newest first',
  options: { '--indicate-current': 'flag', '-i': 'flag' },
  async run(ctx, { flags, verbose }) {
    const indicate = flags.has('--indicate-current') || flags.has('-i');
    const graph = await ctx.graph();
    const current = indicate ? await (await ctx.migrator()).currentRevisions() : [];
    for (const rev of [...graph.revisions].reverse()) {
      ctx.print(
        verbose ? formatVerbose(graph, rev, current) : formatHistoryLine(graph, rev, current),
      );
    }
  },
};
