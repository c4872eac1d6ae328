import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Packet, PacketsResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';

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
}

/**
 * A node's packets, sent or received (`/api/packets?node_id=`), newest first, a page at a time:
 * the first page when the filters change, older ones on request with the `before` cursor. Rows
 * already shown are never repeated (a reader without `before` answers the newest page again, and
 * then there is simply nothing older to add).
 */
export function useNodePackets(
  nodeId: number,
  filters: { readonly sinceUs: number | undefined; readonly port: number | null },
): NodePackets {
  const [rows, setRows] = useState<readonly Packet[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [more, setMore] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const query = { node_id: nodeId, since: filters.sinceUs, portnum: filters.port ?? undefined };
  const key = JSON.stringify(query);

  const load = useCallback(
    (shown: readonly Packet[], before: number | undefined) => {
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
          const ids = new Set(shown.map(rowKey));
          const fresh = answer.packets.filter(
            (p) =>
              !ids.has(rowKey(p)) &&
              (before === undefined || (p.import_time_us !== null && p.import_time_us <= before)),
          );
          setRows([...shown, ...fresh]);
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
    load([], undefined);
    return () => controller.current?.abort();
  }, [load]);

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
    if (oldest !== undefined) load(rows, oldest);
  };

  return { rows, loading, error, more, loadOlder };
}

/** A packet's identity in the list (a packet id, and its time in case ids repeat). */
function rowKey(packet: Packet): string {
  return `${packet.id}:${packet.import_time_us}`;
}
