import type { Packet } from '@meshview/api';

/** What each port's view of the decoded content gets: the packet and its `decoded`. */
export interface DecodedViewProps {
  readonly packet: Packet;
  readonly decoded: unknown;
}
