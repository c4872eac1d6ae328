import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture revision: statements per direction, the same on both databases unless split. */
export interface FixtureRevision {
  readonly id: string;
  readonly down?: string | readonly string[] | null;
  readonly message?: string;
  readonly up: readonly string[];
  readonly downgrade?: readonly string[];
  /** JavaScript run at the start of upgrade(ctx), with `ctx` in scope (for slow or counting fixtures). */
  readonly upPrelude?: string;
}

/**
 * Writes fixture revisions as JavaScript scripts (they run as they are, no build step) into
 * `dir`, one file each, named the Alembic way.
 */
export function writeFixtureScripts(dir: string, revisions: readonly FixtureRevision[]): string {
  mkdirSync(dir, { recursive: true });
  for (const rev of revisions) {
    const text = `export const revision = ${JSON.stringify(rev.id)};
export const down_revision = ${JSON.stringify(rev.down ?? null)};
export const message = ${JSON.stringify(rev.message ?? `fixture ${rev.id}`)};
const UP = ${JSON.stringify(rev.up)};
const DOWN = ${JSON.stringify(rev.downgrade ?? [])};
export async function upgrade(ctx) {
  ${rev.upPrelude ?? ''}
  for (const statement of UP) await ctx.execute(statement);
}
export async function downgrade(ctx) {
  for (const statement of DOWN) await ctx.execute(statement);
}
`;
    writeFileSync(join(dir, `${rev.id}_fixture.js`), text);
  }
  return dir;
}
