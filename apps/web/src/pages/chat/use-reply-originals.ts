import { useEffect, useRef, useState } from 'preact/hooks';
import type { Packet, PacketsResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';

/** What the chat knows of a message a reply answers: the packet, `null` when none is stored. */
export type Original = Packet | null;

/**
 * The messages the replies among `rows` answer that are not among `rows` themselves, fetched
 * once each (`/api/packets?packet_id=`); by packet id. An answer not yet come is not in the map.
 */
export function useReplyOriginals(rows: readonly Packet[]): ReadonlyMap<number, Original> {
  const [originals, setOriginals] = useState<ReadonlyMap<number, Original>>(new Map());
  const asked = useRef(new Set<number>());
  const controller = useRef(new AbortController());
  useEffect(() => {
    const current = controller.current;
    return () => current.abort();
  }, []);
  useEffect(() => {
    const onScreen = new Set(rows.map((p) => p.id));
    for (const row of rows) {
      const id = row.reply_id;
      if (id === undefined || onScreen.has(id) || asked.current.has(id)) continue;
      asked.current.add(id);
      getJson<PacketsResponse>('api/packets', { packet_id: id }, controller.current.signal).then(
        (answer) => setOriginals((old) => new Map(old).set(id, answer.packets[0] ?? null)),
        // Asked again when the rows change; the reply says the original is not known meanwhile.
        () => asked.current.delete(id),
      );
    }
  }, [rows]);
  return originals;
}
