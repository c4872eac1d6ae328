import { describe, expect, it } from 'vitest';
import type { Packet } from '@meshview/api';
import { activityLine, packetActivity } from '../../../src/pages/map/packet-activity.js';

const packet = (over: Partial<Packet>): Packet => ({
  id: 7,
  import_time_us: 1,
  channel: 'LongFast',
  from_node_id: 0x0a11ce01,
  to_node_id: 0xffffffff,
  portnum: 1,
  long_name: 'Alice Base',
  to_long_name: null,
  payload: 'hi',
  decoded: 'hi',
  ...over,
});

describe('packetActivity', () => {
  it('names the sender, its port and the first 80 characters of a text', () => {
    const long = `${'é'.repeat(79)}xyz`;
    const activity = packetActivity(packet({ decoded: long, payload: long }), () => null)!;
    expect(activity).toEqual({
      packetId: 7,
      nodeId: 0x0a11ce01,
      name: 'Alice Base',
      port: 'TEXT_MESSAGE_APP',
      text: `${'é'.repeat(79)}x…`,
    });
    expect(activityLine(activity)).toBe(`Alice Base · TEXT_MESSAGE_APP · ${'é'.repeat(79)}x…`);
  });

  it('shows no text for other ports or a hidden direct message, and names unknown senders', () => {
    const position = packetActivity(
      packet({ portnum: 3, long_name: null, decoded: { latitudeI: 1 } }),
      (id) => (id === 0x0a11ce01 ? 'From the list' : null),
    )!;
    expect(activityLine(position)).toBe('From the list · POSITION_APP');
    const redacted = packetActivity(
      packet({ long_name: null, payload: '<redacted>', decoded: null }),
      () => null,
    )!;
    expect(activityLine(redacted)).toBe('!0a11ce01 · TEXT_MESSAGE_APP');
    expect(packetActivity(packet({ from_node_id: null }), () => null)).toBeNull();
  });
});
