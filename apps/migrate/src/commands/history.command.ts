import { parseCommandArgs, type Command } from '../command.js';
import { formatHistoryLine, formatVerbose } from '../format-revision.js';

/** `history [--verbose] [--indicate-current]`: every revision, newest first. */
export const historyCommand: Command = {
  name: 'history',
  readOnly: true,
  usage: 'history [--verbose] [--indicate-current]',
  summary: 'list the revisions, newest first',
  async run(ctx, args) {
    const { flags } = parseCommandArgs(args, {
      '--verbose': 'flag',
      '-v': 'flag',
      '--indicate-current': 'flag',
      '-i': 'flag',
    });
    const verbose = flags.has('--verbose') || flags.has('-v');
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
