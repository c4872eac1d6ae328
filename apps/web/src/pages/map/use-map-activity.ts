import { useEffect, useRef, useState } from 'preact/hooks';
import { useLivePackets, type LivePacket } from '../../lib/live-packets.js';
import type { MapNode } from './map-node.js';
import { activityLine, packetActivity, type PacketActivity } from './packet-activity.js';
import { usePageVisible } from './use-page-visible.js';

/** How long a sender blinks, and a packet of an unplaced node stays listed (MeshView's). */
export const BLINK_MS = 7_000;
export const UNMAPPED_MS = 5_000;
/** At most this many packets of unplaced nodes are listed. */
export const UNMAPPED_MAX = 50;

/** The live activity the map shows. */
export interface MapActivity {
  /** Whether packets are being followed (live on, tab shown). */
  readonly live: boolean;
  /** Blinking nodes, each with its tooltip line (`Name · PORT · text`). */
  readonly blinks: ReadonlyMap<number, string>;
  /** Recent packets of nodes that have no position, newest first. */
  readonly unmapped: readonly PacketActivity[];
}

/**
 * Follows the live packets while `enabled` and the tab is shown (paused while it is hidden): a
 * packet from a node on the map makes it blink for 7 s; one from a node without a position is
 * listed for 5 s (at most 50). `placed` are the nodes with a position (filtered out or not),
 * `nameOf` names any node the page knows.
 */
export function useMapActivity(props: {
  readonly enabled: boolean;
  readonly fallbackPollSeconds: number;
  readonly placed: ReadonlyMap<number, MapNode>;
  readonly nameOf: (nodeId: number) => string | null;
}): MapActivity {
  const visible = usePageVisible();
  const live = props.enabled && visible;
  const [blinks, setBlinks] = useState<ReadonlyMap<number, string>>(new Map());
  const [unmapped, setUnmapped] = useState<readonly PacketActivity[]>([]);
  const latest = useRef(props);
  latest.current = props;
  /** Which batch of packets last lit each node, so that only the newest blink's timer ends it. */
  const litBy = useRef(new Map<number, number>());
  const batches = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      action();
    }, ms);
    timers.current.add(timer);
  };
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  useLivePackets(
    (packets: LivePacket[]) => {
      const { placed, nameOf } = latest.current;
      const lit = new Map<number, string>();
      const listed: PacketActivity[] = [];
      for (const packet of packets) {
        const activity = packetActivity(packet, nameOf);
        if (activity === null) continue;
        if (placed.has(activity.nodeId)) lit.set(activity.nodeId, activityLine(activity));
        else listed.unshift(activity);
      }
      if (lit.size > 0) {
        const batch = (batches.current += 1);
        for (const nodeId of lit.keys()) litBy.current.set(nodeId, batch);
        setBlinks((old) => new Map([...old, ...lit]));
        // Each blink ends 7 s after its packet, unless a newer one of the same node came since.
        later(BLINK_MS, () => {
          const ended = [...lit.keys()].filter((id) => litBy.current.get(id) === batch);
          for (const nodeId of ended) litBy.current.delete(nodeId);
          setBlinks((old) => {
            const next = new Map(old);
            for (const nodeId of ended) next.delete(nodeId);
            return next;
          });
        });
      }
      if (listed.length > 0) {
        setUnmapped((old) => {
          const ids = new Set(listed.map((a) => a.packetId));
          return [...listed, ...old.filter((a) => !ids.has(a.packetId))].slice(0, UNMAPPED_MAX);
        });
        later(UNMAPPED_MS, () => setUnmapped((old) => old.filter((a) => !listed.includes(a))));
      }
    },
    { enabled: live, fallbackPollSeconds: props.fallbackPollSeconds },
  );

  return { live, blinks, unmapped };
}
