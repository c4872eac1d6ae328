import { autogenerate, createRevisionScript, describeChange } from '@meshview/migrate';
import { UsageError, type Command } from '../command.js';
import { assertAtHead } from './assert-at-head.js';
import { formatScript } from '../format-script.js';

/**
 * `revision -m MSG`: a new TypeScript script whose down_revision is the current head.
 * `--autogenerate` fills it with the steps that bring the database (at head) to the models. The
 * message is kept exactly as given (several lines, quotes, backslashes…): the script's `message`
 * is that text.
 */
export const revisionCommand: Command = {
  name: 'revision',
  usage: 'revision -m MESSAGE [--autogenerate]',
  summary: 'create a new migration script (from the models with --autogenerate)',
  options: { '-m': 'value', '--message': 'value', '--autogenerate': 'flag' },
  async run(ctx, { flags, positionals }) {
    const message = flags.get('-m') ?? flags.get('--message');
    if (typeof message !== 'string' || message.trim() === '' || positionals.length > 0) {
      throw new UsageError('revision needs a message: revision -m "add foo table"');
    }
    const graph = await ctx.graph();
    if (!flags.has('--autogenerate')) {
      const { file, revision } = await createRevisionScript(ctx.scripts.dir, graph, message);
      await formatScript(file);
      ctx.print(`Generating ${file} ... done`);
      ctx.print(
        `revision ${revision} (after ${graph.head ?? 'base'}): edit upgrade() and downgrade(), ` +
          'then `npm run build` before upgrading',
      );
      return;
    }
    await assertAtHead(ctx, 'revision --autogenerate');
    const { db, dialect } = await ctx.database();
    const { changes, steps } = await autogenerate({
      db,
      dialect,
      models: ctx.models.tables,
      exclude: ctx.models.exclude,
    });
    if (changes.length === 0) {
      ctx.print('No changes detected: the database at head matches the models; nothing written.');
      return;
    }
    for (const change of changes) ctx.print(`Detected ${describeChange(change)}`);
    const { file, revision } = await createRevisionScript(
      ctx.scripts.dir,
      graph,
      message,
      new Date(),
      { steps, dialect },
    );
    await formatScript(file);
    ctx.print(`Generating ${file} ... done`);
    ctx.print(
      `revision ${revision} (after ${graph.head ?? 'base'}): review it, then \`npm run build\` ` +
        'before upgrading',
    );
    if (steps.destructive > 0) {
      ctx.print(
        `${steps.destructive} step(s) can lose data and carry the @destructive marker: the ` +
          'engine refuses the script until you have reviewed them and deleted those lines',
      );
    }
  },
};
