/** Stable codes of the errors this package throws; tests and callers match on these. */
export type MeshErrorCode =
  'MESH_KEY_EMPTY' | 'MESH_KEY_NOT_BASE64' | 'MESH_KEY_NO_ENCRYPTION' | 'MESH_KEY_BAD_LENGTH';

/** Every error this package throws: a stable `code` and a message that says what to do. */
export class MeshError extends Error {
  override readonly name: string = 'MeshError';

  constructor(
    readonly code: MeshErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A configured channel key cannot be used, e.g.
 * `[mqtt] secondary_keys: key 2 ("abc") is not base64 …`. Thrown while the key ring is built, so
 * the writer stops at start instead of failing on the first packet.
 */
export class KeyError extends MeshError {
  override readonly name: string = 'KeyError';

  constructor(
    code: Extract<
      MeshErrorCode,
      'MESH_KEY_EMPTY' | 'MESH_KEY_NOT_BASE64' | 'MESH_KEY_NO_ENCRYPTION' | 'MESH_KEY_BAD_LENGTH'
    >,
    /** 1-based position in `[mqtt] secondary_keys`. */
    readonly position: number,
    /** The key as configured. */
    readonly key: string,
    /** What is wrong and what to do, e.g. `is not base64`. */
    problem: string,
  ) {
    super(code, `[mqtt] secondary_keys: key ${position} (${JSON.stringify(key)}) ${problem}`);
  }
}
