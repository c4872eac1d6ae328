import { describe, expectTypeOf, it } from 'vitest';
import type { PacketSeenRow } from '@meshview/mesh';
import type { RowMisfit } from '../../src/storage/row-misfit.js';

// Compile-time assertions, checked by `tsc -p tsconfig.test.json`; at run time they are no-ops.
describe('RowMisfit', () => {
  it('is never for a row of the table', () => {
    expectTypeOf<RowMisfit<'packet_seen', PacketSeenRow>>().toBeNever();
    expectTypeOf<
      RowMisfit<'packet_seen', Omit<PacketSeenRow, 'hop_limit'>, 'hop_limit'>
    >().toBeNever();
  });

  it('names a missing column, a field that is no column, and a field of the wrong type', () => {
    expectTypeOf<RowMisfit<'packet_seen', Omit<PacketSeenRow, 'topic'>>>().toEqualTypeOf<{
      readonly table: 'packet_seen';
      readonly missing: 'topic';
    }>();
    expectTypeOf<RowMisfit<'packet_seen', PacketSeenRow & { gateway: string }>>().toEqualTypeOf<{
      readonly table: 'packet_seen';
      readonly notAColumn: 'gateway';
    }>();
    expectTypeOf<
      RowMisfit<'packet_seen', Omit<PacketSeenRow, 'rx_snr'> & { rx_snr: string }>
    >().toEqualTypeOf<{ readonly table: 'packet_seen'; readonly wrongType: 'rx_snr' }>();
  });
});
