import { useEffect, useState } from 'preact/hooks';
import type { Node, NodesResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';

/**
 * The node rows of a few node numbers (a node's neighbours), by number; nodes the reader does
 * not know are left out. One `/api/nodes?node_id=` request each, in parallel.
 */
export function useNodes(ids: readonly number[]): ReadonlyMap<number, Node> {
  const [nodes, setNodes] = useState<ReadonlyMap<number, Node>>(new Map());
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    if (key === '') return;
    const controller = new AbortController();
    const wanted = key.split(',').map(Number);
    Promise.all(
      wanted.map((id) =>
        getJson<NodesResponse>('api/nodes', { node_id: id }, controller.signal).then(
          (answer) => answer.nodes[0],
          () => undefined,
        ),
      ),
    ).then(
      (rows) => {
        if (controller.signal.aborted) return;
        setNodes(new Map(rows.flatMap((row) => (row?.node_id ? [[row.node_id, row]] : []))));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [key]);
  return nodes;
}
