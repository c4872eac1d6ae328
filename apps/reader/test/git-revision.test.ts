import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '#test/tmp.js';
import { readGitRevision } from '../src/git-revision.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

describe('readGitRevision', () => {
  it("reads this checkout's commit, as git does", () => {
    const expected = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(readGitRevision(import.meta.dirname, {})).toBe(expected);
  });

  it('prefers MESHVIEW_GIT_REVISION, and is null without .git', () => {
    // Outside the repository: no .git above it.
    const bare = mkdtempSync(join(tmpdir(), 'meshview-no-git-'));
    expect(readGitRevision(bare, { MESHVIEW_GIT_REVISION: 'deadbeef' })).toBe('deadbeef');
    try {
      expect(readGitRevision(bare, {})).toBeNull();
    } finally {
      rmSync(bare, { recursive: true });
    }
  });

  it('reads loose refs, packed refs, a detached HEAD and a worktree pointer', () => {
    const repo = makeTempDir('fake-git');
    const git = join(repo, '.git');
    mkdirSync(join(git, 'refs', 'heads'), { recursive: true });
    writeFileSync(join(git, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(git, 'refs', 'heads', 'main'), `${SHA_A}\n`);
    const nested = join(repo, 'apps', 'reader');
    mkdirSync(nested, { recursive: true });
    expect(readGitRevision(nested, {})).toBe(SHA_A);

    writeFileSync(join(git, 'HEAD'), 'ref: refs/heads/packed\n');
    writeFileSync(join(git, 'packed-refs'), `# pack-refs\n${SHA_B} refs/heads/packed\n`);
    expect(readGitRevision(repo, {})).toBe(SHA_B);

    writeFileSync(join(git, 'HEAD'), `${SHA_B}\n`);
    expect(readGitRevision(repo, {})).toBe(SHA_B);

    const worktree = makeTempDir('fake-worktree');
    const wtGit = join(git, 'worktrees', 'wt');
    mkdirSync(wtGit, { recursive: true });
    writeFileSync(join(wtGit, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(wtGit, 'commondir'), '../..\n');
    writeFileSync(join(worktree, '.git'), `gitdir: ${wtGit}\n`);
    expect(readGitRevision(worktree, {})).toBe(SHA_A);

    writeFileSync(join(git, 'HEAD'), 'garbage');
    expect(readGitRevision(repo, {})).toBeNull();
  });
});
