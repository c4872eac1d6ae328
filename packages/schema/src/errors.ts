/** Stable codes of the errors this package throws; tests and callers branch on these. */
export type SchemaErrorCode = 'SCHEMA_INVALID_TABLE_DEFINITION';

/** Base class of every error thrown by `@meshview/schema`, with a stable `code`. */
export class SchemaError extends Error {
  /** Stable, machine-readable identifier of the failure. */
  readonly code: SchemaErrorCode;

  constructor(code: SchemaErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A table definition is inconsistent (unknown column, misplaced autoincrement, …). */
export class InvalidTableDefinitionError extends SchemaError {
  constructor(table: string, problem: string) {
    super('SCHEMA_INVALID_TABLE_DEFINITION', `Table definition "${table}" is invalid: ${problem}`);
  }
}
