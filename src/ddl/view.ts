// CREATE [OR REPLACE] VIEW: the view's query text and column names are stored; its columns' types
// come from describeQuery when the integrator supplies it.
import type { ColumnInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { CreateViewStmt } from '../parser/ast.js';
import { newFieldType, TypeCode } from '../types/field-type.js';
import { checkColumnName } from './column-def.js';
import { checkTableName, type DdlContext, type DdlResult, dbNameOf, requireDb, runSchemaChange } from './context.js';

export function executeCreateView(stmt: CreateViewStmt, ctx: DdlContext): Promise<DdlResult> {
  const dbName = dbNameOf(ctx, stmt.name);
  checkTableName(stmt.name.name);
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    const db = requireDb(is, dbName);
    const existing = is.table(db.name, stmt.name.name);
    if (existing) {
      if (!stmt.orReplace) throw sqlError(ER.TABLE_EXISTS, `${db.name}.${stmt.name.name}`);
      if (!existing.view) throw sqlError(ER.WRONG_OBJECT, db.name, existing.name, 'VIEW');
    }
    const described = ctx.describeQuery?.(stmt.query, db.name);
    const names = stmt.columns ?? described?.map((c) => c.name);
    if (!names) throw sqlError(ER.NOT_SUPPORTED_YET, 'CREATE VIEW without a query describer');
    if (described && names.length !== described.length) throw sqlError(ER.VIEW_WRONG_LIST);
    const seen = new Set<string>();
    for (const n of names) {
      checkColumnName(n);
      if (seen.has(n.toLowerCase())) throw sqlError(ER.DUP_FIELDNAME, n);
      seen.add(n.toLowerCase());
    }
    const columns: ColumnInfo[] = names.map((name, i) => ({
      id: i + 1,
      name,
      offset: i,
      type: described ? { ...described[i]!.type } : newFieldType(TypeCode.VarString),
      autoIncrement: false,
      onUpdateNow: false,
      comment: '',
      state: 'public',
    }));
    const id = existing ? existing.id : (await meta.allocGlobalIds(1))[0]!;
    const now = Date.now();
    const view: TableInfo = {
      id,
      name: stmt.name.name,
      charset: ctx.charset,
      collate: ctx.collation,
      comment: 'VIEW',
      columns,
      indices: [],
      pkIsHandle: false,
      isCommonHandle: false,
      maxColumnId: columns.length,
      maxIndexId: 0,
      createTime: existing?.createTime ?? now,
      updateTime: now,
      view: {
        select: stmt.queryText,
        columns: names,
        algorithm: (stmt.algorithm ?? 'UNDEFINED').toUpperCase(),
        definer: stmt.definer ?? 'root@%',
        security: (stmt.security ?? 'DEFINER').toUpperCase(),
        checkOption: (stmt.checkOption ?? 'CASCADED').toUpperCase(),
      },
    };
    meta.putTable(db.id, view);
    return { change: { putTables: [{ dbName: db.name, table: view }] } };
  });
}
