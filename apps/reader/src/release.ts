import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGitRevision } from './git-revision.js';

/** What `/version` and `/health` say about the running code. */
export interface Release {
  readonly version: string;
  /** `YYYY-MM-DD`. */
  readonly releaseDate: string;
  /** The full commit id, or `'unknown'` without `.git` or `MESHVIEW_GIT_REVISION`. */
  readonly gitRevision: string;
  /** Its first 7 characters. */
  readonly gitRevisionShort: string;
}

/** The date of the version in `package.json`, changed with it at each release. */
export const RELEASE_DATE = '2026-11-26';

/** Reads the reader's version (its `package.json`) and the git revision, once at start. */
export function readRelease(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Release {
  // `src/` and `dist/` are both one level below the package folder.
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const { version } = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8')) as {
    version: string;
  };
  const gitRevision = readGitRevision(packageDir, env) ?? 'unknown';
  return {
    version,
    releaseDate: RELEASE_DATE,
    gitRevision,
    gitRevisionShort: gitRevision === 'unknown' ? gitRevision : gitRevision.slice(0, 7),
  };
}
