// INSERT, UPDATE and DELETE statements: plan, then write in the session's transaction.
import type { QueryResult } from '../api-types.js';
import { executeDelete } from '../executor/dml/delete.js';
import { executeInsert } from '../executor/dml/insert.js';
import { executeUpdate, type UpdateAssignment } from '../executor/dml/update.js';
import type { WriteContext } from '../executor/dml/write-context.js';
import { ER, sqlError } from '../errors/index.js';
import type { Transaction } from '../kv/kv.js';
import type { DeleteStmt, InsertStmt, UpdateStmt } from '../parser/index.js';
import { buildDmlSource, finishDmlPlan, rewriteInDml } from '../planner/builder/dml.js';
import { buildInsert } from '../planner/builder/insert.js';
import { execContext, streamPlan } from './run-query.js';
import { okResult } from './run-statement.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';
import type { StmtTxnOptions } from './txn.js';
import { cachedInsert, cachedWrite, rememberInsert, rememberWrite, type WritePlan } from './dml-plan-cache.js';

function writeContext(s: Session, ctx: StmtContext, txn: Transaction, ignore: boolean): WriteContext {
  return {
    exec: execContext(s, ctx, txn),
    txn,
    storage: s.domain.storage,
    strict: !ctx.truncateAsWarning,
    ignore,
    sqlMode: ctx.sqlMode,
    autoIncrementIncrement: s.vars.autoIncrementIncrement,
    autoIncrementOffset: s.vars.autoIncrementOffset,
    autoRandomExplicit: s.vars.autoRandomExplicitInsert,
  };
}

export async function runInsert(s: Session, ctx: StmtContext, stmt: InsertStmt): Promise<QueryResult> {
  let plan = cachedInsert(s, stmt, ctx);
  if (plan) ctx.planFromCache = true;
  else {
    plan = buildInsert(s.planEnv(ctx), stmt);
    rememberInsert(s, stmt, ctx, plan);
  }
  const insertPlan = plan;
  const r = await s.inTxn(async (txn) => {
    const source = insertPlan.select ? streamPlan(s, ctx, txn, insertPlan.select, true) : null;
    return executeInsert(writeContext(s, ctx, txn, stmt.ignore), insertPlan, source);
  }, writeOptions(ctx));
  if (r.lastInsertId) s.lastInsertIdValue = r.lastInsertId;
  s.rowCountValue = r.affectedRows;
  const duplicates = r.duplicates ?? 0;
  s.noteRowChanges(plan.table.id, {
    inserted: (r.records ?? r.affectedRows) - duplicates,
    deleted: 0,
    updated: stmt.ignore ? 0 : duplicates,
  });
  const multi = (plan.rows?.length ?? 0) > 1 || plan.select !== undefined;
  const info = multi ? `Records: ${r.records}  Duplicates: ${r.duplicates}  Warnings: ${ctx.warningCount}` : '';
  return okResult(r.affectedRows, info, r.lastInsertId);
}

export async function runUpdate(s: Session, ctx: StmtContext, stmt: UpdateStmt): Promise<QueryResult> {
  const cached = cachedWrite(s, stmt, ctx);
  if (cached) ctx.planFromCache = true;
  const { plan, targets, assignments } = cached ?? planUpdate(s, ctx, stmt);
  if (!cached) rememberWrite(s, stmt, ctx, { plan, targets, assignments });
  const r = await s.inTxn(
    (txn) =>
      executeUpdate(
        writeContext(s, ctx, txn, stmt.ignore),
        streamPlan(s, ctx, txn, plan, true),
        plan.schema,
        targets,
        assignments,
      ),
    writeOptions(ctx),
  );
  s.rowCountValue = r.affectedRows;
  if (targets.length === 1)
    s.noteRowChanges(targets[0]!.table.id, { inserted: 0, deleted: 0, updated: r.changed ?? 0 });
  return okResult(r.affectedRows, `Rows matched: ${r.matched}  Changed: ${r.changed}  Warnings: ${ctx.warningCount}`);
}

export async function runDelete(s: Session, ctx: StmtContext, stmt: DeleteStmt): Promise<QueryResult> {
  let w = cachedWrite(s, stmt, ctx);
  if (w) ctx.planFromCache = true;
  else {
    const env = s.planEnv(ctx);
    const src = buildDmlSource(env, stmt.from, stmt.where, stmt.orderBy, stmt.limit, stmt.targets, stmt.hints);
    for (const warning of env.warnings) ctx.appendWarning({ level: 'Warning', ...warning });
    w = { plan: finishDmlPlan(src), targets: src.targets, assignments: [] };
    rememberWrite(s, stmt, ctx, w);
  }
  const { plan, targets } = w;
  const r = await s.inTxn(
    (txn) => executeDelete(writeContext(s, ctx, txn, stmt.ignore), streamPlan(s, ctx, txn, plan, true), targets),
    writeOptions(ctx),
  );
  s.rowCountValue = r.affectedRows;
  if (targets.length === 1)
    s.noteRowChanges(targets[0]!.table.id, { inserted: 0, deleted: r.affectedRows, updated: 0 });
  return okResult(r.affectedRows);
}

/** Plans an UPDATE: the rows to change (with every column the assignments read), their tables, the assignments. */
function planUpdate(s: Session, ctx: StmtContext, stmt: UpdateStmt): WritePlan {
  const env = s.planEnv(ctx);
  const single = stmt.table.kind === 'table';
  const src = buildDmlSource(
    env,
    stmt.table,
    stmt.where,
    stmt.orderBy,
    stmt.limit,
    single ? undefined : tablesOf(stmt.table),
    stmt.hints,
  );
  for (const warning of env.warnings) ctx.appendWarning({ level: 'Warning', ...warning });
  const schemaBefore = src.block.plan.schema;
  const assignments: UpdateAssignment[] = [];
  for (const a of stmt.set) {
    const { entry } = src.scope.resolve(a.column, 'field list');
    const idx = schemaBefore.findIndex((c) => c.uid === entry.col.uid);
    const target = src.targets.findIndex((t) => t.columnIndexes.includes(idx));
    if (target < 0) throw sqlError(ER.BAD_FIELD, a.column.column, 'field list');
    const t = src.targets[target]!;
    const offset = t.columnIndexes.indexOf(idx);
    const col = t.table.columns[offset]!;
    if (col.generated) {
      // SET g = DEFAULT is allowed and changes nothing: the writer recomputes g anyway.
      if (a.value.kind === 'default' && !a.value.column) continue;
      throw sqlError(ER.BAD_GENERATED_COLUMN, col.name, t.table.name);
    }
    assignments.push({ target, offset, expr: rewriteInDml(env, src, a.value, 'field list') });
  }
  return { plan: finishDmlPlan(src), targets: src.targets, assignments };
}

function writeOptions(ctx: StmtContext): StmtTxnOptions {
  return { write: true, onRetry: () => ctx.clearWarnings() };
}

/** Every base table named in a multi-table UPDATE's table reference. */
function tablesOf(ref: UpdateStmt['table']): import('../parser/index.js').TableName[] {
  if (ref.kind === 'table') return [ref];
  if (ref.kind === 'join') return [...tablesOf(ref.left), ...tablesOf(ref.right)];
  return [];
}
