import { describe, expect, it } from 'vitest';
import {
  overweightPages,
  pageWeights,
  weightTable,
  type BuiltApp,
  type BuiltChunk,
} from '../../build/page-weights.js';

const chunk = (
  fileName: string,
  gzipBytes: number,
  more: Partial<BuiltChunk> = {},
): BuiltChunk => ({
  fileName,
  gzipBytes,
  imports: [],
  dynamicImports: [],
  css: [],
  ...more,
});

/** A made-up build: an entry that loads two pages, which share a map chunk. */
const APP: BuiltApp = {
  entry: 'index.js',
  pages: { '/list': 'list.js', '/node/:id': 'node.js' },
  chunks: [
    chunk('index.js', 10_000, {
      imports: ['runtime.js'],
      dynamicImports: ['list.js', 'node.js'],
      css: ['index.css'],
    }),
    chunk('runtime.js', 500),
    chunk('list.js', 20_000, { imports: ['format.js'] }),
    chunk('format.js', 1_000),
    chunk('node.js', 200_000, {
      imports: ['format.js', 'map.js'],
      dynamicImports: ['list.js', 'qr.js'],
      css: ['node.css'],
    }),
    chunk('map.js', 50_000, { css: ['map.css'] }),
    chunk('qr.js', 15_000, { imports: ['runtime.js'] }),
  ],
  cssGzipBytes: { 'index.css': 2_000, 'node.css': 1_000, 'map.css': 3_000 },
};

describe('page weights', () => {
  it("count the entry, the page's chunk and what they import, each file once", () => {
    const [list] = pageWeights(APP);
    expect(list).toEqual({
      page: '/list',
      jsGzipBytes: 10_000 + 500 + 20_000 + 1_000,
      cssGzipBytes: 2_000,
      totalGzipBytes: 33_500,
      files: ['index.js', 'runtime.js', 'list.js', 'format.js', 'index.css'],
    });
  });

  it("count what the page loads later with import(), but not another page's chunk", () => {
    const node = pageWeights(APP)[1]!;
    expect(node.files).toEqual([
      'index.js',
      'runtime.js',
      'node.js',
      'format.js',
      'map.js',
      'qr.js',
      'index.css',
      'node.css',
      'map.css',
    ]);
    expect(node.jsGzipBytes).toBe(10_000 + 500 + 200_000 + 1_000 + 50_000 + 15_000);
    expect(node.cssGzipBytes).toBe(6_000);
    expect(node.totalGzipBytes).toBe(282_500);
  });

  it('name the page, its weight and the limit when a page is over it', () => {
    const weights = pageWeights(APP);
    expect(overweightPages(weights, 300_000)).toEqual([]);
    // At the limit is not over it.
    expect(overweightPages(weights, 282_500)).toEqual([]);
    expect(overweightPages(weights, 282_499)).toEqual([
      {
        page: '/node/:id',
        message:
          'page /node/:id weighs 282.50 KB gzipped (JS 276.50 KB + CSS 6.00 KB), over the ' +
          'limit of 282.50 KB (1 KB = 1000 bytes)',
      },
    ]);
    expect(overweightPages(weights, 30_000).map((o) => o.page)).toEqual(['/list', '/node/:id']);
  });

  it('print a row a page with its verdict', () => {
    const table = weightTable(pageWeights(APP), 100_000).split('\n');
    expect(table[0]).toMatch(/^page\s+JS gz KB\s+CSS gz KB\s+total gz KB\s+limit 100\.00$/);
    expect(table[1]).toMatch(/^\/list\s+31\.50\s+2\.00\s+33\.50\s+ok$/);
    expect(table[2]).toMatch(/^\/node\/:id\s+276\.50\s+6\.00\s+282\.50\s+OVER$/);
  });

  it('refuse a build that lacks a chunk a page imports', () => {
    const broken: BuiltApp = { ...APP, chunks: APP.chunks.filter((c) => c.fileName !== 'map.js') };
    expect(() => pageWeights(broken)).toThrow('the build has no chunk map.js');
  });
});
