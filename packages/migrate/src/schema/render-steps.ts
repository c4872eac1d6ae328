import {
  quoteIdentifier,
  renderCreateIndex,
  renderCreateTable,
  type ColumnDefinition,
  type DialectName,
  type TableDefinition,
} from '@meshview/schema';
import {
  columnDefinitionOf,
  foreignKeyDefinitionOf,
  indexDefinitionOf,
  logicalTypeOf,
  serverDefaultOf,
} from './definitions-from-schema.js';
import { destructiveReason } from './destructive-change.js';
import { DESTRUCTIVE_MARKER } from './destructive-marker.js';
import { describeChange, invertChange, type SchemaChange } from './schema-change.js';
import { schemaFromModels } from './schema-from-models.js';
import { renameNotes } from './rename-notes.js';
import type { SchemaColumn, SchemaIndex, SchemaTable } from './schema-model.js';
import { literal, stringLiteral as q } from './script-literal.js';

/** The bodies of a generated script's two functions, one statement or comment a line. */
export interface RenderedSteps {
  readonly upgrade: readonly string[];
  readonly downgrade: readonly string[];
  /** Some step rebuilds a SQLite table: the script declares `sqlite_foreign_keys = 'off'`. */
  readonly rebuilds: boolean;
  /** How many steps carry the destructive marker. */
  readonly destructive: number;
}

/** What {@link renderSteps} needs. */
export interface RenderStepsProps {
  readonly changes: readonly SchemaChange[];
  /** The models the changes lead to: their own definitions are embedded where they apply. */
  readonly models: readonly TableDefinition[];
  /** The database the changes were found on. */
  readonly dialect: DialectName;
}

/**
 * Renders the changes as calls to the engine's operations (`ctx.op`), the upgrade in order and the
 * downgrade as the inverse steps in reverse order. Destructive steps get the marker line; a table
 * or column that is dropped and another added beside it gets a note that a rename is not guessed.
 */
export function renderSteps({ changes, models, dialect }: RenderStepsProps): RenderedSteps {
  const modelSchema = new Map(schemaFromModels(models, dialect).tables.map((t) => [t.name, t]));
  const modelTables = new Map(models.map((m) => [m.name, m]));
  const renderer = new StepRenderer(modelSchema, modelTables);
  const upgrade = [...renameNotes(changes), ...renderer.renderAll(changes, true)];
  const downgrade = renderer.renderAll([...changes].reverse().map(invertChange), false);
  return {
    upgrade,
    downgrade,
    rebuilds: changes.some(rebuildsOnSqlite),
    destructive: upgrade.filter((l) => l.includes(DESTRUCTIVE_MARKER)).length,
  };
}

class StepRenderer {
  constructor(
    private readonly modelSchema: ReadonlyMap<string, SchemaTable>,
    private readonly modelTables: ReadonlyMap<string, TableDefinition>,
  ) {}

  /**
   * The lines of the steps. Two or more steps in a row on one table that SQLite would each
   * rebuild it for go into one `batchAlterTable`, so the table is copied once.
   */
  renderAll(changes: readonly SchemaChange[], upgrade: boolean): string[] {
    const lines: string[] = [];
    for (let i = 0; i < changes.length;) {
      const change = changes[i]!;
      let end = i + 1;
      if (this.#call(change) !== undefined) {
        const table = (change as { table: string }).table;
        while (
          end < changes.length &&
          (changes[end] as { table?: unknown }).table === table &&
          this.#call(changes[end]!) !== undefined
        ) {
          end++;
        }
      }
      const run = changes.slice(i, end);
      if (run.length > 1 && run.some(rebuildsOnSqlite)) {
        const table = (change as { table: string }).table;
        lines.push(`await ctx.op.batchAlterTable(${q(table)}, (batch) => {`);
        for (const c of run) {
          const call = this.#call(c)!;
          lines.push(...comments(c, upgrade).map((l) => `  ${l}`));
          lines.push(`  batch.${call.method}(${call.args.join(', ')});`);
        }
        lines.push('});');
      } else {
        for (const c of run) lines.push(...comments(c, upgrade), ...this.#code(c));
      }
      i = end;
    }
    return lines;
  }

  /** The step as a call that both `ctx.op` (with the table first) and a batch take. */
  #call(change: SchemaChange): { method: string; args: string[] } | undefined {
    switch (change.kind) {
      case 'addColumn': {
        const column = this.#column(change.table, change.column);
        return column && { method: 'addColumn', args: [literal(column)] };
      }
      case 'dropColumn':
        return { method: 'dropColumn', args: [q(change.column.name)] };
      case 'alterColumn': {
        const changes = this.#columnChanges(change.table, change.from, change.to);
        return changes && { method: 'alterColumn', args: [q(change.to.name), literal(changes)] };
      }
      case 'addIndex':
        return change.index.columns.some(isExpression)
          ? undefined
          : { method: 'createIndex', args: [literal(indexDefinitionOf(change.index))] };
      case 'dropIndex':
        return { method: 'dropIndex', args: [q(change.index.name)] };
      case 'addUnique':
        return {
          method: 'addUniqueConstraint',
          args: [literal({ name: change.unique.name, columns: change.unique.columns })],
        };
      case 'dropUnique':
        return {
          method: 'dropConstraint',
          args: [literal({ kind: 'unique', columns: change.unique.columns })],
        };
      case 'addForeignKey':
        return {
          method: 'addForeignKey',
          args: [literal(foreignKeyDefinitionOf(change.foreignKey))],
        };
      case 'dropForeignKey':
        return {
          method: 'dropConstraint',
          args: [literal({ kind: 'foreignKey', columns: change.foreignKey.columns })],
        };
      default:
        return undefined;
    }
  }

  #code(change: SchemaChange): string[] {
    const t = 'table' in change && typeof change.table === 'string' ? q(change.table) : '';
    switch (change.kind) {
      case 'addTable':
        return this.#createTable(change.table);
      case 'dropTable':
        return [`await ctx.op.dropTable(${q(change.table.name)});`];
      case 'addColumn': {
        const column = this.#column(change.table, change.column);
        return column
          ? [`await ctx.op.addColumn(${t}, ${literal(column)});`]
          : unsupported(`type ${change.column.type} is not a model type`);
      }
      case 'dropColumn':
        return [`await ctx.op.dropColumn(${t}, ${q(change.column.name)});`];
      case 'alterColumn':
        return this.#alterColumn(change.table, change.from, change.to);
      case 'alterPrimaryKey':
        return this.#alterPrimaryKey(change.table, change.to);
      case 'addIndex':
        return createIndex(change.table, change.index);
      case 'dropIndex':
        return [`await ctx.op.dropIndex(${q(change.index.name)});`];
      case 'addUnique':
        return [
          `await ctx.op.addUniqueConstraint(${t}, ${literal({ name: change.unique.name, columns: change.unique.columns })});`,
        ];
      case 'dropUnique':
        return [
          `await ctx.op.dropConstraint(${t}, ${literal({ kind: 'unique', columns: change.unique.columns })});`,
        ];
      case 'addForeignKey':
        return [
          `await ctx.op.addForeignKey(${t}, ${literal(foreignKeyDefinitionOf(change.foreignKey))});`,
        ];
      case 'dropForeignKey':
        return [
          `await ctx.op.dropConstraint(${t}, ${literal({ kind: 'foreignKey', columns: change.foreignKey.columns })});`,
        ];
    }
  }

  #createTable(table: SchemaTable): string[] {
    const model = this.modelTables.get(table.name);
    const fromModel = model !== undefined && same(this.modelSchema.get(table.name), table);
    const columns = table.columns.map((c) => this.#column(table.name, c, table));
    const missing = table.columns.find((_, i) => columns[i] === undefined);
    if (missing)
      return unsupported(`column ${missing.name}'s type ${missing.type} is not a model type`);
    const singleUniques = new Set(
      table.uniques.filter((u) => u.columns.length === 1).map((u) => u.columns[0]),
    );
    const definition = {
      name: table.name,
      columns: fromModel ? model.columns : columns,
      primaryKey: table.primaryKey,
      indexes: table.indexes.filter((i) => !separateIndex(i)).map(indexDefinitionOf),
      foreignKeys: table.foreignKeys.map(foreignKeyDefinitionOf),
    };
    return [
      `await ctx.op.createTable(${literal(definition)});`,
      ...table.uniques
        .filter((u) => u.columns.length > 1 || !singleUniques.has(u.columns[0]))
        .map(
          (u) =>
            `await ctx.op.addUniqueConstraint(${q(table.name)}, ${literal({ name: u.name, columns: u.columns })});`,
        ),
      ...table.indexes.filter(separateIndex).flatMap((i) => createIndex(table.name, i)),
    ];
  }

  /**
   * The operations have no primary-key change, so the step is SQL per database: on PostgreSQL
   * the key constraint is dropped (whatever its name) and added; on SQLite the table is rebuilt
   * whole as the models have it at this point (this step comes last among the table's steps).
   */
  #alterPrimaryKey(table: string, to: readonly string[]): string[] {
    const state = this.modelSchema.get(table);
    const columns = state?.columns.map((c) => this.#column(table, c, { ...state, primaryKey: to }));
    if (!state || !columns || columns.some((c) => c === undefined)) {
      return unsupported(`the table ${table} is not in the models as a whole`);
    }
    const temporary = `${table}__new_key`;
    const definition = {
      name: temporary,
      columns: columns.map((c) => ({ ...c!, primaryKey: to.includes(c!.name) })),
      primaryKey: to,
      indexes: [],
      foreignKeys: state.foreignKeys.map(foreignKeyDefinitionOf),
    };
    const names = state.columns.map((c) => quoteIdentifier(c.name, 'sqlite')).join(', ');
    const rebuild = [
      renderCreateTable(definition, 'sqlite'),
      `INSERT INTO ${quoteIdentifier(temporary, 'sqlite')} (${names}) SELECT ${names} FROM ${quoteIdentifier(table, 'sqlite')}`,
      `DROP TABLE ${quoteIdentifier(table, 'sqlite')}`,
      `ALTER TABLE ${quoteIdentifier(temporary, 'sqlite')} RENAME TO ${quoteIdentifier(table, 'sqlite')}`,
      ...state.indexes.map((i) => renderCreateIndex(table, indexDefinitionOf(i), 'sqlite')),
    ];
    const key = to.map((c) => quoteIdentifier(c, 'postgres')).join(', ');
    const pgTable = quoteIdentifier(table, 'postgres');
    const dropKey =
      `DO $$ DECLARE k text; BEGIN SELECT conname INTO k FROM pg_constraint WHERE conrelid = ` +
      `'${pgTable}'::regclass AND contype = 'p'; IF k IS NOT NULL THEN EXECUTE ` +
      `format('ALTER TABLE ${pgTable} DROP CONSTRAINT %I', k); END IF; END $$`;
    return [
      `if (ctx.dialect === 'postgres') {`,
      `  await ctx.execute(${q(dropKey)});`,
      ...(to.length > 0
        ? [`  await ctx.execute(${q(`ALTER TABLE ${pgTable} ADD PRIMARY KEY (${key})`)});`]
        : []),
      `} else {`,
      `  // SQLite cannot alter a primary key: the table is rebuilt with every row.`,
      `  for (const statement of ${literal(rebuild)}) await ctx.execute(statement);`,
      `}`,
    ];
  }

  #alterColumn(table: string, from: SchemaColumn, to: SchemaColumn): string[] {
    if (from.autoincrement !== to.autoincrement) {
      return unsupported(
        `the operations cannot ${to.autoincrement ? 'add' : 'remove'} autoincrement on ${table}.${to.name}`,
      );
    }
    const changes = this.#columnChanges(table, from, to);
    if (!changes) return unsupported(`type ${to.type} is not a model type`);
    return [`await ctx.op.alterColumn(${q(table)}, ${q(to.name)}, ${literal(changes)});`];
  }

  /** What `alterColumn` is told; undefined when the operations cannot say it. */
  #columnChanges(
    table: string,
    from: SchemaColumn,
    to: SchemaColumn,
  ): Record<string, unknown> | undefined {
    if (from.autoincrement !== to.autoincrement) return undefined;
    const target = this.#column(table, to);
    const changes: Record<string, unknown> = {};
    if (from.type !== to.type) {
      if (!target) return undefined;
      changes.type = target.type;
    }
    if (from.nullable !== to.nullable) changes.nullable = to.nullable;
    if (from.default !== to.default) {
      changes.serverDefault = target?.serverDefault ?? serverDefaultOf(to.default);
    }
    return changes;
  }

  /** The model's own definition when it says exactly this column, else one made from it. */
  #column(table: string, column: SchemaColumn, owner?: SchemaTable): ColumnDefinition | undefined {
    const modelColumn = this.modelTables.get(table)?.columns.find((c) => c.name === column.name);
    const schemaColumn = this.modelSchema.get(table)?.columns.find((c) => c.name === column.name);
    if (modelColumn && same(schemaColumn, column)) return modelColumn;
    if (logicalTypeOf(column.type) === undefined) return undefined;
    return columnDefinitionOf(column, owner ?? this.modelSchema.get(table));
  }
}

/** The step's description, and the destructive marker where it applies (upgrade only). */
function comments(change: SchemaChange, upgrade: boolean): string[] {
  const lines = [`// ${describeChange(change)}`];
  const reason = upgrade ? destructiveReason(change) : undefined;
  if (reason !== undefined) {
    lines.push(
      `// ${DESTRUCTIVE_MARKER}: this step ${reason}. Make sure nothing needed is lost (copy ` +
        'it first if it is), then delete this line: the engine refuses to run the script ' +
        'while it is here.',
    );
  }
  return lines;
}

function createIndex(table: string, index: SchemaIndex): string[] {
  if (index.columns.some(isExpression)) {
    return unsupported(`index ${index.name} is on an expression, which is not read back as SQL`);
  }
  return [`await ctx.op.createIndex(${q(table)}, ${literal(indexDefinitionOf(index))});`];
}

/** An expression index, which `createTable`'s definitions cannot carry. */
function separateIndex(index: SchemaIndex): boolean {
  return index.columns.some(isExpression);
}

function isExpression(column: { readonly name: string }): boolean {
  return column.name.startsWith('(');
}

function unsupported(why: string): string[] {
  return [
    `// Not generated: ${why}. Write this step by hand.`,
    `throw new Error(${q(`write this step by hand: ${why}`)});`,
  ];
}

/** Whether SQLite needs a table rebuild for the step (ALTER TABLE cannot do it). */
function rebuildsOnSqlite(change: SchemaChange): boolean {
  switch (change.kind) {
    case 'addTable':
    case 'dropTable':
    case 'addIndex':
    case 'dropIndex':
      return false;
    case 'addColumn':
      return !change.column.nullable && change.column.default === null;
    default:
      return true;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
