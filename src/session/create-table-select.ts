// CREATE TABLE ... SELECT: after the DDL creates the table, the query's rows are inserted into it.
import type { CreateTableStmt, InsertStmt } from '../parser/ast.js';
import { buildQuery } from '../planner/builder/select.js';
import { runInsert } from './run-dml.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

/** Fills the table just created by `stmt` with its query's rows; returns the number of rows inserted. */
export async function fillCreatedTable(
  s: Session,
  ctx: StmtContext,
  stmt: CreateTableStmt,
  db: string,
): Promise<number> {
  const query = stmt.query!;
  const env = { ...s.planEnv(ctx), currentDb: db };
  const names = buildQuery(env, query, undefined).names.map((n) => n.name);
  const insert: InsertStmt = {
    kind: 'insert',
    replace: false,
    ignore: false,
    hints: [],
    table: { kind: 'table', db, name: stmt.table.name },
    columns: names,
    query,
  };
  return Number((await runInsert(s, ctx, insert)).affectedRows);
}
