import { setFlagsFromString } from 'node:v8';

/**
 * Fits V8's garbage collector to the reader: what the reader runs first. Measured under varied
 * node requests (`/api/packets?node_id=` at 500 requests a second, docs/PERFORMANCE.md):
 *
 * - **No allocation-site pretenuring.** V8 watches the objects made at each allocation site and,
 *   once most survive a young collection, has the site allocate straight into the old generation.
 *   On the reader an answer's rows from the query thread and the Buffers wrapping their payloads
 *   (about 23 KB an answer) then outlived the young generation (a sampling heap profile of what
 *   young collections did not free named them; which site V8 had switched was not found): the old
 *   generation grew by 1.7 MB every 140 ms, each young collection took 4-11 ms instead of 1-2, and
 *   a full one came every 5.5 s with 50-70 ms of marking on the event loop. Without it, 0.1-0.2
 *   MB a young collection.
 * - **The old generation may double between full collections** (`--heap-growing-percent=100`).
 *   With little growth left, V8 set the next limit only a third above the live heap (65 MB live,
 *   about 88 MB limit), less headroom than the young generation's size, and V8 starts marking
 *   when the headroom is below that: a full collection every second (30-40 ms of marking each)
 *   while the old generation hardly grew. With the factor at 2, one every 6 s, and the same peak
 *   RSS. (A factor of 1.5 collected more often, not less.)
 *
 * Set here rather than on the command line because Node refuses both flags in NODE_OPTIONS, which
 * is how the launchers pass options; V8 reads them whenever it weighs a site or sets a limit, so
 * they hold from the first request on. The reader's process only: the writer was not measured
 * with them.
 */
export function tuneGarbageCollection(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--heap-growing-percent=100');
}
