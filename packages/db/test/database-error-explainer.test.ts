import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '#test/tmp.js';
import {
  databaseErrorExplainer,
  DatabaseAccessError,
  openDatabase,
  parseConnectionString,
} from '../src/index.js';

describe('databaseErrorExplainer', () => {
  it('rejects with the explained error, naming the key and the file', async () => {
    const folder = join(makeTempDir('explainer'), 'no-such-folder');
    const target = parseConnectionString(`sqlite:///${join(folder, 'x.db')}`);
    const explain = databaseErrorExplainer({
      target,
      key: '[database] connection_string',
      readOnly: false,
    });
    const failed = openDatabase(target).catch(explain);
    await expect(failed).rejects.toMatchObject({ code: 'DB_OPEN_FAILED' });
    await expect(failed).rejects.toThrow('[database] connection_string');
    await expect(failed).rejects.toThrow(folder);
  });

  it('adds the key to an access error and passes other errors on unchanged', () => {
    const explain = databaseErrorExplainer({
      target: parseConnectionString('postgres://ro:secret@h/db'),
      key: '[database] reader_connection_string',
      readOnly: true,
    });
    expect(() => explain(new DatabaseAccessError('DB_PERMISSION_DENIED', 'no grant'))).toThrow(
      '[database] reader_connection_string (postgres://ro:***@h/db): no grant',
    );
    const plain = new Error('boom');
    expect(() => explain(plain)).toThrow(plain);
  });
});
