/**
 * The word that marks a destructive step in a generated script. A person removes the line after
 * reviewing the step; the engine refuses to run a script that still has it, naming the line.
 */
export const DESTRUCTIVE_MARKER = '@destructive';

/** The 1-based numbers and texts of the lines of `source` that carry the marker. */
export function findDestructiveMarkers(source: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  source.split('\n').forEach((text, i) => {
    if (text.includes(DESTRUCTIVE_MARKER)) out.push({ line: i + 1, text: text.trim() });
  });
  return out;
}
