import { describe, expect, it } from 'vitest';
import { firstCheckIns, netSinceUs } from '../../../src/pages/net/net-check-ins.js';
import { packet } from '../node/packet-fixture.js';

const T = 1_765_000_000_000_000;
const checkIn = (id: number, from: number | null, us: number | null) =>
  packet({ id, from_node_id: from, import_time_us: us, portnum: 1 });

describe('firstCheckIns', () => {
  it("keeps each node's first check-in, in the order they checked in, whatever the input order", () => {
    const rows = firstCheckIns([
      checkIn(1, 7, T + 50),
      checkIn(2, 8, T + 40),
      checkIn(3, 7, T + 10),
      checkIn(4, 9, T + 30),
      checkIn(5, 8, T + 60),
    ]);
    expect(rows.map((p) => p.id)).toEqual([3, 4, 2]);
  });

  it('leaves out packets without a sender or a time', () => {
    expect(firstCheckIns([checkIn(1, null, T), checkIn(2, 7, null)])).toEqual([]);
  });
});

describe('netSinceUs', () => {
  it('is 6 days before now, in microseconds', () => {
    expect(netSinceUs(1_765_000_000_000)).toBe((1_765_000_000_000 - 6 * 86_400_000) * 1000);
  });
});
