import { describe, expect, it } from 'vitest';
import { startingPage } from '../../src/routes/pages.routes.js';

describe('startingPage', () => {
  it('is [site] starting when that is a page, with its query', () => {
    expect(startingPage('/nodelist')).toBe('/nodelist');
    expect(startingPage('nodelist')).toBe('/nodelist');
    expect(startingPage('/node/42?tab=map')).toBe('/node/42?tab=map');
    expect(startingPage('/node/é?q=a b')).toBe('/node/%C3%A9?q=a%20b');
    expect(startingPage('/node/%21abc')).toBe('/node/%21abc');
    expect(startingPage('/map')).toBe('/map');
    expect(startingPage('/map?lat=37.8&lng=-122.4&zoom=10')).toBe(
      '/map?lat=37.8&lng=-122.4&zoom=10',
    );
  });

  it('is /nodelist while the page does not exist or is no page', () => {
    for (const starting of [
      '/no-such-page',
      '/',
      'https://example.org/',
      '/node/%E0',
      '/api/nodes',
    ]) {
      expect(startingPage(starting), starting).toBe('/nodelist');
    }
  });
});
