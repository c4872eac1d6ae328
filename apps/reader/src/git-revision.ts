import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The commit the code runs from, read once at start without running git: `MESHVIEW_GIT_REVISION`
 * if set (a Docker build passes it), otherwise the `.git` found above `startDir` (a worktree's
 * `.git` file, loose and packed refs); `null` when there is none (an image without `.git`).
 */
export function readGitRevision(
  startDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const fromEnv = env.MESHVIEW_GIT_REVISION?.trim();
  if (fromEnv) return fromEnv;
  try {
    const gitDir = findGitDir(startDir);
    return gitDir === undefined ? null : resolveHead(gitDir);
  } catch {
    // A damaged or unreadable .git is not a reason to fail a start.
    return null;
  }
}

function findGitDir(startDir: string): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, '.git');
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) return candidate;
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(candidate, 'utf8'));
      return pointer ? resolve(dir, pointer[1]!.trim()) : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function resolveHead(gitDir: string): string | null {
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
  if (ref === undefined) return /^[0-9a-f]{40}$/.test(head) ? head : null;
  // A worktree keeps its HEAD; branches live in the common directory.
  const commonFile = join(gitDir, 'commondir');
  const common = existsSync(commonFile)
    ? resolve(gitDir, readFileSync(commonFile, 'utf8').trim())
    : gitDir;
  for (const dir of [gitDir, common]) {
    const loose = join(dir, ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
  }
  const packed = join(common, 'packed-refs');
  if (!existsSync(packed)) return null;
  for (const line of readFileSync(packed, 'utf8').split('\n')) {
    const [sha, name] = line.split(' ');
    if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
  }
  return null;
}
