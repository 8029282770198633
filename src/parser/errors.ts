// Syntax errors with MySQL's wording. The parser layer has no dependency on src/errors; callers map these by code.

const PARSE_ERROR_PREFIX =
  'You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use';

/** ER_PARSE_ERROR (1064). `near` is the rest of the script from the offending token, cut at 80 characters. */
export class ParseError extends Error {
  readonly code = 1064;
  readonly sqlState = '42000';
  readonly line: number;
  readonly near: string;

  constructor(rest: string, line: number) {
    const near = rest.length > 80 ? rest.slice(0, 80) : rest;
    super(`${PARSE_ERROR_PREFIX} near '${near}' at line ${line}`);
    this.name = 'ParseError';
    this.line = line;
    this.near = near;
  }
}

/** ER_EMPTY_QUERY (1065): the script holds no statement. */
export class EmptyQueryError extends Error {
  readonly code = 1065;
  readonly sqlState = '42000';

  constructor() {
    super('Query was empty');
    this.name = 'EmptyQueryError';
  }
}
