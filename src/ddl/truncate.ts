// TRUNCATE TABLE: the table gets new ids (an empty key range, a fresh auto id allocator); the old
// rows and index entries are deleted.
import { storedIds } from '../catalog/model.js';
import type { TruncateTableStmt } from '../parser/ast.js';
import { forgetAllocator } from '../table/auto-id.js';
import {
  type DdlContext,
  type DdlResult,
  dbNameOf,
  deleteTableData,
  requireTable,
  runSchemaChange,
} from './context.js';
import { withFreshIds } from './create-table.js';

export function executeTruncateTable(stmt: TruncateTableStmt, ctx: DdlContext): Promise<DdlResult> {
  const dbName = dbNameOf(ctx, stmt.table);
  let oldId = 0;
  return runSchemaChange(ctx, async (txn, meta, is) => {
    const { db, table } = requireTable(is, dbName, stmt.table.name);
    oldId = table.id;
    for (const pid of storedIds(table)) await deleteTableData(txn, pid);
    const t = await withFreshIds(table, meta, table.name);
    if (t.autoIncrementStart !== undefined && t.autoIncrementStart > 1)
      meta.setAutoIdBase(t.id, t.autoIncrementStart - 1);
    meta.deleteTable(db.id, table.id);
    meta.putTable(db.id, t);
    return {
      change: { droppedTables: [{ dbName: db.name, tableId: table.id }], putTables: [{ dbName: db.name, table: t }] },
      afterCommit: async () => {
        forgetAllocator(ctx.storage, oldId);
      },
    };
  });
}
