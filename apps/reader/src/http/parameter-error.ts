import type { ParameterLocation } from './error-body.js';

/**
 * A parameter that passed its schema but is still wrong (e.g. two that contradict each other):
 * thrown from a handler, answered 400 with the parameter's name by the reader's error handler.
 *
 * @example
 * if (from > to) throw new ParameterError('from', 'must not be after `to`');
 */
export class ParameterError extends Error {
  readonly code = 'READER_INVALID_PARAMETER';
  readonly statusCode = 400;
  readonly parameter: string;
  readonly reason: string;
  readonly where: ParameterLocation;

  constructor(parameter: string, reason: string, where: ParameterLocation = 'querystring') {
    super(`invalid parameter ${parameter} (${where}): ${reason}`);
    this.name = 'ParameterError';
    this.parameter = parameter;
    this.reason = reason;
    this.where = where;
  }
}
