import { isIntegerType } from './normalise.js';
import type { SchemaChange } from './schema-change.js';

const INTEGER_WIDTH: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 };

/**
 * Why a step can lose stored data (dropping a table or a column, narrowing a type), or undefined
 * when it cannot. A generated script marks such steps; the engine refuses to run a script until a
 * person has removed the mark.
 */
export function destructiveReason(change: SchemaChange): string | undefined {
  switch (change.kind) {
    case 'dropTable':
      return `drops table ${change.table.name} and every row in it`;
    case 'dropColumn':
      return `drops column ${change.table}.${change.column.name} and its values`;
    case 'alterColumn':
      return change.from.type !== change.to.type && !widens(change.from.type, change.to.type)
        ? `changes ${change.table}.${change.to.name} from ${change.from.type} to ${change.to.type}, ` +
            'which can truncate or reject stored values'
        : undefined;
    default:
      return undefined;
  }
}

/** Whether every value of type `from` fits type `to` unchanged. */
export function widens(from: string, to: string): boolean {
  if (isIntegerType(from) && isIntegerType(to)) {
    return INTEGER_WIDTH[from]! <= INTEGER_WIDTH[to]!;
  }
  if (isIntegerType(from) && (to === 'float' || to === 'numeric')) return from !== 'bigint';
  if (from === 'real' && to === 'float') return true;
  const length = (type: string): number | undefined => {
    const match = /^varchar(?:\((\d+)\))?$/.exec(type);
    if (!match) return type === 'text' ? Infinity : undefined;
    return match[1] === undefined ? Infinity : Number(match[1]);
  };
  const a = length(from);
  const b = length(to);
  return a !== undefined && b !== undefined && a <= b;
}
