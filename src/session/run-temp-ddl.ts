// DDL that concerns local temporary tables, which the session keeps itself (temp-tables.ts): CREATE
// TEMPORARY TABLE, DROP [TEMPORARY] TABLE and TRUNCATE of one; other DDL on one is refused, as TiDB
// refuses it. None of these commit the session's transaction, as in MySQL.
import type { DdlContext } from '../ddl/context.js';
import { buildTemporaryTable } from '../ddl/create-table.js';
import { ER, sqlError } from '../errors/index.js';
import type { Statement, TableName } from '../parser/index.js';
import type { Session } from './session.js';
import { allocTempTableIds, deleteData } from './temp-tables.js';

/** What remains to run as catalog DDL after the temporary tables took their part (undefined: nothing). */
export type TempDdlOutcome = { handled: true; rest?: Statement } | { handled: false };

export async function runTemporaryDdl(s: Session, stmt: Statement, ctx: DdlContext): Promise<TempDdlOutcome> {
  switch (stmt.kind) {
    case 'createTable': {
      if (!stmt.temporary || stmt.globalTemporary) return { handled: false };
      const db = dbOf(s, stmt.table);
      if (s.tempTables.find(db, stmt.table.name)) {
        if (stmt.ifNotExists) {
          ctx.warnings.push({
            level: 'Note',
            code: ER.TABLE_EXISTS.code,
            message: `Table '${stmt.table.name}' already exists`,
          });
          return { handled: true };
        }
        throw sqlError(ER.TABLE_EXISTS, stmt.table.name);
      }
      const { db: dbName, table } = await buildTemporaryTable(stmt, ctx, allocTempTableIds);
      // Ids are never reused within a process, but a crashed one may have left rows under them.
      await deleteData(s.domain.storage, [table]);
      s.tempTables.add(dbName, table);
      return { handled: true };
    }
    case 'dropTable': {
      const temps = stmt.tables.filter((t) => s.tempTables.find(dbOf(s, t), t.name));
      if (temps.length === 0 && !stmt.temporary) return { handled: false };
      if (stmt.temporary && temps.length < stmt.tables.length && !stmt.ifExists) {
        const missing = stmt.tables.filter((t) => !temps.includes(t));
        throw sqlError(ER.BAD_TABLE, missing.map((t) => `${dbOf(s, t)}.${t.name}`).join(','));
      }
      const dropped = temps.map((t) => s.tempTables.remove(dbOf(s, t), t.name)!);
      await deleteData(s.domain.storage, dropped);
      const rest = stmt.temporary ? [] : stmt.tables.filter((t) => !temps.includes(t));
      return { handled: true, rest: rest.length > 0 ? { ...stmt, tables: rest } : undefined };
    }
    case 'truncateTable': {
      const t = s.tempTables.find(dbOf(s, stmt.table), stmt.table.name);
      if (!t) return { handled: false };
      await deleteData(s.domain.storage, [t]);
      return { handled: true };
    }
    case 'alterTable':
      for (const spec of stmt.specs) {
        if (spec.type === 'exchangePartition' && s.tempTables.find(dbOf(s, spec.table), spec.table.name))
          throw sqlError(ER.PARTITION_EXCHANGE_TEMP_TABLE, spec.table.name);
      }
      refuseOnTemporary(s, stmt.table, 'ALTER TABLE');
      return { handled: false };
    case 'createIndex':
    case 'dropIndex':
      refuseOnTemporary(s, stmt.table, stmt.kind === 'createIndex' ? 'CREATE INDEX' : 'DROP INDEX');
      return { handled: false };
    case 'renameTable':
      for (const p of stmt.pairs) refuseOnTemporary(s, p.from, 'RENAME TABLE');
      return { handled: false };
    default:
      return { handled: false };
  }
}

function refuseOnTemporary(s: Session, t: TableName, what: string): void {
  if (s.tempTables.find(dbOf(s, t), t.name)) throw sqlError(ER.UNSUPPORTED_TYPE, `${what} on a local temporary table`);
}

function dbOf(s: Session, t: TableName): string {
  const db = t.db ?? s.currentDbName;
  if (!db) throw sqlError(ER.NO_DB);
  return db;
}
