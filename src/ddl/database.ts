// CREATE DATABASE and DROP DATABASE.
import type { DBInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { CreateDatabaseStmt, DropDatabaseStmt } from '../parser/ast.js';
import { forgetAllocator } from '../table/auto-id.js';
import { storedIds } from '../catalog/model.js';
import {
  checkIdentLength,
  type DdlContext,
  type DdlResult,
  deleteTableData,
  note,
  runSchemaChange,
} from './context.js';
import { resolveCharset } from './create-table.js';
import { databasePolicyOption } from './placement.js';

export function executeCreateDatabase(stmt: CreateDatabaseStmt, ctx: DdlContext): Promise<DdlResult> {
  checkIdentLength(stmt.name);
  if (stmt.name === '' || stmt.name.endsWith(' ')) throw sqlError(ER.WRONG_DB_NAME, stmt.name);
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    if (is.database(stmt.name)) {
      if (stmt.ifNotExists) {
        note(ctx, ER.DB_CREATE_EXISTS, stmt.name);
        return undefined;
      }
      throw sqlError(ER.DB_CREATE_EXISTS, stmt.name);
    }
    const cs = resolveCharset(stmt.options, { charset: ctx.charset, collate: ctx.collation });
    const [id] = await meta.allocGlobalIds(1);
    const policy = databasePolicyOption(is, stmt.options);
    const db: DBInfo = { id: id!, name: stmt.name, charset: cs.charset, collate: cs.collate };
    if (policy) db.placementPolicy = policy;
    meta.putDatabase(db);
    return { change: { putDbs: [db] }, result: { affectedRows: 1 } };
  });
}

export function executeDropDatabase(stmt: DropDatabaseStmt, ctx: DdlContext): Promise<DdlResult> {
  const dropped: number[] = [];
  return runSchemaChange(ctx, async (txn, meta, is) => {
    const db = is.database(stmt.name);
    if (!db) {
      if (stmt.ifExists) {
        note(ctx, ER.DB_DROP_EXISTS, stmt.name);
        return undefined;
      }
      throw sqlError(ER.DB_DROP_EXISTS, stmt.name);
    }
    const tables = is.tables(db.name);
    for (const t of tables) {
      if (!t.view) for (const pid of storedIds(t)) await deleteTableData(txn, pid);
      meta.deleteTable(db.id, t.id);
      dropped.push(t.id);
    }
    meta.deleteDatabase(db.id);
    return {
      change: { droppedDbs: [db.name] },
      result: { affectedRows: tables.length },
      afterCommit: async () => {
        for (const id of dropped) forgetAllocator(ctx.storage, id);
      },
    };
  });
}
