import { describe, expect, it } from 'vitest';
import { packetSummary } from '../../../src/pages/node/packet-summary.js';
import { packet } from './packet-fixture.js';

// The translation function shows the key and values, so the test sees what was chosen.
const t = (_section: string, key: string, values?: Record<string, string | number>) =>
  values ? `${key}(${Object.values(values).join('|')})` : key;

describe('packetSummary', () => {
  it('shows a text message as its text, cut at 80 characters on one line', () => {
    expect(packetSummary(packet({ portnum: 1, decoded: 'hello\nmesh' }), t, 'en')).toBe(
      'hello mesh',
    );
    const long = packetSummary(packet({ portnum: 1, decoded: 'x'.repeat(200) }), t, 'en');
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });

  it('reads positions, telemetry, neighbours and traceroutes from decoded', () => {
    expect(
      packetSummary(
        packet({
          portnum: 3,
          decoded: { latitudeI: 377_749_000, longitudeI: -1_224_194_000, altitude: 52 },
        }),
        t,
        'en',
      ),
    ).toBe('37.7749, -122.4194 · 52 m');
    expect(
      packetSummary(
        packet({ portnum: 67, decoded: { deviceMetrics: { batteryLevel: 87, voltage: 4.05 } } }),
        t,
        'en',
      ),
    ).toBe('summary_battery(87), summary_voltage(4.05)');
    expect(packetSummary(packet({ portnum: 71, decoded: { neighbors: [{}, {}] } }), t, 'en')).toBe(
      'summary_neighbors(2)',
    );
    expect(
      packetSummary(packet({ portnum: 70, decoded: { route: [1, 2], routeBack: [3] } }), t, 'en'),
    ).toBe('summary_traceroute(2|1)');
  });

  it('says when a direct message is hidden or a packet was not decoded', () => {
    expect(packetSummary(packet({ portnum: 1, payload: '<redacted>' }), t, 'en')).toBe(
      'summary_redacted',
    );
    expect(packetSummary(packet({ portnum: 0, payload: 'Did not decode' }), t, 'en')).toBe(
      'summary_not_decoded',
    );
  });
});
