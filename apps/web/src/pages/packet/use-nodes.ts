import { useEffect, useState } from 'preact/hooks';
import type { Node, NodesResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';

/**
 * Looks up nodes by number (`/api/nodes?node_id=`), a request each, for names and positions the
 * packet's own answers do not carry (traceroute hops, neighbours, gateways). The map holds `null`
 * for a node the reader does not know (or could not be asked about) once its answer is in.
 */
export function useNodes(ids: readonly number[]): ReadonlyMap<number, Node | null> {
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  const [nodes, setNodes] = useState<ReadonlyMap<number, Node | null>>(new Map());
  useEffect(() => {
    if (key === '') return;
    const controller = new AbortController();
    const wanted = key.split(',').map(Number);
    void Promise.all(
      wanted.map((id) =>
        getJson<NodesResponse>('api/nodes', { node_id: id }, controller.signal).then(
          (answer) => [id, answer.nodes[0] ?? null] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((entries) => {
      if (!controller.signal.aborted) setNodes(new Map(entries));
    });
    return () => controller.abort();
  }, [key]);
  return nodes;
}
