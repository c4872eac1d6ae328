// The simulated mesh going on: its gateways' messages published to the broker as they happen.
import mqtt from 'mqtt';
import { simulateMesh } from '@meshview/sim';

/** How much of the mesh is simulated at a time (µs). */
const CHUNK_US = 15 * 60 * 1_000_000;

/**
 * Publishes the mesh of `seed` from `startUs` on, each gateway's message at the moment it
 * reports it, to the broker at `brokerUrl`; `pace` times as busy as a real mesh (about a packet
 * a second for 40 nodes at 20). Returns `stop()`, which ends the publishing and the connection.
 */
export function startLiveTraffic({ brokerUrl, seed, nodeCount, pace, startUs, onError }) {
  const client = mqtt.connect(brokerUrl, {
    clientId: `meshview-demo-gateways-${process.pid}`,
    reconnectPeriod: 1000,
  });
  client.on('error', (error) => onError?.(error));
  let chunkEnd = startUs;
  let queue = [];
  let next = 0;
  let timer;
  let stopped = false;
  const refill = () => {
    chunkEnd += CHUNK_US;
    queue = simulateMesh({
      seed,
      nodeCount,
      pace,
      nowUs: chunkEnd,
      hours: CHUNK_US / 3.6e9,
    }).messages;
    next = 0;
  };
  const tick = () => {
    if (stopped) return;
    const nowUs = Date.now() * 1000;
    while (next < queue.length && queue[next].nowUs <= nowUs) {
      const { topic, payload } = queue[next++];
      client.publish(topic, Buffer.from(payload), { qos: 0 });
    }
    if (next >= queue.length && chunkEnd <= nowUs + CHUNK_US) refill();
    const due = next < queue.length ? (queue[next].nowUs - Date.now() * 1000) / 1000 : 1000;
    timer = setTimeout(tick, Math.max(0, Math.min(due, 1000)));
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client.endAsync();
    },
  };
}
