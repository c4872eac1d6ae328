import { describe, expect, it } from 'vitest';
import { gradeOf, parseTopView, topQuery, topViewQuery } from '../../../src/pages/top/top-view.js';

describe('the top page’s view', () => {
  it('reads the URL, falling back to 24 hours by receptions, first page', () => {
    expect(parseTopView(new URLSearchParams(''))).toEqual({
      window: '24h',
      sort: 'seen',
      order: 'desc',
      page: 1,
    });
    expect(parseTopView(new URLSearchParams('window=3d&sort=avg&order=asc&page=4'))).toEqual({
      window: '3d',
      sort: 'avg',
      order: 'asc',
      page: 4,
    });
    expect(parseTopView(new URLSearchParams('window=2y&sort=x&order=up&page=-1'))).toEqual({
      window: '24h',
      sort: 'seen',
      order: 'desc',
      page: 1,
    });
  });

  it('writes only what differs from the default, and asks the API for that page', () => {
    const view = { window: '7d', sort: 'sent', order: 'desc', page: 3 } as const;
    expect(topViewQuery(view)).toEqual({ window: '7d', sort: 'sent', order: null, page: '3' });
    expect(topQuery(view, 'LongFast')).toEqual({
      period_type: 'day',
      length: 7,
      channel: 'LongFast',
      limit: 20,
      offset: 40,
      sort: 'sent',
      order: 'desc',
    });
  });

  it('grades averages as MeshView does: good from 10, ok from 2', () => {
    expect([12, 10, 9.99, 2, 1.99, 0].map(gradeOf)).toEqual([
      'good',
      'good',
      'ok',
      'ok',
      'low',
      'low',
    ]);
  });
});
