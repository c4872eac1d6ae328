import type { Revision, RevisionGraph } from '@meshview/migrate';

/** Marks after an id, Alembic's way: `(head)`, `(current)`, `(branchpoint)`, `(mergepoint)`. */
function marks(graph: RevisionGraph, rev: Revision, current: readonly string[]): string {
  const out: string[] = [];
  if (graph.head === rev.id) out.push('(head)');
  if (current.includes(rev.id)) out.push('(current)');
  if (rev.parents.length > 1) out.push('(mergepoint)');
  return out.length > 0 ? ` ${out.join(' ')}` : '';
}

/** A message's lines (any line break ends one), without the blank lines at its end. */
function messageLines(message: string): string[] {
  const lines = message.split(/\r\n|[\n\r\u2028\u2029]/);
  while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
  return lines;
}

/**
 * One line: `<parent> -> <id> (head), message`, as `alembic history` prints it. A message of
 * several lines shows its first line and how many lines follow (`… (+2 more lines)`), so that
 * each revision stays one line; `history --verbose` shows it whole.
 */
export function formatHistoryLine(
  graph: RevisionGraph,
  rev: Revision,
  current: readonly string[] = [],
): string {
  const parents = rev.parents.length === 0 ? '<base>' : rev.parents.join(', ');
  const [first, ...more] = messageLines(rev.message);
  const rest =
    more.length === 0 ? '' : ` (+${more.length} more line${more.length === 1 ? '' : 's'})`;
  return `${parents} -> ${rev.id}${marks(graph, rev, current)}, ${first}${rest}`;
}

/** What `current` prints for a database at base: no revision applied yet. */
export const AT_BASE = '<base> (no revision applied)';

/** The id with its marks, as `current` and `heads` print it. */
export function formatShort(
  graph: RevisionGraph,
  rev: Revision,
  current: readonly string[] = [],
): string {
  return `${rev.id}${marks(graph, rev, current)}`;
}

/**
 * The verbose block: id, parent, path, the whole message (each line indented by four spaces, as
 * Alembic indents a script's docstring) and the script's header facts.
 */
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
    ...messageLines(rev.message).map((line) => (line === '' ? '' : `    ${line}`)),
    '',
    `    Revision ID: ${rev.id}`,
    `    Revises: ${rev.parents.join(', ')}`,
    ...(rev.createDate ? [`    Create Date: ${rev.createDate}`] : []),
    '',
  ].join('\n');
}
