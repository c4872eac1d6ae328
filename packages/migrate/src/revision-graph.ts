import { MigrateError } from './errors.js';
import type { Revision } from './revision.js';

/** Revisions the scripts no longer carry, each with what to tell a user whose database is at it. */
export type RetiredRevisions = Readonly<Record<string, string>>;

/**
 * The revision graph: validated on construction (duplicate ids, missing parents, cycles and
 * multiple heads are errors that name the files), then queried and planned over. Pure.
 */
export class RevisionGraph {
  readonly #byId: ReadonlyMap<string, Revision>;
  readonly #children: ReadonlyMap<string, readonly string[]>;
  readonly #order: readonly string[];
  readonly #retired: RetiredRevisions;

  constructor(revisions: readonly Revision[], retired: RetiredRevisions = {}) {
    const byId = new Map<string, Revision>();
    for (const rev of revisions) {
      const seen = byId.get(rev.id);
      if (seen) {
        throw new MigrateError(
          'MIGRATE_DUPLICATE_REVISION',
          `revision ${rev.id} is declared twice: in ${seen.file} and in ${rev.file}; give one of them a new id`,
        );
      }
      byId.set(rev.id, rev);
    }
    const children = new Map<string, string[]>();
    for (const rev of byId.values()) {
      children.set(rev.id, children.get(rev.id) ?? []);
      for (const parent of rev.parents) {
        if (!byId.has(parent)) {
          throw new MigrateError(
            'MIGRATE_MISSING_PARENT',
            `${rev.file}: revision ${rev.id} names down_revision ${parent}, which no script declares`,
          );
        }
        children.set(parent, [...(children.get(parent) ?? []), rev.id]);
      }
    }
    this.#byId = byId;
    this.#children = children;
    this.#retired = retired;
    this.#order = topologicalOrder(byId, children);
    const heads = this.#order.filter((id) => children.get(id)?.length === 0);
    if (heads.length > 1) {
      const list = heads.map((id) => `${id} (${byId.get(id)?.file})`).join(', ');
      throw new MigrateError(
        'MIGRATE_MULTIPLE_HEADS',
        `the scripts have ${heads.length} heads: ${list}; write a merge revision whose down_revision lists them`,
      );
    }
  }

  /** Every revision, parents before children. */
  get revisions(): readonly Revision[] {
    return this.#order.map((id) => this.get(id));
  }

  /** The head revision, or undefined when there are no scripts. */
  get head(): string | undefined {
    return this.#order.at(-1);
  }

  /** The revision with this exact id. */
  get(id: string): Revision {
    const rev = this.#byId.get(id);
    if (!rev) throw this.#unknown(id);
    return rev;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The message for a revision that MeshView had and these scripts retired, if it is one. */
  retiredMessage(id: string): string | undefined {
    return this.#retired[id];
  }

  /**
   * A full id from a full or unambiguous partial one (`4f1d` → `4f1d2a9c8b71`); `head` gives the
   * head. Unknown and ambiguous ids are errors that list the candidates.
   */
  resolve(spec: string): string {
    if (spec === 'head' || spec === 'heads') {
      const head = this.head;
      if (!head)
        throw new MigrateError('MIGRATE_UNKNOWN_REVISION', 'there are no revision scripts');
      return head;
    }
    if (this.#byId.has(spec)) return spec;
    const matches = this.#order.filter((id) => id.startsWith(spec));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new MigrateError(
        'MIGRATE_AMBIGUOUS_REVISION',
        `revision "${spec}" is ambiguous; it could be ${matches.join(', ')}: give more characters`,
      );
    }
    throw this.#unknown(spec);
  }

  /** The ids given and all their ancestors. */
  ancestors(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...this.get(id).parents);
    }
    return out;
  }

  /** The members of `applied` that no other member descends from: the version table's rows. */
  headsOf(applied: ReadonlySet<string>): string[] {
    return this.#order.filter(
      (id) => applied.has(id) && !(this.#children.get(id) ?? []).some((c) => applied.has(c)),
    );
  }

  /** What to apply, in order, to bring `current` up to `target` (nothing if it is there). */
  planUpgrade(current: readonly string[], target: string): string[] {
    const have = this.ancestors(current);
    const want = this.ancestors([target]);
    return this.#order.filter((id) => want.has(id) && !have.has(id));
  }

  /**
   * What to undo, in order (children first), to bring `current` down to `target` (`null` = base).
   * The target must be applied already.
   */
  planDowngrade(current: readonly string[], target: string | null): string[] {
    const have = this.ancestors(current);
    if (target !== null && !have.has(target)) {
      throw new MigrateError(
        'MIGRATE_BAD_TARGET',
        `cannot downgrade to ${target}: the database (at ${current.join(', ') || 'base'}) has not applied it; use upgrade`,
      );
    }
    const keep = target === null ? new Set<string>() : this.ancestors([target]);
    return this.#order.filter((id) => have.has(id) && !keep.has(id)).reverse();
  }

  /** Revisions applied at `current`, most recent first (the order `downgrade -N` undoes them). */
  appliedNewestFirst(current: readonly string[]): string[] {
    const have = this.ancestors(current);
    return this.#order.filter((id) => have.has(id)).reverse();
  }

  #unknown(id: string): MigrateError {
    const retired = this.#retired[id];
    if (retired !== undefined) return new MigrateError('MIGRATE_RETIRED_REVISION', retired);
    const known = this.#order.length > 0 ? this.#order.join(', ') : 'none';
    return new MigrateError(
      'MIGRATE_UNKNOWN_REVISION',
      `no revision "${id}" in the scripts; known revisions: ${known}`,
    );
  }
}

/** Kahn's algorithm, ties broken by id so the order is stable; a cycle is an error naming files. */
function topologicalOrder(
  byId: ReadonlyMap<string, Revision>,
  children: ReadonlyMap<string, readonly string[]>,
): string[] {
  const pending = new Map<string, number>();
  for (const rev of byId.values()) pending.set(rev.id, new Set(rev.parents).size);
  const ready = [...pending].filter(([, n]) => n === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const id = ready.shift()!;
    order.push(id);
    for (const child of new Set(children.get(id) ?? [])) {
      const left = pending.get(child)! - 1;
      pending.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length < byId.size) {
    const cycle = findCycle(byId, new Set(order));
    const files = cycle.map((id) => `${id} (${byId.get(id)?.file})`).join(' -> ');
    throw new MigrateError('MIGRATE_CYCLE', `the revisions form a cycle: ${files}`);
  }
  return order;
}

function findCycle(byId: ReadonlyMap<string, Revision>, done: ReadonlySet<string>): string[] {
  // Every revision left over is on a cycle or descends from one: walk parents until one repeats.
  let id = [...byId.keys()].find((k) => !done.has(k))!;
  const path: string[] = [];
  while (!path.includes(id)) {
    path.push(id);
    id = byId.get(id)!.parents.find((p) => !done.has(p))!;
  }
  return [...path.slice(path.indexOf(id)), id];
}
