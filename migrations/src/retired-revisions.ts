import type { RetiredRevisions } from '@meshview/migrate';

const UPGRADE_FIRST =
  'which is an older MeshView revision: upgrade this database with MeshView 3.0.5 first ' +
  '(start its writer once, or run its `alembic upgrade head`), then start this one';

/**
 * MeshView's revisions before 3.0.5's head. Our baseline replaces them, so a database at one of
 * them is recognised, and told to go through MeshView 3.0.5 first.
 */
export const meshviewRetiredRevisions: RetiredRevisions = Object.fromEntries(
  [
    'c88468b7ab0b',
    'add_time_us_cols',
    '1717fa5c6545',
    'ac311b3782a1',
    '2b5a61bb2b75',
    '9f3b1a8d2c4f',
    'b7c3c2e3a1f0',
    'd4d7b0c2e1a4',
    'a0c9c13e118f',
  ].map((id) => [id, `the database is at revision ${id}, ${UPGRADE_FIRST}`]),
);
