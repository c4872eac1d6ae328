import { describe, expect, it } from 'vitest';
import { rebuildParentOfCascade } from '#test/cascade-fixture.js';
import { reportFigures } from '../../../test/faults/support/figures.js';

// The fault suite (`npm run test:faults`): the cascade test of sqlite-rebuild.test.ts at full
// size, at every level (it takes about a minute).
const ROWS = 1_000_000;

describe(`a SQLite parent table of ${ROWS} rows referenced under ON DELETE CASCADE`, () => {
  it('keeps every row of both tables through a rebuild, foreign keys on', async () => {
    const started = Date.now();
    const { before, after } = await rebuildParentOfCascade('sqlite', ROWS, 'ops');
    reportFigures('sqlite-rebuild', [
      {
        rebuild: 'ours (op.alterColumn)',
        parents_before: before.parents,
        children_before: before.children,
        parents_after: after.parents,
        children_after: after.children,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      },
    ]);
    expect(before.children).toBe(ROWS);
    expect(after).toEqual(before);
  });

  it('loses every child when rebuilt naively (drop inside the transaction)', async () => {
    const { before, after } = await rebuildParentOfCascade('sqlite', ROWS, 'naive');
    reportFigures('sqlite-rebuild', [
      {
        rebuild: 'naive (DROP inside the transaction)',
        parents_before: before.parents,
        children_before: before.children,
        parents_after: after.parents,
        children_after: after.children,
      },
    ]);
    expect(before.children).toBe(ROWS);
    expect(after.parents).toBe(ROWS);
    expect(after.children).toBe(0);
  });
});
