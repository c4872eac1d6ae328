import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { makeTempDir } from './tmp.js';

const isRoot = process.getuid?.() === 0;

function hasSetpriv(): boolean {
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * How to run an app as a user whom file permissions refuse. Tests and CI run as root, whom they
 * never refuse, so the child runs as `nobody` through `setpriv`; as any other user it runs as
 * that user. `skip` says why such tests cannot run here (root without setpriv).
 */
export const unprivileged: { readonly wrapper: readonly string[]; readonly skip?: string } = !isRoot
  ? { wrapper: [] }
  : hasSetpriv()
    ? { wrapper: ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] }
    : {
        wrapper: [],
        skip: 'skipped: running as root, and setpriv (util-linux) is not installed to run as nobody',
      };

/**
 * A fresh temporary folder that the unprivileged user may enter and read (0755; mkdtemp makes
 * 0700). The repository itself must be world-readable for the apps to run as nobody.
 */
export function makeSharedTempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  chmodSync(dir, 0o755);
  return dir;
}
