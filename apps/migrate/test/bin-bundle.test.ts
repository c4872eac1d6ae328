/**
 * bin/meshview-migrate.js runs the bundle (scripts/bundle-cli.js) and, in a checkout, refuses
 * one older than the compiled code it was made from. Exercised on a copy of the bin beside a
 * stand-in bundle, so that the real one is never touched while other tests run it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, repoRoot } from '#test/tmp.js';

function layout(withSources: boolean) {
  const root = makeTempDir('bin-bundle');
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  if (withSources) mkdirSync(join(root, 'src'));
  const bin = join(root, 'bin', 'meshview-migrate.js');
  copyFileSync(join(repoRoot, 'apps', 'migrate', 'bin', 'meshview-migrate.js'), bin);
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  const bundle = join(root, 'dist', 'meshview-migrate.js');
  mkdirSync(join(root, 'project'));
  const input = join(root, 'project', 'tsconfig.tsbuildinfo');
  const run = () => spawnSync(process.execPath, [bin, 'current'], { encoding: 'utf8' });
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
  return { bundle, input, run, at };
}

describe('bin/meshview-migrate.js', () => {
  it('says how to build when there is no bundle', () => {
    const { run } = layout(true);
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'meshview-migrate is not built yet: run `npm run build` (or `npm install`) first\n',
    );
  });

  it('runs the bundle, and refuses it once the code it was made from is newer', () => {
    const { bundle, input, run, at } = layout(true);
    writeFileSync(
      bundle,
      "process.stdout.write('bundle ran ' + process.argv.slice(2).join(' '));\n",
    );
    writeFileSync(input, '');
    writeFileSync(
      join(bundle, '..', 'meshview-migrate.inputs.json'),
      '["../project/tsconfig.tsbuildinfo"]\n',
    );
    at(input, 1_000_000);
    at(bundle, 1_000_100);
    expect(run()).toMatchObject({ status: 0, stdout: 'bundle ran current' });

    at(input, 1_000_200);
    const stale = run();
    expect(stale.status).toBe(1);
    expect(stale.stderr).toBe(
      `meshview-migrate's bundle is older than the compiled code of ${join(input, '..')}: run \`npm run build\` (or \`npm install\`) first\n`,
    );
  });

  it('skips the check where there are no sources (an installed image)', () => {
    const { bundle, input, run, at } = layout(false);
    writeFileSync(bundle, "process.stdout.write('bundle ran');\n");
    writeFileSync(input, '');
    at(bundle, 1_000_000);
    at(input, 1_000_200);
    expect(run()).toMatchObject({ status: 0, stdout: 'bundle ran' });
  });
});
