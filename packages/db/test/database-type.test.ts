import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { Database, DatabaseConnection, openDatabase } from '../src/index.js';

// Compile-time assertions, checked by `tsc -p tsconfig.test.json` (npm test); at run time they are no-ops.
describe('Database (derived from the table definitions)', () => {
  it('has one entry per table', () => {
    expectTypeOf<keyof Database>().toEqualTypeOf<
      | 'node'
      | 'packet'
      | 'packet_seen'
      | 'traceroute'
      | 'node_public_key'
      | 'daily_snapshot'
      | 'writer_stats'
      | 'stats_hourly'
      | 'stats_daily'
      | 'stats_sender_hourly'
      | 'stats_sender_daily'
      | 'stats_recipient_hourly'
      | 'stats_recipient_daily'
    >();
  });

  it('maps logical types and nullability to Kysely column types', () => {
    expectTypeOf<Database['node']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Database['node']['node_id']>().toEqualTypeOf<number | null>();
    expectTypeOf<Database['node']['is_mqtt_gateway']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<Database['packet']['id']>().toEqualTypeOf<number>();
    expectTypeOf<Database['packet']['payload']>().toEqualTypeOf<
      ColumnType<Buffer | null, Uint8Array | null, Uint8Array | null>
    >();
    expectTypeOf<Database['packet_seen']['rx_snr']>().toEqualTypeOf<number | null>();
    expectTypeOf<Database['traceroute']['id']>().toEqualTypeOf<Generated<number>>();
    expectTypeOf<Database['node_public_key']['id']>().toEqualTypeOf<Generated<number>>();
    expectTypeOf<Database['node_public_key']['public_key']>().toEqualTypeOf<string>();
    expectTypeOf<Database['daily_snapshot']['snapshot_date']>().toEqualTypeOf<string>();
  });

  it('makes generated and nullable columns optional on insert, the rest required', () => {
    expectTypeOf<Record<string, never>>().toExtend<Insertable<Database['traceroute']>>();
    expectTypeOf<{ node_id: number; public_key: string }>().toExtend<
      Insertable<Database['node_public_key']>
    >();
    expectTypeOf<{ node_id: number }>().not.toExtend<Insertable<Database['node_public_key']>>();
    expectTypeOf<{ node_count: number }>().not.toExtend<Insertable<Database['daily_snapshot']>>();
    expectTypeOf<Insertable<Database['traceroute']>['route']>().toEqualTypeOf<
      Uint8Array | null | undefined
    >();
    expectTypeOf<Selectable<Database['traceroute']>['route']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<Updateable<Database['packet']>['payload']>().toEqualTypeOf<
      Uint8Array | null | undefined
    >();
  });

  it('gives a typed Kysely by default and the Kysely asked for on request', () => {
    type Opened<DB> = Awaited<ReturnType<typeof openDatabase<DB>>>;
    expectTypeOf<Opened<Database>['db']>().toEqualTypeOf<Kysely<Database>>();
    expectTypeOf<DatabaseConnection<unknown>['db']>().toEqualTypeOf<Kysely<unknown>>();
  });
});
