/** What a failed `listen()` says about the `bind` and `port` keys it was given. */
export interface ListenFailureCause {
  /**
   * The key to change: `port` (taken, or below 1024 without the privilege) or `bind` (no
   * interface has the address, or the name does not resolve).
   */
  readonly key: 'bind' | 'port';
  /** The system's error code, `EADDRINUSE` say. */
  readonly code: string;
  /** Why, in words. */
  readonly reason: string;
}

const CAUSES: Readonly<Record<string, Omit<ListenFailureCause, 'code'>>> = {
  EADDRINUSE: { key: 'port', reason: 'the port is already in use' },
  EACCES: { key: 'port', reason: 'ports below 1024 need privileges' },
  EADDRNOTAVAIL: { key: 'bind', reason: 'no interface of this machine has that address' },
  EAFNOSUPPORT: {
    key: 'bind',
    reason: 'this machine does not support that address family (IPv6 off?)',
  },
  ENOTFOUND: { key: 'bind', reason: 'the name does not resolve' },
  EAI_AGAIN: { key: 'bind', reason: 'the name could not be resolved now' },
  EAI_NONAME: { key: 'bind', reason: 'the name does not resolve' },
};

/**
 * Which of `bind` and `port` a failed `listen()` is about, and why in words; undefined for an
 * error that is about neither. The reader (`[server]`) and the writer's embedded broker
 * (`[mqtt]`) word their advice from it.
 *
 * @example listenFailureCause(error)?.key // 'port' for EADDRINUSE
 */
export function listenFailureCause(error: unknown): ListenFailureCause | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const cause = code === undefined ? undefined : CAUSES[code];
  return cause && code !== undefined ? { ...cause, code } : undefined;
}
