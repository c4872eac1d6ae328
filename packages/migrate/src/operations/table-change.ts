import type { ColumnDefinition, ForeignKeyDefinition, IndexDefinition } from '@meshview/schema';
import type {
  AlterColumnChanges,
  CheckConstraintDefinition,
  ConstraintRef,
  UniqueConstraintDefinition,
} from './types.js';

/** One change to a table, as `batchAlterTable` records it and each dialect applies it. */
export type TableChange =
  | { readonly kind: 'addColumn'; readonly column: ColumnDefinition }
  | { readonly kind: 'dropColumn'; readonly name: string }
  | { readonly kind: 'renameColumn'; readonly from: string; readonly to: string }
  | { readonly kind: 'alterColumn'; readonly name: string; readonly changes: AlterColumnChanges }
  | { readonly kind: 'addUnique'; readonly constraint: UniqueConstraintDefinition }
  | { readonly kind: 'addForeignKey'; readonly foreignKey: ForeignKeyDefinition }
  | { readonly kind: 'addCheck'; readonly constraint: CheckConstraintDefinition }
  | { readonly kind: 'dropConstraint'; readonly constraint: ConstraintRef }
  | { readonly kind: 'createIndex'; readonly index: IndexDefinition }
  | { readonly kind: 'dropIndex'; readonly name: string };

/** A constraint reference in words, for messages. */
export function describeConstraint(ref: ConstraintRef): string {
  if (typeof ref === 'string') return `constraint "${ref}"`;
  if (ref.kind === 'check') return `CHECK (${ref.expression})`;
  return `${ref.kind === 'unique' ? 'UNIQUE' : 'FOREIGN KEY'} (${ref.columns.join(', ')})`;
}
