/**
 * Asks for the Web Lock `name` and, once this tab gets it, calls `onHeld` and holds the lock
 * until the returned function is called (which also gives up waiting for it). A tab that
 * closes drops its locks, so the next tab waiting gets it.
 *
 * @example
 * const release = holdWebLock(navigator.locks, 'meshview-live', () => becomeLeader());
 * // later, when this tab no longer takes part:
 * release();
 */
export function holdWebLock(locks: LockManager, name: string, onHeld: () => void): () => void {
  const controller = new AbortController();
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  locks
    .request(name, { signal: controller.signal }, async () => {
      if (controller.signal.aborted) return;
      onHeld();
      await released;
    })
    .catch((error: unknown) => {
      // Giving up the wait rejects the request with an AbortError: that is the point.
      if ((error as Error).name !== 'AbortError') throw error;
    });
  return () => {
    controller.abort();
    release();
  };
}
