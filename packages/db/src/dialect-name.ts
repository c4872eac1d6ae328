/** The databases this package speaks to. */
export type DialectName = 'sqlite' | 'postgres';
