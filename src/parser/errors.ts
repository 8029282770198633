// Syntax errors with TiDB's wording. The parser layer has no dependency on src/errors; callers map these by code.

const PARSE_ERROR_PREFIX =
  'You have an error in your SQL syntax; check the manual that corresponds to your TiDB version for the right syntax to use';

/** TiDB quotes at most this many bytes of the script after the offending token. */
const NEAR_LIMIT = 2048;

/**
 * ER_PARSE_ERROR (1064) as TiDB words it: `line L column C near "..." `, where L and C are where the
 * offending token ends (C in bytes from the start of its line, its newline included after the first line)
 * and the quote is the rest of the script from the token's start.
 */
export class ParseError extends Error {
  readonly code = 1064;
  readonly sqlState = '42000';
  readonly line: number;
  readonly column: number;
  readonly near: string;

  /** `start`/`end`: the offending token's offsets in `sql` (both sql.length at the end of the input). */
  constructor(sql: string, start: number, end: number) {
    const lineStart = sql.lastIndexOf('\n', end - 1) + 1;
    let line = 1;
    for (let i = sql.indexOf('\n'); i >= 0 && i < lineStart; i = sql.indexOf('\n', i + 1)) line++;
    // TiDB's scanner counts a newline as the first column of the line after it.
    const column = Buffer.byteLength(sql.slice(lineStart, end)) + (lineStart > 0 ? 1 : 0);
    const rest = sql.slice(start);
    const restBytes = Buffer.byteLength(rest);
    const near = restBytes > NEAR_LIMIT ? Buffer.from(rest).subarray(0, NEAR_LIMIT).toString() : rest;
    const total = restBytes > NEAR_LIMIT ? `(total length ${restBytes})` : '';
    super(`${PARSE_ERROR_PREFIX} line ${line} column ${column} near "${near}" ${total}`);
    this.name = 'ParseError';
    this.line = line;
    this.column = column;
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
