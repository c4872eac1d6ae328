import type { Revision, RevisionGraph } from '@meshview/migrate';

/** Marks after an id, Alembic's way: `(head)`, `(current)`, `(branchpoint)`, `(mergepoint)`. */
function marks(graph: RevisionGraph, rev: Revision, current: readonly string[]): string {
  const out: string[] = [];
  if (graph.head === rev.id) out.push('(head)');
  if (current.includes(rev.id)) out.push('(current)');
  if (rev.parents.length > 1) out.push('(mergepoint)');
  return out.length > 0 ? ` ${out.join(' ')}` : '';
}

/** One line: `<parent> -> <id> (head), message`, as `alembic history` prints it. */
export function formatHistoryLine(
  graph: RevisionGraph,
  rev: Revision,
  current: readonly string[] = [],
): string {
  const parents = rev.parents.length === 0 ? '<base>' : rev.parents.join(', ');
  return `${parents} -> ${rev.id}${marks(graph, rev, current)}, ${rev.message}`;
}

/** The id with its marks, as `current` and `heads` print it. */
export function formatShort(
  graph: RevisionGraph,
  rev: Revision,
  current: readonly string[] = [],
): string {
  return `${rev.id}${marks(graph, rev, current)}`;
}

/** The verbose block: id, parent, path, message and the script's header facts. */
export function formatVerbose(
  graph: RevisionGraph,
  rev: Revision,
  current: readonly string[] = [],
): string {
  const parents = rev.parents.length === 0 ? '<base>' : rev.parents.join(', ');
  return [
    `Rev: ${rev.id}${marks(graph, rev, current)}`,
    `${rev.parents.length > 1 ? 'Merges' : 'Parent'}: ${parents}`,
    `Path: ${rev.file}`,
    ...(rev.notRunnable ? [`Not runnable: ${rev.notRunnable}`] : []),
    '',
    `    ${rev.message}`,
    '',
    `    Revision ID: ${rev.id}`,
    `    Revises: ${rev.parents.join(', ')}`,
    ...(rev.createDate ? [`    Create Date: ${rev.createDate}`] : []),
    '',
  ].join('\n');
}
