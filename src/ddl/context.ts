// What DDL needs from the session and the domain, and the frame every schema change runs in:
// one storage transaction holding the meta changes and any data changes, committed, then published.
import type { InfoSchema, SchemaChange } from '../catalog/infoschema.js';
import { MetaWriter } from '../catalog/meta.js';
import type { DBInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Bytes, Storage, Transaction } from '../kv/kv.js';
import type { QueryNode, TableName } from '../parser/ast.js';
import { prefixNext, tablePrefix } from '../table/codec/key.js';
import type { TypeContext } from '../types/context.js';
import type { FieldType } from '../types/field-type.js';
import { withDdlLock } from './ddl-lock.js';

export interface DdlWarning {
  level: 'Warning' | 'Note';
  code: number;
  message: string;
}

export interface DdlContext {
  storage: Storage;
  /** The newest published schema. */
  infoSchema(): InfoSchema;
  /** Publishes a committed change as the new schema version (the domain owns the InfoSchema). */
  publish(version: number, change: SchemaChange): void;
  currentDb: string | null;
  sqlMode: ReadonlySet<string>;
  warnings: DdlWarning[];
  /** Session defaults for new tables. */
  charset: string;
  collation: string;
  /** Builds a query's output columns for CREATE VIEW / CREATE TABLE ... SELECT (the integrator supplies it). */
  describeQuery?(query: QueryNode, currentDb: string | null): { name: string; type: FieldType }[];
  /** Session time zone offset in minutes (CURRENT_TIMESTAMP origin defaults); UTC when absent. */
  timeZoneOffsetMinutes?: number;
  /**
   * tidb_enable_table_partition ('OFF': partition clauses are ignored) and tidb_enable_list_partition
   * (false: LIST partitioning is ignored); both enabled when absent.
   */
  enableTablePartition?: string;
  enableListPartition?: boolean;
  /** tidb_enable_global_index: unique keys not covering the partitioning columns are asked to be global. */
  enableGlobalIndex?: boolean;
  /** tidb_enable_check_constraint: CHECK clauses are stored and checked only when true. */
  enableCheckConstraint?: boolean;
}

export interface DdlResult {
  affectedRows: number;
  /** CREATE TABLE ... SELECT: the created table, which the caller fills with the query's rows. */
  createdTable?: { db: string; table: TableInfo };
}

/** What a schema change body returns: the change to publish (and, optionally, a result). */
export interface ChangeOutcome {
  change: SchemaChange;
  result?: DdlResult;
  /** Runs after commit and publish (e.g. rebasing auto ids). */
  afterCommit?: () => Promise<void>;
}

/**
 * Runs a schema change under the DDL lock: body reads the newest schema and writes through `meta`
 * in one transaction; the new schema version is committed with it and then published.
 * A body returning undefined changed nothing (IF [NOT] EXISTS cases): nothing is committed.
 */
export function runSchemaChange(
  ctx: DdlContext,
  body: (txn: Transaction, meta: MetaWriter, is: InfoSchema) => Promise<ChangeOutcome | undefined>,
): Promise<DdlResult> {
  return withDdlLock(async () => {
    const txn = ctx.storage.begin({ pessimistic: false });
    let outcome: ChangeOutcome | undefined;
    try {
      const meta = new MetaWriter(txn);
      outcome = await body(txn, meta, ctx.infoSchema());
      if (!outcome) {
        txn.rollback();
        return { affectedRows: 0 };
      }
      const version = await meta.bumpSchemaVersion();
      await txn.commit();
      ctx.publish(version, outcome.change);
    } catch (e) {
      txn.rollback();
      throw e;
    }
    await outcome.afterCommit?.();
    return outcome.result ?? { affectedRows: 0 };
  });
}

/** The database a table name refers to (its qualifier or the current database). */
export function dbNameOf(ctx: DdlContext, name: TableName): string {
  const db = name.db ?? ctx.currentDb;
  if (!db) throw sqlError(ER.NO_DB);
  return db;
}

export function requireDb(is: InfoSchema, name: string): DBInfo {
  const db = is.database(name);
  if (!db) throw sqlError(ER.BAD_DB, name);
  return db;
}

/** A base table (not a view) that must exist: 1146 otherwise. */
export function requireTable(is: InfoSchema, db: string, name: string): { db: DBInfo; table: TableInfo } {
  const dbInfo = is.database(db);
  const table = dbInfo ? is.table(db, name) : undefined;
  if (!dbInfo || !table || table.view) throw sqlError(ER.NO_SUCH_TABLE, dbInfo?.name ?? db, name);
  return { db: dbInfo, table };
}

const MAX_IDENT = 64;

export function checkIdentLength(name: string): void {
  if (name.length > MAX_IDENT) throw sqlError(ER.TOO_LONG_IDENT, name);
}

export function checkTableName(name: string): void {
  checkIdentLength(name);
  if (name === '' || name.endsWith(' ')) throw sqlError(ER.WRONG_TABLE_NAME, name);
}

/** Deletes every key of a physical table (rows and indexes) in the transaction. */
export async function deleteTableData(txn: Transaction, physicalId: number): Promise<void> {
  const start = tablePrefix(physicalId);
  await deleteRange(txn, start, prefixNext(start));
}

export async function deleteRange(txn: Transaction, start: Bytes, end: Bytes): Promise<void> {
  const keys: Bytes[] = [];
  for await (const batch of txn.scan(start, end)) for (const p of batch) keys.push(p.key);
  for (const k of keys) txn.delete(k);
}

export function note(ctx: DdlContext, spec: { code: number; format: string }, ...args: unknown[]): void {
  let i = 0;
  const message = spec.format.replace(/%[sd]/g, () => String(args[i++] ?? ''));
  ctx.warnings.push({ level: 'Note', code: spec.code, message });
}

export function isStrict(ctx: DdlContext): boolean {
  return ctx.sqlMode.has('STRICT_TRANS_TABLES') || ctx.sqlMode.has('STRICT_ALL_TABLES');
}

/** A conversion context for rewriting rows during ALTER TABLE: strict per sql_mode, warnings to ctx. */
export function rewriteContext(ctx: DdlContext): TypeContext {
  return {
    appendWarning: (w) =>
      ctx.warnings.push({ level: w.level === 'Note' ? 'Note' : 'Warning', code: w.code, message: w.message }),
    truncateAsWarning: !isStrict(ctx),
    noZeroDate: ctx.sqlMode.has('NO_ZERO_DATE'),
    noZeroInDate: ctx.sqlMode.has('NO_ZERO_IN_DATE'),
    allowInvalidDates: ctx.sqlMode.has('ALLOW_INVALID_DATES'),
    timeZoneOffsetMinutes: ctx.timeZoneOffsetMinutes ?? 0,
    divPrecisionIncrement: 4,
  };
}

/** A deep copy of a (frozen, published) TableInfo to build the next version from. */
export function draftOf(t: TableInfo): TableInfo {
  return structuredClone(t) as TableInfo;
}
