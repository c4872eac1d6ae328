/**
 * Tables a MeshView-made database may hold that no model describes, which `check` and
 * `revision --autogenerate` leave alone: MeshView's demo table `example` (its example migration
 * created it, and users may have put rows in it; we never drop their data).
 */
export const meshviewUnmanagedTables: readonly string[] = ['example'];
