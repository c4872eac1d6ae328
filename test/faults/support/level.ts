/**
 * How much of the fault suite runs: `ci` (the default, a representative part that fits in
 * `.ci/run`'s 15 minutes), `full` (`npm run test:faults -- --full`: every scenario at the issue's
 * parameters) or `soak` (`-- --soak`: the hour-long soak as well). scripts/test-faults.js sets
 * `MESHVIEW_FAULTS_LEVEL` from those flags.
 */
export type FaultsLevel = 'ci' | 'full' | 'soak';

export const FAULTS_LEVEL_VARIABLE = 'MESHVIEW_FAULTS_LEVEL';

export function faultsLevel(env: NodeJS.ProcessEnv = process.env): FaultsLevel {
  const value = env[FAULTS_LEVEL_VARIABLE] ?? 'ci';
  if (value === 'ci' || value === 'full' || value === 'soak') return value;
  throw new Error(
    `${FAULTS_LEVEL_VARIABLE}=${value} is not a fault-suite level: use ci, full or soak ` +
      '(npm run test:faults [-- --full | --soak])',
  );
}

/** The parameter for this level: `full` also applies to a soak run. */
export function pick<T>(values: { readonly ci: T; readonly full: T }): T {
  return faultsLevel() === 'ci' ? values.ci : values.full;
}

/** Why the soak is skipped, or undefined when it runs. */
export function soakSkipReason(): string | undefined {
  return faultsLevel() === 'soak'
    ? undefined
    : 'skipped: the soak runs only with npm run test:faults -- --soak';
}
