/// <reference lib="webworker" />
import { forceLayout, type LayoutInput } from './force-layout.js';

/** Lays out the graph it is sent and answers the positions (their buffer transferred). */
self.onmessage = (event: MessageEvent<LayoutInput & { readonly id: number }>) => {
  const positions = forceLayout(event.data);
  (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id: event.data.id, positions }, [
    positions.buffer,
  ]);
};
