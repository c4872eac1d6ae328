import pg from 'pg';
import type { MeshviewSession } from './meshview-session.js';

/** A {@link MeshviewSession} on one `pg` client; each distinct statement is a named prepared one. */
export async function postgresSession(url: string): Promise<MeshviewSession> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (!name) {
      name = `mv${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    exists: async (text, values) =>
      ((await client.query({ name: nameOf(text), text, values: [...values] })).rowCount ?? 0) > 0,
    run: async (text, values) => {
      await client.query({ name: nameOf(text), text, values: [...values] });
    },
    begin: async () => {
      await client.query('BEGIN');
    },
    commit: async () => {
      await client.query('COMMIT');
    },
    close: () => client.end(),
  };
}
