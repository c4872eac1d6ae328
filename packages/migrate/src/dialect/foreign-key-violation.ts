/** A row whose foreign key points at no row: one line of SQLite's `PRAGMA foreign_key_check`. */
export interface ForeignKeyViolation {
  /** The child table. */
  readonly table: string;
  /** The child row's rowid; null in a WITHOUT ROWID table. */
  readonly rowid: number | null;
  /** The table the foreign key references. */
  readonly parent: string;
  /** Which of the child table's foreign keys (PRAGMA foreign_key_list's id). */
  readonly fkid: number;
}

/** What a revision did to the violations: the ones it introduced, and the ones already there. */
export interface ViolationChange {
  readonly added: readonly ForeignKeyViolation[];
  readonly kept: readonly ForeignKeyViolation[];
}

const key = (v: ForeignKeyViolation): string => `${v.table}\u0000${v.rowid}\u0000${v.parent}`;

/**
 * Splits the violations after a revision into new ones and ones that were there before it began
 * (as a multiset, by child table, rowid and parent: a rebuild keeps rowids but may renumber the
 * child's foreign keys).
 */
export function compareViolations(
  before: readonly ForeignKeyViolation[],
  after: readonly ForeignKeyViolation[],
): ViolationChange {
  const earlier = new Map<string, number>();
  for (const v of before) earlier.set(key(v), (earlier.get(key(v)) ?? 0) + 1);
  const added: ForeignKeyViolation[] = [];
  const kept: ForeignKeyViolation[] = [];
  for (const v of after) {
    const left = earlier.get(key(v)) ?? 0;
    if (left > 0) {
      earlier.set(key(v), left - 1);
      kept.push(v);
    } else {
      added.push(v);
    }
  }
  return { added, kept };
}
