import { describe, expect, it } from 'vitest';
import { startingPage } from '../../src/routes/pages.routes.js';

describe('startingPage', () => {
  it('is [site] starting when that is a page, with its query', () => {
    expect(startingPage('/nodelist')).toBe('/nodelist');
    expect(startingPage('nodelist')).toBe('/nodelist');
    expect(startingPage('/node/42?tab=map')).toBe('/node/42?tab=map');
    expect(startingPage('/node/é?q=a b')).toBe('/node/%C3%A9?q=a%20b');
    expect(startingPage('/node/%21abc')).toBe('/node/%21abc');
  });

  it("is /nodelist while the page does not exist (MeshView's default /map) or is no page", () => {
    for (const starting of [
      '/map',
      '/chat',
      '/',
      'https://example.org/',
      '/node/%E0',
      '/api/nodes',
    ]) {
      expect(startingPage(starting), starting).toBe('/nodelist');
    }
  });
});
