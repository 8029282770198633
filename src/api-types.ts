// The types of TiLite's public embedded API (src/index.ts implements them).
import type { SqlWarning } from './errors/index.js';

export interface OpenOptions {
  /** Data directory: persistent (lmdb engine). Without it the database lives in memory. */
  dir?: string;
  /** Initial database for the default session. */
  database?: string;
}

/**
 * How result rows are returned:
 * - 'object': one object per row keyed by column name (default);
 * - 'array': one array per row, values in JS form (see README: numbers, bigint beyond 2^53,
 *   DECIMAL as string, dates as strings, binary as Uint8Array, JSON parsed);
 * - 'text': one array per row of strings (or null) exactly as MySQL's text protocol sends them.
 */
export type RowMode = 'object' | 'array' | 'text';

export interface QueryOptions {
  rowMode?: RowMode;
}

/** Result column metadata, as in MySQL's column definition packet. */
export interface FieldInfo {
  name: string;
  orgName: string;
  table: string;
  orgTable: string;
  db: string;
  /** MySQL protocol type code (src/types/field-type.ts TypeCode). */
  type: number;
  /** SQL type name, e.g. 'bigint(20)', 'varchar(255)'. */
  typeName: string;
  flags: number;
  /** Maximum display length in bytes as the protocol reports it. */
  length: number;
  decimals: number;
  charsetId: number;
  collation: string;
}

export interface QueryResult<R = unknown> {
  rows: R[];
  fields: FieldInfo[];
  affectedRows: number;
  insertId: number | bigint;
  /** MySQL's info string, e.g. 'Records: 3  Duplicates: 0  Warnings: 0' or 'Rows matched: 1  Changed: 1  Warnings: 0'. */
  info: string;
  warnings: SqlWarning[];
}

/** A session: its own current database, variables and transaction. */
export interface SessionHandle {
  readonly id: number;
  query<R = any>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
  /** Runs every statement of a script; returns one result per statement. */
  exec(script: string, options?: QueryOptions): Promise<QueryResult[]>;
  close(): Promise<void>;
}
