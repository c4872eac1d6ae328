import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Packet, PacketsResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';
import { useLivePackets, type LiveStatus } from '../../lib/live-packets.js';
import { belongsInNodeTable } from './live-rows.js';
import type { NodeLive } from './node-live.js';

/** How many packets a page of the table asks for. */
export const PACKETS_PAGE = 100;

/** The node's packets shown so far, and how to get older ones. */
export interface NodePackets {
  readonly rows: readonly Packet[];
  readonly loading: boolean;
  readonly error: Error | undefined;
  /** Whether an older page may exist (the last page was full). */
  readonly more: boolean;
  /** Loads the page before the oldest row shown (`before=<its import_time_us>`). */
  readonly loadOlder: () => void;
  /** Whether new packets come in by themselves, and how. */
  readonly live: LiveStatus;
}

/**
 * A node's packets, sent or received (`/api/packets?node_id=`), newest first, a page at a time:
 * the first page when the filters change, older ones on request with the `before` cursor, and,
 * while `live` is enabled, new ones at the top as they are stored (those the filters let
 * through). Rows already shown are never repeated (a reader without `before` answers the newest
 * page again, and then there is simply nothing older to add).
 */
export function useNodePackets(
  nodeId: number,
  filters: { readonly sinceUs: number | undefined; readonly port: number | null },
  live: NodeLive,
): NodePackets {
  // The rows as last set, for the answers and live batches that arrive between renders.
  const shown = useRef<readonly Packet[]>([]);
  const [rows, setRowsState] = useState<readonly Packet[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [more, setMore] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const query = { node_id: nodeId, since: filters.sinceUs, portnum: filters.port ?? undefined };
  const key = JSON.stringify(query);
  const setRows = (next: readonly Packet[]) => {
    shown.current = next;
    setRowsState(next);
  };

  const load = useCallback(
    (before: number | undefined) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setLoading(true);
      setError(undefined);
      getJson<PacketsResponse>(
        'api/packets',
        { ...query, limit: PACKETS_PAGE, before },
        current.signal,
      ).then(
        (answer) => {
          if (current.signal.aborted) return;
          const ids = new Set(shown.current.map(rowKey));
          const fresh = answer.packets.filter(
            (p) =>
              !ids.has(rowKey(p)) &&
              (before === undefined || (p.import_time_us !== null && p.import_time_us <= before)),
          );
          // Live packets that came while the first page loaded stay on top of it.
          setRows(
            before === undefined
              ? newestFirst([...shown.current, ...fresh])
              : [...shown.current, ...fresh],
          );
          setMore(answer.packets.length === PACKETS_PAGE && fresh.length > 0);
          setLoading(false);
        },
        (failure: Error) => {
          if (current.signal.aborted) return;
          setError(failure);
          setLoading(false);
        },
      );
    },
    [key],
  );

  useEffect(() => {
    setRows([]);
    load(undefined);
    return () => controller.current?.abort();
  }, [load]);

  const liveStatus = useLivePackets((packets) => {
    const ids = new Set(shown.current.map(rowKey));
    const arrived = packets
      .filter((p) => !ids.has(rowKey(p)) && belongsInNodeTable(p, nodeId, filters))
      .reverse();
    if (arrived.length > 0) setRows([...arrived, ...shown.current]);
  }, live);

  const loadOlder = () => {
    const oldest = rows.reduce<number | undefined>(
      (min, p) =>
        p.import_time_us === null
          ? min
          : min === undefined
            ? p.import_time_us
            : Math.min(min, p.import_time_us),
      undefined,
    );
    if (oldest !== undefined) load(oldest);
  };

  return { rows, loading, error, more, loadOlder, live: liveStatus };
}

/** A packet's identity in the list (a packet id, and its time in case ids repeat). */
function rowKey(packet: Packet): string {
  return `${packet.id}:${packet.import_time_us}`;
}

/** `rows` newest first, as the reader lists them (a stable sort: ties keep their order). */
function newestFirst(rows: readonly Packet[]): Packet[] {
  return [...rows].sort((a, b) => (b.import_time_us ?? 0) - (a.import_time_us ?? 0));
}
