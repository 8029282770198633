// The prepared plan cache for INSERT ... VALUES, UPDATE and DELETE (see plan-cache.ts for the rules a
// plan must meet): the plan of the rows to change, the targets and the SET assignments (or the VALUES
// rows) are kept per statement and rebound to each execution's parameters.
import type { DmlTarget } from '../planner/builder/dml.js';
import type { InsertPlan } from '../planner/builder/insert.js';
import type { Expression } from '../expression/expression.js';
import type { UpdateAssignment } from '../executor/dml/update.js';
import type { Plan } from '../planner/plans.js';
import {
  bind,
  type CacheEntry,
  entryFits,
  exprsRebindable,
  hasParam,
  newEntry,
  paramsRebindable,
  rebind,
} from './plan-cache.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

/** A planned UPDATE or DELETE: the rows to change, their tables, and for UPDATE the assignments. */
export interface WritePlan {
  plan: Plan;
  targets: DmlTarget[];
  assignments: UpdateAssignment[];
}

/** Cached plans by statement node (stable across a prepared statement's executions); null: not cacheable. */
const writes = new WeakMap<object, CacheEntry<WritePlan> | null>();
const inserts = new WeakMap<object, CacheEntry<InsertPlan> | null>();

function cacheable(s: Session, ctx: StmtContext): boolean {
  return ctx.params.length > 0 && s.vars.planCacheEnabled && ctx.warningCount === 0;
}

/** The cached plan of an UPDATE/DELETE statement rebound to this execution's parameters, or undefined. */
export function cachedWrite(s: Session, stmt: object, ctx: StmtContext): WritePlan | undefined {
  const e = writes.get(stmt);
  if (!entryFits(s, ctx, e)) return undefined;
  const plan = rebind(e.value.plan, ctx.params);
  if (!plan) return undefined;
  const assignments = e.value.assignments.map((a) => ({ ...a, expr: bind(a.expr, ctx.params) }));
  return { plan, targets: e.value.targets, assignments };
}

export function rememberWrite(s: Session, stmt: object, ctx: StmtContext, w: WritePlan): void {
  if (!cacheable(s, ctx)) return;
  const ok = paramsRebindable(
    w.plan,
    ctx.params.length,
    w.assignments.map((a) => a.expr),
  );
  writes.set(stmt, ok ? newEntry(s, ctx, w) : null);
}

/** The cached plan of an INSERT ... VALUES with its rows rebound to this execution's parameters, or undefined. */
export function cachedInsert(s: Session, stmt: object, ctx: StmtContext): InsertPlan | undefined {
  const e = inserts.get(stmt);
  if (!entryFits(s, ctx, e)) return undefined;
  const rows = e.value.rows!.map((r) => r.map((x) => (x ? bind(x, ctx.params) : undefined)));
  return { ...e.value, rows };
}

export function rememberInsert(s: Session, stmt: object, ctx: StmtContext, plan: InsertPlan): void {
  if (!cacheable(s, ctx) || plan.select || !plan.rows) return;
  const values = plan.rows.flat().filter((x): x is Expression => x !== undefined);
  const ok = exprsRebindable(values, ctx.params.length) && !(plan.onDuplicate ?? []).some((a) => hasParam(a.expr));
  inserts.set(stmt, ok ? newEntry(s, ctx, plan) : null);
}
