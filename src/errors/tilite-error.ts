import { ER, type ErrorSpec } from './codes.js';

/** An error as MySQL reports it: numeric code, SQLSTATE and message. */
export class TiLiteError extends Error {
  readonly code: number;
  readonly sqlState: string;

  constructor(code: number, sqlState: string, message: string) {
    super(message);
    this.name = 'TiLiteError';
    this.code = code;
    this.sqlState = sqlState;
  }
}

/** Fills a printf-style template: %s takes a string, %d a number. */
export function formatMessage(format: string, args: readonly unknown[]): string {
  let i = 0;
  return format.replace(/%[sd]/g, () => {
    const a = args[i++];
    return a === undefined ? '' : String(a);
  });
}

export function sqlError(spec: ErrorSpec, ...args: unknown[]): TiLiteError {
  return new TiLiteError(spec.code, spec.state, formatMessage(spec.format, args));
}

/** An internal invariant broke: reported as MySQL's generic error 1105, never as a crash. */
export function internalError(message: string): TiLiteError {
  return sqlError(ER.INTERNAL, message);
}

export function isTiLiteError(e: unknown): e is TiLiteError {
  return e instanceof TiLiteError;
}

/** A warning or note attached to a statement (SHOW WARNINGS). */
export interface SqlWarning {
  level: 'Warning' | 'Note' | 'Error';
  code: number;
  message: string;
}

export function warningFrom(spec: ErrorSpec, ...args: unknown[]): SqlWarning {
  return { level: 'Warning', code: spec.code, message: formatMessage(spec.format, args) };
}
