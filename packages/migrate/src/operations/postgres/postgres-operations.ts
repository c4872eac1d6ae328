import {
  quoteIdentifier,
  renderCreateIndex,
  renderForeignKey,
  renderLogicalType,
  renderServerDefault,
} from '@meshview/schema';
import { MigrateError } from '../../errors.js';
import type { DialectOperations } from '../dialect-operations.js';
import type { OpExecutor } from '../op-executor.js';
import { renderCheck, renderColumn, renderCreateStatements, renderUnique } from '../render-ddl.js';
import { describeConstraint, type TableChange } from '../table-change.js';
import type { ConstraintRef } from '../types.js';

const qi = (name: string): string => quoteIdentifier(name, 'postgres');

/** PostgreSQL: every operation is plain DDL in the revision's transaction; nothing is rebuilt. */
export function postgresOperations(exec: OpExecutor): DialectOperations {
  return {
    async createTable(table) {
      for (const statement of renderCreateStatements(table, 'postgres')) {
        await exec.execute(statement);
      }
    },

    async dropTable(name, { force = false }) {
      // PostgreSQL itself refuses while foreign keys reference the table; CASCADE drops those
      // constraints (never rows).
      await exec.execute(`DROP TABLE ${qi(name)}${force ? ' CASCADE' : ''}`);
    },

    async renameTable(from, to) {
      await exec.execute(`ALTER TABLE ${qi(from)} RENAME TO ${qi(to)}`);
    },

    async dropIndex(name) {
      await exec.execute(`DROP INDEX ${qi(name)}`);
    },

    async alterTable(table, changes) {
      for (const change of changes) {
        await exec.execute(await statementFor(exec, table, change));
      }
    },
  };
}

async function statementFor(exec: OpExecutor, table: string, change: TableChange): Promise<string> {
  const alter = `ALTER TABLE ${qi(table)}`;
  switch (change.kind) {
    case 'addColumn':
      return `${alter} ADD COLUMN ${renderColumn(change.column, 'postgres', { inlineKeys: true })}`;
    case 'dropColumn':
      return `${alter} DROP COLUMN ${qi(change.name)}`;
    case 'renameColumn':
      return `${alter} RENAME COLUMN ${qi(change.from)} TO ${qi(change.to)}`;
    case 'alterColumn': {
      const column = `ALTER COLUMN ${qi(change.name)}`;
      const { type, nullable, serverDefault, using } = change.changes;
      const actions: string[] = [];
      if (type !== undefined) {
        const spelled = renderLogicalType(type, 'postgres');
        actions.push(
          `${column} TYPE ${spelled} USING ${using ?? `${qi(change.name)}::${spelled}`}`,
        );
      } else if (using !== undefined) {
        throw invalid(table, `alterColumn "${change.name}": \`using\` needs a new \`type\``);
      }
      if (serverDefault === null) actions.push(`${column} DROP DEFAULT`);
      if (serverDefault) {
        actions.push(`${column} SET DEFAULT ${renderServerDefault(serverDefault, 'postgres')}`);
      }
      if (nullable !== undefined) actions.push(`${column} ${nullable ? 'DROP' : 'SET'} NOT NULL`);
      if (actions.length === 0)
        throw invalid(table, `alterColumn "${change.name}" changes nothing`);
      return `${alter} ${actions.join(', ')}`;
    }
    case 'addUnique':
      return `${alter} ADD ${renderUnique(change.constraint, 'postgres')}`;
    case 'addForeignKey':
      return `${alter} ADD ${renderForeignKey(change.foreignKey, 'postgres')}`;
    case 'addCheck':
      return `${alter} ADD ${renderCheck(change.constraint, 'postgres')}`;
    case 'dropConstraint':
      return `${alter} DROP CONSTRAINT ${qi(await constraintName(exec, table, change.constraint))}`;
    case 'createIndex':
      return renderCreateIndex(table, change.index, 'postgres');
    case 'dropIndex':
      return `DROP INDEX ${qi(change.name)}`;
  }
}

function invalid(table: string, problem: string): MigrateError {
  return new MigrateError('MIGRATE_OPERATION_INVALID', `table ${table}: ${problem}`);
}

const squash = (sql: string): string => sql.toLowerCase().replace(/[\s()"]/g, '');

/** The name PostgreSQL gave a constraint that the script names by kind and columns. */
async function constraintName(
  exec: OpExecutor,
  table: string,
  ref: ConstraintRef,
): Promise<string> {
  if (typeof ref === 'string') return ref;
  if (exec.offline) {
    throw new MigrateError(
      'MIGRATE_OFFLINE_UNSUPPORTED',
      `offline SQL: dropping the unnamed ${describeConstraint(ref)} of table ${table} needs the ` +
        'name PostgreSQL gave it, which only the database knows; name the constraint in the script',
    );
  }
  const rows = await exec.query<{
    name: string;
    type: string;
    def: string;
    columns: string | null;
  }>(
    `SELECT c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def,
       (SELECT string_agg(a.attname, ',' ORDER BY k.o)
          FROM unnest(c.conkey) WITH ORDINALITY AS k(n, o)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns
     FROM pg_constraint c WHERE c.conrelid = to_regclass($1) ORDER BY c.conname`,
    [qi(table)],
  );
  const wanted = ref.kind === 'unique' ? 'u' : ref.kind === 'foreignKey' ? 'f' : 'c';
  const match = rows.find((r) => {
    if (r.type !== wanted) return false;
    if (ref.kind === 'check') return squash(r.def) === squash(`CHECK (${ref.expression})`);
    return (r.columns ?? '') === ref.columns.join(',');
  });
  if (match) return match.name;
  throw invalid(
    table,
    `has no ${describeConstraint(ref)} (it has: ${rows.map((r) => `${r.name} ${r.def}`).join('; ') || 'no constraints'})`,
  );
}
