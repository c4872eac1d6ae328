import type { MigrationRun } from '@meshview/migrate';
import type { CommandContext } from '../command.js';

/** Prints what an upgrade, downgrade or stamp did, one line a revision, then where it ended. */
export function reportRun(
  ctx: CommandContext,
  verb: 'upgrade' | 'downgrade' | 'stamp',
  run: MigrationRun,
): void {
  for (const step of run.steps) {
    ctx.print(
      `${step.direction === 'upgrade' ? 'applied' : 'undid'} ${step.revision} (${step.ms} ms)`,
    );
  }
  const at = run.to.join(', ') || 'base';
  if (verb === 'stamp') ctx.print(`stamped at ${at}`);
  else if (run.steps.length === 0) ctx.print(`nothing to do: the database is at ${at}`);
  else ctx.print(`the database is now at ${at}`);
}
