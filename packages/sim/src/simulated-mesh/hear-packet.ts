import { topicFor } from '../topic-for.js';
import { flood, packetSalt } from './flood.js';
import { hashUnit } from './hash-unit.js';
import type { SimReception } from './mesh-record.js';
import { quarterDb } from './radio.js';
import type { RadioSnapshot } from './radio-snapshot.js';

/** What {@link hearPacket} needs to know of one packet. */
export interface Heard {
  readonly seed: number;
  readonly id: number;
  readonly sender: number;
  readonly channel: string;
  readonly sentUs: number;
  /** The window's end: later reports are not in this window (nor in any other). */
  readonly untilUs: number;
  readonly root: string;
}

/**
 * Every gateway report of a packet: the gateways that uplink its channel and heard it within
 * its hop limit, each with the SNR and RSSI of the transmission it heard best (give or take a
 * dB), the hop limit left, and the moment its report reaches the writer (about a second and a
 * half per hop, plus the internet's delay); a gateway reporting its own packet gives SNR and
 * RSSI 0, as real gateways do. In the order the reports arrive.
 */
export function hearPacket(radio: RadioSnapshot, packet: Heard): SimReception[] {
  const { seed, id, sender, channel, sentUs } = packet;
  const hopStart = radio.nodes[sender]!.hopLimit;
  const spread = flood(radio, sender, hopStart, packetSalt(seed, sentUs));
  const out: SimReception[] = [];
  for (const gateway of radio.nodes) {
    if (!gateway.gatewayChannels.includes(channel)) continue;
    const level = spread.level[gateway.index]!;
    if (level < 0) continue;
    const draw = (salt: number): number => hashUnit(seed, id, gateway.num, salt);
    const own = level === 0;
    const hops = own ? 0 : level - 1;
    const delayMs = own ? 20 + draw(1) * 60 : hops * (1000 + draw(2) * 800) + 50 + draw(3) * 250;
    const importUs = sentUs + Math.round(delayMs) * 1000;
    if (importUs >= packet.untilUs) continue;
    const from = spread.parent[gateway.index]!;
    out.push({
      gateway: gateway.num,
      gatewayId: gateway.id,
      topic: topicFor({ root: packet.root, channelId: channel, gatewayId: gateway.id }),
      rxSnr: own
        ? 0
        : Math.min(12, quarterDb(radio.snr(from, gateway.index) + (draw(4) - 0.5) * 2)),
      rxRssi: own ? 0 : Math.round(radio.rssi(from, gateway.index) + (draw(5) - 0.5) * 3),
      hopStart,
      hopLimit: hopStart - hops,
      rxTime: Math.floor(importUs / 1_000_000),
      importUs,
    });
  }
  return out.sort((a, b) => a.importUs - b.importUs || a.gateway - b.gateway);
}
