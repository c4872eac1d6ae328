/**
 * bin/meshview-migrate.js runs the bundle (scripts/bundle-cli.js) with V8's code cache and, in a
 * checkout, refuses a bundle older than the compiled code it was made from. Exercised on copies
 * of the bin beside a stand-in bundle or a copy of the real one, so that the real files are never
 * touched while other tests run them.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAppConfig } from '#test/processes.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';
import { makeSharedTempDir, unprivileged } from '#test/unprivileged.js';

const realBin = join(repoRoot, 'apps', 'migrate', 'bin');
const realDist = join(repoRoot, 'apps', 'migrate', 'dist');

/** A copy of the bin (and its package.json, which makes it CommonJS) in `root/bin`. */
function copyBin(root: string): string {
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  for (const name of ['meshview-migrate.js', 'package.json']) {
    copyFileSync(join(realBin, name), join(root, 'bin', name));
  }
  return join(root, 'bin', 'meshview-migrate.js');
}

/** A bundle as the build writes one: a stamp line, then a function expression around `body`. */
const standIn = (body: string): string =>
  '// stand-in\n(function (require, module, exports, __filename, __dirname, __importMeta, __import) {\n' +
  `${body}\n})\n`;

function layout(withSources: boolean) {
  const root = makeTempDir('bin-bundle');
  if (withSources) mkdirSync(join(root, 'src'));
  const bin = copyBin(root);
  // As in apps/migrate: the package is ES modules, the bin's folder CommonJS.
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
      standIn("process.stdout.write('bundle ran ' + process.argv.slice(2).join(' '));"),
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
    writeFileSync(bundle, standIn("process.stdout.write('bundle ran');"));
    writeFileSync(input, '');
    at(bundle, 1_000_000);
    at(input, 1_000_200);
    expect(run()).toMatchObject({ status: 0, stdout: 'bundle ran' });
  });
});

describe('bin/meshview-migrate.js and the code cache', () => {
  /**
   * A copy of the bin and of the real bundle and cache (an installed layout: no sources), and an
   * empty SQLite database, on which `current` answers `<base>`.
   */
  function installed(dir: string) {
    const bin = copyBin(dir);
    const dist = join(dir, 'dist');
    for (const name of ['meshview-migrate.js', 'meshview-migrate.cache']) {
      copyFileSync(join(realDist, name), join(dist, name));
    }
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const config = writeAppConfig(dir, { connectionString: `sqlite:///${file}`, logLevel: 'warn' });
    const cache = join(dist, 'meshview-migrate.cache');
    const stamp = readFileSync(join(dist, 'meshview-migrate.js'), 'utf8').split('\n')[0]!;
    const current = (wrapper: readonly string[] = []) => {
      const [command, ...prefix] = [...wrapper, process.execPath];
      const result = spawnSync(command, [...prefix, bin, '--config', config, 'current'], {
        encoding: 'utf8',
      });
      expect(result, result.stderr).toMatchObject({
        status: 0,
        stdout: '<base> (no revision applied)\n',
        stderr: '',
      });
    };
    return { dist, cache, stamp, current };
  }

  it('uses the cache the build made: the run leaves it as it was', () => {
    const { cache, current } = installed(makeTempDir('bin-cache'));
    const before = readFileSync(cache);
    current();
    expect(readFileSync(cache).equals(before)).toBe(true);
  });

  it.each([
    ['missing', (cache: string) => rmSync(cache)],
    [
      'corrupt (V8 refuses it)',
      (cache: string) => {
        const bytes = readFileSync(cache);
        const at = Math.floor(bytes.length / 2);
        bytes[at] = bytes[at]! ^ 0xff;
        writeFileSync(cache, bytes);
      },
    ],
    [
      'made for another build of the bundle',
      (cache: string) => {
        // The stamp's first digit of the hash, changed.
        const bytes = readFileSync(cache);
        bytes[3] = bytes[3] === 0x30 ? 0x31 : 0x30;
        writeFileSync(cache, bytes);
      },
    ],
  ])('runs without the cache when it is %s, and writes one that the next run uses', (_, spoil) => {
    const { dist, cache, stamp, current } = installed(makeTempDir('bin-cache'));
    spoil(cache);
    const spoilt = existsSync(cache) ? readFileSync(cache) : Buffer.alloc(0);
    current();
    const written = readFileSync(cache);
    expect(written.equals(spoilt)).toBe(false);
    expect(written.subarray(0, stamp.length + 1).toString('latin1')).toBe(`${stamp}\n`);
    current();
    expect(readFileSync(cache).equals(written)).toBe(true);
    expect(readdirSync(dist).sort()).toEqual(['meshview-migrate.cache', 'meshview-migrate.js']);
  });

  it.skipIf(unprivileged.skip)(
    `runs from a folder it may not write, without the cache and leaving no file${unprivileged.skip ? ` (${unprivileged.skip})` : ''}`,
    () => {
      const { dist, cache, current } = installed(makeSharedTempDir('bin-cache-ro'));
      rmSync(cache);
      current(unprivileged.wrapper);
      expect(readdirSync(dist)).toEqual(['meshview-migrate.js']);
    },
  );
});

describe("the bundle's code", () => {
  it('calls no import() and reads no import.meta, which code compiled by vm.Script cannot', () => {
    const code = readFileSync(join(realDist, 'meshview-migrate.js'), 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\bimport\.meta\b/);
    expect(code).toContain('__import(');
  });
});
