import { forceLayout, type LayoutInput } from './force-layout.js';

let worker: Worker | undefined;
let nextId = 0;

/**
 * The layout of `input`, computed in a Web Worker (the page stays responsive meanwhile), or on
 * the main thread where workers cannot start.
 */
export function runLayout(input: LayoutInput): Promise<Float32Array> {
  if (typeof Worker === 'undefined') return Promise.resolve(forceLayout(input));
  try {
    worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(forceLayout(input));
  }
  const running = worker;
  const id = (nextId += 1);
  return new Promise((resolve, reject) => {
    const done = (event: MessageEvent<{ id: number; positions: Float32Array }>) => {
      if (event.data.id !== id) return;
      running.removeEventListener('message', done);
      running.removeEventListener('error', failed);
      resolve(event.data.positions);
    };
    const failed = (event: ErrorEvent) => {
      running.removeEventListener('message', done);
      running.removeEventListener('error', failed);
      // A worker that cannot run (a strict policy, an old browser): lay out here instead.
      event.preventDefault();
      worker = undefined;
      try {
        resolve(forceLayout(input));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    running.addEventListener('message', done);
    running.addEventListener('error', failed);
    running.postMessage({ ...input, id });
  });
}
