import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/** A committed reception: its key (`packet_id node_id rx_time`) and its `import_time_us`. */
export interface CommittedReception {
  readonly key: string;
  readonly importTimeUs: number;
}

/**
 * Reads the receptions committed since the last call, by `import_time_us` (indexed, and never
 * going back in commit order: the writer's ImportClock), on its own read connection. Rows with
 * the newest time seen are read again next time, as more may be committed with that time.
 */
export interface CommitWatcher {
  poll(): Promise<CommittedReception[]>;
  close(): Promise<void>;
}

const QUERY =
  'SELECT packet_id, node_id, rx_time, import_time_us FROM packet_seen WHERE import_time_us >= ';

type Row = {
  packet_id: number | string;
  node_id: number | string;
  rx_time: number | string;
  import_time_us: number | string;
};

/** A {@link CommitWatcher} on a SQLite file (read-only) or a PostgreSQL URL. */
export async function commitWatcher(
  target: { file: string } | { url: string },
): Promise<CommitWatcher> {
  let since = 0;
  const take = (rows: readonly Row[]): CommittedReception[] =>
    rows.map((r) => {
      const importTimeUs = Number(r.import_time_us);
      if (importTimeUs > since) since = importTimeUs;
      return { key: `${r.packet_id} ${r.node_id} ${r.rx_time}`, importTimeUs };
    });
  if ('file' in target) {
    const db = new BetterSqlite3(target.file, { readonly: true });
    const statement = db.prepare(`${QUERY}?`);
    return {
      poll: () => Promise.resolve(take(statement.all(since) as Row[])),
      close: () => Promise.resolve(void db.close()),
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return {
    poll: async () =>
      take((await client.query<Row>({ name: 'watch', text: `${QUERY}$1`, values: [since] })).rows),
    close: () => client.end(),
  };
}
