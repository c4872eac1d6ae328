/** The databases the table DSL renders for, and the rest of the project speaks to. */
export type DialectName = 'sqlite' | 'postgres';
