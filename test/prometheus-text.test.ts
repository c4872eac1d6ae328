import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '#test/prometheus-text.js';

// The metrics tests' parser must refuse what Prometheus refuses, or they would prove nothing.
describe('parsePrometheusText', () => {
  it('reads families, labels with escapes, and histograms', () => {
    const families = parsePrometheusText(
      '# HELP a_total A.\n# TYPE a_total counter\na_total{x="q\\"\\\\n"} 3\n' +
        '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3.5\nh_count 2\n' +
        '# TYPE g gauge\ng Nan\n',
    );
    expect(sampleValue(families, 'a_total', { x: 'q"\\n' })).toBe(3);
    expect(sampleValue(families, 'h_count')).toBe(2);
    expect(families.get('a_total')?.help).toBe('A.');
    expect(sampleValue(families, 'g')).toBeNaN();
  });

  it.each([
    ['a 1\n', 'before any TYPE'],
    ['# TYPE a counter\nb 1\n', 'not a sample of'],
    ['# TYPE a gauge\na one\n', 'bad value'],
    ['# TYPE a gauge\na{x=1} 1\n', 'bad labels'],
    ['# TYPE a gauge\na 1', 'end with a newline'],
    ['# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n', 'rise'],
    ['# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 1\n', 'not the count'],
  ])('refuses %j', (text, why) => {
    expect(() => parsePrometheusText(text)).toThrow(why);
  });
});
