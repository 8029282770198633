// SET (user and system variables), SET NAMES, SET TRANSACTION.
import type { QueryResult } from '../api-types.js';
import type { SqlWarning } from '../errors/index.js';
import type { ExprNode, SetNamesStmt, SetStmt, SetTransactionStmt } from '../parser/index.js';
import { buildQuery } from '../planner/builder/select.js';
import { optimize } from '../planner/optimize.js';
import { Decimal } from '../types/decimal.js';
import type { FieldType } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { requireSysVarDef } from '../variables/sysvar.js';
import { executePlan } from './run-query.js';
import { okResult } from './run-statement.js';
import type { Session } from './session.js';
import { afterAssignment, keepsItsValue } from './set-notices.js';
import type { StmtContext } from './stmt-context.js';

/** Evaluates expressions as `SELECT e1, e2, ...` (subqueries and functions allowed). */
async function evaluate(
  s: Session,
  ctx: StmtContext,
  exprs: ExprNode[],
): Promise<{ values: Value[]; types: FieldType[] }> {
  const env = s.planEnv(ctx);
  const built = buildQuery(
    env,
    { kind: 'select', hints: [], distinct: false, options: [], fields: exprs.map((e) => ({ expr: e, text: '' })) },
    undefined,
  );
  const plan = optimize(built.plan);
  const rows = await s.inTxn((txn) => executePlan(s, ctx, txn, plan));
  return { values: rows[0] ?? exprs.map(() => null), types: plan.schema.map((c) => c.type) };
}

function sysVarInput(v: Value): string | number | bigint | null {
  if (v === null || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return v;
  if (v instanceof Decimal) return v.toString();
  return String(v);
}

export async function runSet(s: Session, ctx: StmtContext, stmt: SetStmt): Promise<QueryResult> {
  const withValue = stmt.assignments.filter((a) => a.value !== undefined);
  const { values, types } = await evaluate(
    s,
    ctx,
    withValue.map((a) => a.value!),
  );
  const warnings: SqlWarning[] = [];
  let i = 0;
  for (const a of stmt.assignments) {
    const hasValue = a.value !== undefined;
    const v = hasValue ? values[i] : null;
    const t = hasValue ? types[i] : undefined;
    if (hasValue) i++;
    if (a.target.kind === 'user') {
      s.setUserVar(a.target.name, { value: v ?? null, type: t! });
      continue;
    }
    const name = a.target.name.toLowerCase();
    const global = a.target.scope === 'global';
    const input = hasValue ? sysVarInput(v ?? null) : null;
    if (keepsItsValue(name, input, warnings)) continue;
    if (global) {
      // SET GLOBAL x = DEFAULT restores the compiled-in default.
      const before = s.domain.globals.get(name);
      const after = s.vars.setGlobal(name, hasValue ? input : requireSysVarDef(name).default, warnings);
      afterAssignment(name, true, before, after, warnings);
      continue;
    }
    const before = s.vars.get(name);
    const autocommitBefore = s.vars.autocommit;
    const after = s.vars.set(name, hasValue ? input : s.vars.sessionDefault(name), warnings);
    afterAssignment(name, false, before, after, warnings);
    if (name === 'autocommit' && !autocommitBefore && s.vars.autocommit) await s.commitTxn();
  }
  for (const w of warnings) ctx.appendWarning(w);
  return okResult();
}

export function runSetNames(s: Session, stmt: SetNamesStmt): QueryResult {
  const cs = stmt.charset ?? 'utf8mb4';
  if (stmt.characterSet) {
    s.vars.set('character_set_client', cs);
    s.vars.set('character_set_results', cs);
    s.vars.set('collation_connection', s.vars.get('collation_database'));
    return okResult();
  }
  s.vars.set('character_set_client', cs);
  s.vars.set('character_set_results', cs);
  s.vars.set('character_set_connection', cs);
  if (stmt.collate) s.vars.set('collation_connection', stmt.collate);
  return okResult();
}

export function runSetTransaction(s: Session, ctx: StmtContext, stmt: SetTransactionStmt): QueryResult {
  const warnings: SqlWarning[] = [];
  const apply = (name: string, value: string) => {
    if (stmt.scope === 'global') s.vars.setGlobal(name, value, warnings);
    else s.vars.set(name, value, warnings);
  };
  if (stmt.isolation) apply('transaction_isolation', stmt.isolation);
  if (stmt.readOnly !== undefined) apply('transaction_read_only', stmt.readOnly ? 'ON' : 'OFF');
  for (const w of warnings) ctx.appendWarning(w);
  return okResult();
}
