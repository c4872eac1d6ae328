import BetterSqlite3 from 'better-sqlite3';
import type { MeshviewSession, SqlValue } from './meshview-session.js';

/**
 * A {@link MeshviewSession} on a better-sqlite3 connection with the writer's settings (WAL,
 * `synchronous = NORMAL`, foreign keys on); statements prepared once and cached.
 */
export function sqliteSession(file: string): MeshviewSession {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const statement = (text: string): BetterSqlite3.Statement => {
    let s = prepared.get(text);
    if (!s) {
      s = db.prepare(text.replace(/\$\d+/g, '?'));
      prepared.set(text, s);
    }
    return s;
  };
  const bind = (values: readonly SqlValue[]): unknown[] =>
    values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  return {
    exists: (text, values) => Promise.resolve(statement(text).get(...bind(values)) !== undefined),
    run: (text, values) => {
      statement(text).run(...bind(values));
      return Promise.resolve();
    },
    begin: () => Promise.resolve(void db.exec('BEGIN')),
    commit: () => Promise.resolve(void db.exec('COMMIT')),
    close: () => Promise.resolve(void db.close()),
  };
}
