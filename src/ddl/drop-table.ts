// DROP TABLE and DROP VIEW: the catalog entries and, for tables, every row and index key.
import type { InfoSchema, SchemaChange } from '../catalog/infoschema.js';
import { storedIds } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { DropTableStmt, DropViewStmt, TableName } from '../parser/ast.js';
import { forgetAllocator } from '../table/auto-id.js';
import { type DdlContext, type DdlResult, dbNameOf, deleteTableData, note, runSchemaChange } from './context.js';

function dropObjects(
  ctx: DdlContext,
  names: readonly TableName[],
  ifExists: boolean,
  views: boolean,
): Promise<DdlResult> {
  const qualified = names.map((n) => ({ db: dbNameOf(ctx, n), name: n.name }));
  const droppedIds: number[] = [];
  return runSchemaChange(ctx, async (txn, meta, is: InfoSchema) => {
    const missing: string[] = [];
    const change: SchemaChange = { droppedTables: [] };
    for (const { db, name } of qualified) {
      const dbInfo = is.database(db);
      const t = dbInfo ? is.table(db, name) : undefined;
      if (!dbInfo || !t) {
        missing.push(`${dbInfo?.name ?? db}.${name}`);
        continue;
      }
      if (views && !t.view) throw sqlError(ER.WRONG_OBJECT, dbInfo.name, t.name, 'VIEW');
      if (!views && t.view) throw sqlError(ER.WRONG_OBJECT, dbInfo.name, t.name, 'BASE TABLE');
      if (!t.view) for (const pid of storedIds(t)) await deleteTableData(txn, pid);
      meta.deleteTable(dbInfo.id, t.id);
      change.droppedTables!.push({ dbName: dbInfo.name, tableId: t.id });
      droppedIds.push(t.id);
    }
    if (missing.length > 0) {
      if (!ifExists) throw sqlError(ER.BAD_TABLE, missing.join(','));
      for (const m of missing) note(ctx, ER.BAD_TABLE, m);
    }
    if (change.droppedTables!.length === 0) return undefined;
    return {
      change,
      afterCommit: async () => {
        for (const id of droppedIds) forgetAllocator(ctx.storage, id);
      },
    };
  });
}

export function executeDropTable(stmt: DropTableStmt, ctx: DdlContext): Promise<DdlResult> {
  if (stmt.temporary) throw sqlError(ER.NOT_SUPPORTED_YET, 'DROP TEMPORARY TABLE');
  return dropObjects(ctx, stmt.tables, stmt.ifExists, false);
}

export function executeDropView(stmt: DropViewStmt, ctx: DdlContext): Promise<DdlResult> {
  return dropObjects(ctx, stmt.names, stmt.ifExists, true);
}
