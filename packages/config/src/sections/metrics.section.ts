import { integerType } from '../field-types/integer-type.js';
import { stringType } from '../field-types/string-type.js';
import type { SectionSpec } from '../section-spec.js';

/**
 * `[metrics]` (our addition): where each app serves Prometheus' `/metrics`, on a listener of its
 * own so that metrics stay off the public interface. A port of 0 (the default) serves none.
 */
export interface MetricsConfig {
  /** The reader's metrics address; `*` means all interfaces. */
  readonly readerBind: string;
  /** The reader's metrics port; 0 turns them off. */
  readonly readerPort: number;
  /** The writer's metrics address; `*` means all interfaces. */
  readonly writerBind: string;
  /** The writer's metrics port; 0 turns them off. */
  readonly writerPort: number;
}

const bind = stringType({ acceptsEmpty: false });
const port = integerType({ min: 0, max: 65_535 });

/** The schema of {@link MetricsConfig}. */
export const metricsSection: SectionSpec<MetricsConfig> = {
  readerBind: { key: 'reader_bind', type: bind, default: '127.0.0.1' },
  readerPort: { key: 'reader_port', type: port, default: 0 },
  writerBind: { key: 'writer_bind', type: bind, default: '127.0.0.1' },
  writerPort: { key: 'writer_port', type: port, default: 0 },
};
