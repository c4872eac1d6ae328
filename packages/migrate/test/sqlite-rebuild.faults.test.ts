import { describe, expect, it } from 'vitest';
import { rebuildParentOfCascade } from '#test/cascade-fixture.js';

// The heavy tier (`npm run test:faults`): the cascade test of sqlite-rebuild.test.ts at full size.
const ROWS = 1_000_000;

describe(`a SQLite parent table of ${ROWS} rows referenced under ON DELETE CASCADE`, () => {
  it('keeps every row of both tables through a rebuild, foreign keys on', async () => {
    const { before, after } = await rebuildParentOfCascade('sqlite', ROWS, 'ops');
    expect(before.children).toBe(ROWS);
    expect(after).toEqual(before);
  });

  it('loses every child when rebuilt naively (drop inside the transaction)', async () => {
    const { before, after } = await rebuildParentOfCascade('sqlite', ROWS, 'naive');
    expect(before.children).toBe(ROWS);
    expect(after.parents).toBe(ROWS);
    expect(after.children).toBe(0);
  });
});
