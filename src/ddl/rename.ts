// RENAME TABLE a TO b [, c TO d ...] (also across databases) and ALTER TABLE ... RENAME TO.
import type { SchemaChange } from '../catalog/infoschema.js';
import type { DBInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { RenameTableStmt, TableName } from '../parser/ast.js';
import {
  checkTableName,
  type DdlContext,
  type DdlResult,
  dbNameOf,
  draftOf,
  requireDb,
  runSchemaChange,
} from './context.js';

export function executeRenameTable(stmt: RenameTableStmt, ctx: DdlContext): Promise<DdlResult> {
  const pairs = stmt.pairs.map((p) => ({ from: p.from, to: p.to }));
  return renameTables(ctx, pairs);
}

/** Renames in order; later pairs see earlier renames (a→b, b→c moves a to c). */
export function renameTables(
  ctx: DdlContext,
  pairs: readonly { from: TableName; to: TableName }[],
): Promise<DdlResult> {
  const names = pairs.map((p) => ({
    fromDb: dbNameOf(ctx, p.from),
    from: p.from.name,
    toDb: dbNameOf(ctx, p.to),
    to: p.to.name,
  }));
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    // The working state: (db lower, table lower) → [db, table info].
    const state = new Map<string, { db: DBInfo; table: TableInfo; origDb: DBInfo }>();
    const removed = new Set<string>();
    const key = (db: string, t: string) => `${db.toLowerCase()}\u0000${t.toLowerCase()}`;
    const lookup = (db: string, t: string) => {
      const k = key(db, t);
      if (state.has(k)) return state.get(k);
      if (removed.has(k)) return undefined;
      const dbInfo = is.database(db);
      const table = dbInfo ? is.table(db, t) : undefined;
      return dbInfo && table ? { db: dbInfo, table, origDb: dbInfo } : undefined;
    };
    for (const n of names) {
      const src = lookup(n.fromDb, n.from);
      if (!src) throw sqlError(ER.NO_SUCH_TABLE, n.fromDb, n.from);
      const toDb = requireDb(is, n.toDb);
      checkTableName(n.to);
      if (lookup(toDb.name, n.to)) throw sqlError(ER.TABLE_EXISTS, `${toDb.name}.${n.to}`);
      const t = draftOf(src.table);
      t.name = n.to;
      state.delete(key(n.fromDb, n.from));
      removed.add(key(n.fromDb, n.from));
      removed.delete(key(toDb.name, n.to));
      state.set(key(toDb.name, n.to), { db: toDb, table: t, origDb: src.origDb });
    }
    const change: SchemaChange = { droppedTables: [], putTables: [] };
    for (const { table, origDb } of state.values()) {
      meta.deleteTable(origDb.id, table.id);
      change.droppedTables!.push({ dbName: origDb.name, tableId: table.id });
    }
    for (const { db, table } of state.values()) {
      meta.putTable(db.id, table);
      change.putTables!.push({ dbName: db.name, table });
    }
    return { change };
  });
}
