import { MigrateError } from '@meshview/migrate';
import type { CommandContext } from '../command.js';

/** Refuses unless the database is at the scripts' head: a comparison anywhere else means nothing. */
export async function assertAtHead(ctx: CommandContext, verb: string): Promise<void> {
  const status = await (await ctx.migrator()).status();
  if (status.state === 'current') return;
  throw new MigrateError(
    'MIGRATE_NOT_AT_HEAD',
    `${verb} compares the models with a database at the scripts' head, and this one is not ` +
      `(${status.summary}): run \`meshview-migrate upgrade head\` first`,
  );
}
