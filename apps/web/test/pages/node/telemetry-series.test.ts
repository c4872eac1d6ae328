import { describe, expect, it } from 'vitest';
import { telemetrySeries } from '../../../src/pages/node/telemetry-series.js';
import { packet } from './packet-fixture.js';

describe('telemetrySeries', () => {
  it('reads device and environment metrics from decoded, oldest first, in milliseconds', () => {
    const series = telemetrySeries([
      packet({
        import_time_us: 2_000_000,
        decoded: {
          environmentMetrics: {
            temperature: 21.5,
            relativeHumidity: 40,
            barometricPressure: 1012.5,
          },
        },
      }),
      packet({
        import_time_us: 1_000_000,
        decoded: {
          time: 1,
          deviceMetrics: {
            batteryLevel: 87,
            voltage: 4.05,
            channelUtilization: 12.5,
            airUtilTx: 1.25,
          },
        },
      }),
    ]);
    expect(series.battery).toEqual([[1000, 87]]);
    expect(series.voltage).toEqual([[1000, 4.05]]);
    expect(series.channelUtilization).toEqual([[1000, 12.5]]);
    expect(series.airUtilTx).toEqual([[1000, 1.25]]);
    expect(series.temperature).toEqual([[2000, 21.5]]);
    expect(series.humidity).toEqual([[2000, 40]]);
    expect(series.pressure).toEqual([[2000, 1012.5]]);
  });

  it('adds no point for a measure a packet does not carry, nor for packets without a time', () => {
    const series = telemetrySeries([
      packet({ decoded: { deviceMetrics: { voltage: 3.9 } } }),
      packet({ import_time_us: null, decoded: { deviceMetrics: { batteryLevel: 50 } } }),
      packet({ decoded: 'not telemetry' }),
    ]);
    expect(series.battery).toEqual([]);
    expect(series.voltage).toHaveLength(1);
    expect(series.temperature).toEqual([]);
  });
});
