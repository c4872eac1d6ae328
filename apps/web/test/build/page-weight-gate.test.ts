import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGES } from '@meshview/api/pages';
import { makeTempDir } from '#test/tmp.js';
import type { PageWeight } from '../../build/page-weights.js';

const WEB = fileURLToPath(new URL('../../', import.meta.url));
const VITE = join(
  dirname(createRequire(import.meta.url).resolve('vite/package.json')),
  'bin',
  'vite.js',
);

/** `vite build` of the real app into `outDir`, as a child process, with `env` added. */
function build(outDir: string, env: Record<string, string>) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [VITE, 'build', '--outDir', outDir, '--emptyOutDir'],
      { cwd: WEB, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

describe("the web build's page-weight gate", () => {
  const dir = makeTempDir('page-weight');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails the build, naming the page, its weight and the limit, when a page is too heavy', async () => {
    // Every page needs more than 1 KB, the entry chunk alone does.
    const { code, output } = await build(join(dir, 'heavy'), {
      MESHVIEW_PAGE_WEIGHT_LIMIT_KB: '1',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /page \/nodelist weighs \d+\.\d\d KB gzipped \(JS [\d.]+ KB \+ CSS [\d.]+ KB\), over the limit of 1\.00 KB \(1 KB = 1000 bytes\)/,
    );
  });

  it('passes under the limit and writes every page weight into the output', async () => {
    const outDir = join(dir, 'light');
    const { code, output } = await build(outDir, { MESHVIEW_PAGE_WEIGHT_LIMIT_KB: '5000' });
    expect(code, output).toBe(0);
    expect(output).toContain('page weights (gzipped; 1 KB = 1000 bytes)');
    const report = JSON.parse(readFileSync(join(outDir, 'page-weights.json'), 'utf8')) as {
      limitBytes: number;
      pages: PageWeight[];
    };
    expect(report.limitBytes).toBe(5_000_000);
    expect(report.pages.map((p) => p.page)).toEqual(PAGES.map((p) => p.path));
    for (const page of report.pages) {
      expect(page.totalGzipBytes).toBe(page.jsGzipBytes + page.cssGzipBytes);
      expect(page.jsGzipBytes, page.page).toBeGreaterThan(0);
    }
  });

  it('refuses a limit that is not a positive number, naming the variable', async () => {
    const { code, output } = await build(join(dir, 'bad'), {
      MESHVIEW_PAGE_WEIGHT_LIMIT_KB: 'lots',
    });
    expect(code).not.toBe(0);
    expect(output).toContain(
      'MESHVIEW_PAGE_WEIGHT_LIMIT_KB must be a positive number of kilobytes, not "lots"',
    );
  });
});
