/**
 * One node of the revision graph: what a script declares, and where it lives. Pure data; the
 * module itself is loaded only when the revision runs.
 */
export interface Revision {
  readonly id: string;
  /** Parents; empty for a root, two or more for a merge. */
  readonly parents: readonly string[];
  readonly message: string;
  readonly createDate?: string;
  /** The script's source file (`.ts`, or `.js` for scripts written in JavaScript). */
  readonly file: string;
  /** The file that runs: the compiled `.js`, or the source itself for JavaScript scripts. */
  readonly runnable: string;
  /** Why the script cannot run (its compiled form is missing or stale); undefined when it can. */
  readonly notRunnable?: string;
  /** Where the script still carries a destructive step's marker; undefined when it does not. */
  readonly unreviewed?: string;
}
