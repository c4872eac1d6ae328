import { integerType } from '../field-types/integer-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[snapshot]` (MeshView 3.0.6): when the daily counts snapshot is taken, local time. */
export interface SnapshotConfig {
  readonly hour: number;
  readonly minute: number;
}

/** The schema of {@link SnapshotConfig}. */
export const snapshotSection: SectionSpec<SnapshotConfig> = {
  hour: { key: 'hour', type: integerType({ min: 0, max: 23 }), default: 1 },
  minute: { key: 'minute', type: integerType({ min: 0, max: 59 }), default: 0 },
};
