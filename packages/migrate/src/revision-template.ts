import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RevisionGraph } from './revision-graph.js';

/** What a new script declares. */
export interface NewRevision {
  readonly revision: string;
  readonly downRevision: string | null;
  readonly message: string;
  readonly createDate: string;
}

/** A fresh 12-hex-digit revision id (Alembic's form) that the graph does not have yet. */
export function newRevisionId(graph: RevisionGraph): string {
  for (;;) {
    const id = randomBytes(6).toString('hex');
    if (!graph.has(id)) return id;
  }
}

/** Alembic's file name: `<revision>_<slug of the message>.ts`. */
export function revisionFileName(revision: string, message: string): string {
  const slug = message
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return `${revision}${slug ? `_${slug}` : ''}.ts`;
}

/** The text of a new TypeScript migration script. */
export function renderRevisionScript(rev: NewRevision): string {
  const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `/**
 * ${rev.message.replace(/\*\//g, '* /')}
 *
 * Revision ID: ${rev.revision}
 * Revises: ${rev.downRevision ?? 'none (a root)'}
 * Create Date: ${rev.createDate}
 */
import type { MigrationContext } from '@meshview/migrate';

export const revision = ${quote(rev.revision)};
export const down_revision = ${rev.downRevision === null ? 'null' : quote(rev.downRevision)};
export const message = ${quote(rev.message)};
export const create_date = ${quote(rev.createDate)};

// Each function runs in its own transaction. Use ctx.execute('…') for SQL, ctx.db for Kysely
// queries, and ctx.dialect ('sqlite' or 'postgres') where the two differ. Import nothing from the
// application: a migration is frozen in time.

export async function upgrade(ctx: MigrationContext): Promise<void> {
  ctx.log('nothing to do yet: write the upgrade');
}

export async function downgrade(ctx: MigrationContext): Promise<void> {
  // Undo upgrade(). If it cannot be undone, throw an Error that says why in one line.
  ctx.log('nothing to do yet: write the downgrade');
}
`;
}

/**
 * Writes a new script whose down_revision is the current head, into the scripts folder, and
 * returns its path.
 */
export async function createRevisionScript(
  dir: string,
  graph: RevisionGraph,
  message: string,
  now: Date = new Date(),
): Promise<{ readonly file: string; readonly revision: string }> {
  const revision = newRevisionId(graph);
  const file = join(dir, revisionFileName(revision, message));
  const text = renderRevisionScript({
    revision,
    downRevision: graph.head ?? null,
    message,
    createDate: now.toISOString(),
  });
  await writeFile(file, text, { flag: 'wx' });
  return { file, revision };
}
