/**
 * The soak's publisher, in a process of its own (`soak-publisher.ts` starts it with tsx): at
 * 2,000 envelopes/s, building and encrypting each one costs a good part of a core, which in the
 * test's own process starved its pollers and stream readers. Arguments: broker URL, topic, first
 * packet id, rate. QoS 1 envelopes with ids `base`, `base + 1`, … on a clock; every half second
 * it sends its parent `{ sent, errors, acked }` (the ids acknowledged since the last message).
 * On "stop" it stops publishing, waits up to 60 s for the answers still due, sends a last message
 * with `done: true` and exits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mqtt from 'mqtt';
import { textEnvelope } from '@meshview/sim';

const [url, topic, baseText, rateText] = process.argv.slice(2);
if (!url || !topic || !baseText || !rateText) {
  throw new Error('usage: soak-publisher-main <broker url> <topic> <first id> <rate>');
}
const base = Number(baseText);
const rate = Number(rateText);
const client = await mqtt.connectAsync(url, { reconnectPeriod: 1000, connectTimeout: 5000 });
let running = true;
let sent = 0;
let errors = 0;
let answered = 0;
let acked: number[] = [];
process.on('message', (message) => {
  if (message === 'stop') running = false;
});
const report = (done = false) => {
  process.send?.({ sent, errors, acked, done });
  acked = [];
};
const reporter = setInterval(() => report(), 500);

const tickMs = 50;
const started = Date.now();
while (running) {
  // Catch up to the schedule: the rate holds over the run even when a tick is late.
  const due = Math.floor(((Date.now() - started) / 1000) * rate);
  for (let n = 0; n < ((rate * tickMs) / 1000) * 4 && sent < due; n++) {
    const id = base + sent;
    sent += 1;
    client.publish(topic, Buffer.from(textEnvelope('soak', { id })), { qos: 1 }, (error) => {
      answered += 1;
      if (error) errors += 1;
      else acked.push(id);
    });
  }
  await sleep(tickMs);
}
const deadline = Date.now() + 60_000;
while (answered < sent && Date.now() < deadline) await sleep(100);
clearInterval(reporter);
report(true);
await client.endAsync();
process.disconnect?.();
