import { MigrateError } from './errors.js';
import type { RevisionGraph } from './revision-graph.js';

/** What to run, in order, from the database's current revisions. */
export type Planner = (current: readonly string[]) => string[];

/**
 * Plans an upgrade to `head`, `+N` (the next N pending), `REV` (partial ids accepted) or `REV+N`
 * (N revisions past REV); the plan is made again from the database's revisions once the lock is
 * held.
 */
export function upgradePlanner(graph: RevisionGraph, target: string): Planner {
  const head = graph.head;
  if (head === undefined) return () => [];
  const relative = /^\+(\d+)$/.exec(target);
  if (relative) {
    const n = Number(relative[1]);
    return (current) => {
      const pending = graph.planUpgrade(current, head);
      if (pending.length < n) {
        throw new MigrateError(
          'MIGRATE_BAD_TARGET',
          `upgrade ${target}: only ${pending.length} revision(s) are pending`,
        );
      }
      return pending.slice(0, n);
    };
  }
  const resolved = resolveRelative(graph, target, '+', (base, n) => {
    const after = graph.planUpgrade([base], head);
    if (after.length < n) {
      throw new MigrateError(
        'MIGRATE_BAD_TARGET',
        `upgrade ${target}: only ${after.length} revision(s) follow ${base}`,
      );
    }
    return after[n - 1]!;
  });
  return (current) => graph.planUpgrade(current, resolved);
}

/** Plans a downgrade to `base`, `-N` (the newest N undone), `REV` (kept) or `REV-N`. */
export function downgradePlanner(graph: RevisionGraph, target: string): Planner {
  if (target === 'base') return (current) => graph.planDowngrade(current, null);
  const relative = /^-(\d+)$/.exec(target);
  if (relative) {
    const n = Number(relative[1]);
    return (current) => {
      const applied = graph.appliedNewestFirst(current);
      if (applied.length < n) {
        throw new MigrateError(
          'MIGRATE_BAD_TARGET',
          `downgrade ${target}: only ${applied.length} revision(s) are applied`,
        );
      }
      return applied.slice(0, n);
    };
  }
  const resolved = resolveRelative(graph, target, '-', (base, n) => {
    const before = graph.appliedNewestFirst([base]);
    if (before.length < n) {
      throw new MigrateError(
        'MIGRATE_BAD_TARGET',
        `downgrade ${target}: ${base} has only ${before.length - 1} revision(s) below it`,
      );
    }
    return before[n] ?? null;
  });
  return (current) => graph.planDowngrade(current, resolved);
}

/** Resolves `REV`, or `REV+N` / `REV-N` when `REV` alone is not an id. */
function resolveRelative<T>(
  graph: RevisionGraph,
  target: string,
  sign: '+' | '-',
  step: (base: string, n: number) => T,
): string | T {
  try {
    return graph.resolve(target);
  } catch (error) {
    const match = new RegExp(`^(.+)\\${sign}(\\d+)$`).exec(target);
    if (!match) throw error;
    return step(graph.resolve(match[1]!), Number(match[2]));
  }
}
