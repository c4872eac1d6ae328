import { createRevisionScript } from '@meshview/migrate';
import { parseCommandArgs, UsageError, type Command } from '../command.js';

/** `revision -m MSG`: a new TypeScript script whose down_revision is the current head. */
export const revisionCommand: Command = {
  name: 'revision',
  usage: 'revision -m MESSAGE',
  summary: 'create a new migration script from the template',
  async run(ctx, args) {
    const { flags, positionals } = parseCommandArgs(args, {
      '-m': 'value',
      '--message': 'value',
      '--autogenerate': 'flag',
    });
    const message = flags.get('-m') ?? flags.get('--message');
    if (typeof message !== 'string' || message.trim() === '' || positionals.length > 0) {
      throw new UsageError('revision needs a message: revision -m "add foo table"');
    }
    if (flags.has('--autogenerate')) {
      throw new UsageError('--autogenerate is not available yet; write the script by hand');
    }
    const graph = await ctx.graph();
    const { file, revision } = await createRevisionScript(ctx.scripts.dir, graph, message.trim());
    ctx.print(`Generating ${file} ... done`);
    ctx.print(
      `revision ${revision} (after ${graph.head ?? 'base'}): edit upgrade() and downgrade(), ` +
        'then `npm run build` before upgrading',
    );
  },
};
