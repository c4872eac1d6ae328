import type { DialectName } from '@meshview/db';
import { renderOfflineSql } from '@meshview/migrate';
import { UsageError, type CommandContext } from '../command.js';

/** The options `upgrade` and `downgrade` take for offline SQL. */
export const OFFLINE_FLAGS = { '--sql': 'flag', '--dialect': 'value' } as const;

/**
 * `upgrade --sql` / `downgrade --sql`: prints the SQL the run would execute, never connecting to
 * the database. The dialect is `--dialect`, else that of `connection_string` (as the config
 * parsed it), without connecting. `FROM:TARGET` says where the database is taken to be; without
 * it an upgrade starts at base and a downgrade at the scripts' head.
 */
export async function printOfflineSql(
  ctx: CommandContext,
  direction: 'upgrade' | 'downgrade',
  spec: string,
  dialectFlag: string | true | undefined,
): Promise<void> {
  const graph = await ctx.graph();
  const colon = spec.indexOf(':');
  const target = colon === -1 ? spec : spec.slice(colon + 1);
  const start = colon === -1 ? undefined : spec.slice(0, colon);
  if (target === '') throw new UsageError(`--sql needs a target after "${start}:"`);
  const from =
    start === undefined
      ? direction === 'upgrade'
        ? []
        : graph.head === undefined
          ? []
          : [graph.head]
      : start === 'base'
        ? []
        : [graph.resolve(start)];
  const sql = await renderOfflineSql({
    dialect: offlineDialect(ctx, dialectFlag),
    graph,
    direction,
    from,
    target,
  });
  for (const line of sql.replace(/\n$/, '').split('\n')) ctx.print(line);
}

function offlineDialect(ctx: CommandContext, flag: string | true | undefined): DialectName {
  if (flag === 'sqlite' || flag === 'postgres') return flag;
  if (flag !== undefined) {
    throw new UsageError(`--dialect must be sqlite or postgres, not "${String(flag)}"`);
  }
  return ctx.config.database.connectionString.dialect;
}
