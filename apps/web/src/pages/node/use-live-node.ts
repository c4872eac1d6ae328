import { useEffect, useRef, useState } from 'preact/hooks';
import type { Node, NodesResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';
import { useLivePackets } from '../../lib/live-packets.js';
import type { NodeLive } from './node-live.js';

/** A node's row is asked for again at most this often while it sends. */
const REFRESH_MS = 15_000;

/**
 * `node` kept current while the page is live: when the node sends a packet, its row
 * (`/api/nodes?node_id=`: names, position, last seen) is asked for again, at most once every
 * {@link REFRESH_MS}. A failed request keeps the row shown.
 */
export function useLiveNode(
  nodeId: number,
  node: Node | undefined,
  live: NodeLive,
): Node | undefined {
  const [fresh, setFresh] = useState<Node | undefined>(undefined);
  const last = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );

  const refresh = () => {
    timer.current = undefined;
    last.current = Date.now();
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    getJson<NodesResponse>('api/nodes', { node_id: nodeId }, current.signal).then(
      (answer) => {
        if (answer.nodes[0]) setFresh(answer.nodes[0]);
      },
      () => {}, // the row shown stays
    );
  };

  useLivePackets((packets) => {
    if (timer.current !== undefined || !packets.some((p) => p.from_node_id === nodeId)) return;
    timer.current = setTimeout(refresh, Math.max(0, last.current + REFRESH_MS - Date.now()));
  }, live);
  return fresh ?? node;
}
