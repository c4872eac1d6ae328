/**
 * A database's tables as the engine and migration scripts see them: any table, any column, every
 * value `unknown`. A migration is frozen in time, so it cannot use the models' types of today
 * (Kysely's advice for migrations); rows read through `ctx.db` are narrowed where they are used.
 *
 * @example
 * const rows = await ctx.db.selectFrom('node').select(['id', 'long_name']).execute();
 */
export type UntypedTables = Record<string, Record<string, unknown>>;
