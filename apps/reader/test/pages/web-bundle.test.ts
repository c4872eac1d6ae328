import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '#test/tmp.js';
import { loadWebBundle, withBaseHref } from '../../src/pages/web-bundle.js';
import { FIXTURE, writeWebFixture } from './web-fixture.js';

describe('withBaseHref', () => {
  it("sets the build's <base href> to the base path", () => {
    const html = '<html><head><meta charset="utf-8" /><base href="/" /></head></html>';
    expect(withBaseHref(html, '')).toBe(html);
    expect(withBaseHref(html, '/mesh/view')).toBe(
      '<html><head><meta charset="utf-8" /><base href="/mesh/view/" /></head></html>',
    );
    expect(withBaseHref('<head><BASE HREF="./"></head>', '/m')).toBe(
      '<head><base href="/m/" /></head>',
    );
  });

  it('adds one at the start of <head> when the build has none, and escapes the path', () => {
    expect(withBaseHref('<html><head lang="en"><title>x</title></head></html>', '/a')).toBe(
      '<html><head lang="en"><base href="/a/" /><title>x</title></head></html>',
    );
    expect(withBaseHref('<head></head>', "/a&b'c")).toBe(
      `<head><base href="/a&amp;b'c/" /></head>`,
    );
    // `$&` in a replacement would insert the match: the path is taken literally.
    expect(withBaseHref('<head><base href="/"></head>', '/$&')).toBe(
      '<head><base href="/$&amp;/" /></head>',
    );
  });
});

describe('loadWebBundle', () => {
  it("reads the build's files into memory, dot files left out", async () => {
    const bundle = await loadWebBundle(writeWebFixture(), '/x');
    expect(bundle).not.toBeNull();
    expect([...bundle!.files.keys()].sort()).toEqual(
      [FIXTURE.script, FIXTURE.style, FIXTURE.image, FIXTURE.favicon].sort(),
    );
    expect(bundle!.index.identity.body.toString()).toContain('<base href="/x/" />');
    expect(Object.keys(bundle!.files.get(FIXTURE.script)!.encoded).sort()).toEqual(['br', 'gzip']);
    expect(bundle!.files.get(FIXTURE.image)!.encoded).toEqual({});
  });

  it('is null when there is no build', async () => {
    const dir = makeTempDir('web-none');
    expect(await loadWebBundle(join(dir, 'dist'), '')).toBeNull();
    expect(await loadWebBundle(dir, '')).toBeNull();
  });
});
