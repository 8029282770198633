// The prepared plan cache (tidb_enable_prepared_plan_cache): a prepared SELECT keeps the plan of an
// earlier execution and later executions rebind it to their parameters instead of planning again.
// Rebinding makes views of the cached plan's nodes with each parameter constant replaced and rebuilds
// each data source's key ranges for the new values on the access path chosen before, as TiDB's plan cache
// does (a point read by a parameter's handle takes the new value; the path is chosen again when the new
// values give no rows or a point read otherwise).
//
// Only plans whose shape cannot depend on the parameters' values are kept: the parameters of the same
// kinds as when the plan was built (the types of their constants), every parameter still a constant in
// a condition or a projection, where only comparisons, IN and LIKE patterns read it (builtins that
// specialize on a constant argument at build time would keep the old value; parameters are never folded
// into constants), no partitioned table (pruning reads the values), no empty-result shortcut, no warnings.
import type { ParsedStatement } from '../parser/index.js';
import { Column, Constant, type Expression, ScalarFunction } from '../expression/expression.js';
import type { OutputName } from '../planner/builder/select.js';
import {
  Aggregation,
  DataSource,
  Join,
  Limit,
  type Plan,
  Projection,
  Selection,
  Sort,
  TopN,
} from '../planner/plans.js';
import { chooseAccessPaths, rebuildAccessRanges } from '../planner/rules/access-path.js';
import { intRange, isIntegerType, isUnsigned } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

/** A cached value and what it was built for: the catalog snapshot and keyOf()'s statistics, database, variables, parameter kinds. */
export interface CacheEntry<T> {
  readonly is: object;
  readonly key: string;
  readonly value: T;
}

/** An entry built for this session's catalog, statistics, variables and these parameters. */
export function entryFits<T>(s: Session, ctx: StmtContext, e: CacheEntry<T> | null | undefined): e is CacheEntry<T> {
  return !!e && s.vars.planCacheEnabled && e.is === s.infoSchema() && e.key === keyOf(s, ctx.params);
}

/** A new entry for what this execution built. */
export function newEntry<T>(s: Session, ctx: StmtContext, value: T): CacheEntry<T> {
  return { is: s.infoSchema(), key: keyOf(s, ctx.params), value };
}

interface CachedPlan {
  readonly plan: Plan;
  readonly names: readonly OutputName[];
}

/** Plans by prepared statement (statements are per session, so the cache is too); null: not cacheable. */
const cache = new WeakMap<ParsedStatement, CacheEntry<CachedPlan> | null>();

/** Functions that read a parameter argument only when evaluating rows (the argument positions allowed). */
const PARAM_READERS: ReadonlyMap<string, number> = new Map([
  ['eq', 2],
  ['ne', 2],
  ['lt', 2],
  ['le', 2],
  ['gt', 2],
  ['ge', 2],
  ['nulleq', 2],
  ['in', Number.POSITIVE_INFINITY],
  ['like', 2],
]);

/**
 * What a cached plan must match besides the statement and the catalog: the statistics (fresh ones plan
 * again, like TiDB's tidb_plan_cache_invalidation_on_fresh_stats), the current database, variables and
 * parameter kinds.
 */
function keyOf(s: Session, params: readonly Value[]): string {
  let key = `${s.domain.statsVersion}\u0000${s.currentDbName}\u0000${s.vars.planVars}`;
  for (const p of params) key += `\u0000${paramKind(p)}`;
  return key;
}

/** What a parameter's constant type depends on: its JS kind (and for numbers, integer or not). */
function paramKind(p: Value): string {
  if (p === null) return 'null';
  if (typeof p === 'number') return Number.isInteger(p) ? 'int' : 'real';
  return typeof p === 'object' ? p.constructor.name : typeof p;
}

/** The cached plan of a prepared SELECT rebound to this execution's parameters, or undefined. */
export function cachedPlan(
  s: Session,
  ps: ParsedStatement,
  ctx: StmtContext,
): { plan: Plan; names: readonly OutputName[] } | undefined {
  const c = cache.get(ps);
  if (!entryFits(s, ctx, c)) return undefined;
  const plan = rebind(c.value.plan, ctx.params);
  return plan ? { plan, names: c.value.names } : undefined;
}

/** Keeps the plan of a prepared SELECT's execution for the next ones when it qualifies (see the top of the file). */
export function rememberPlan(
  s: Session,
  ps: ParsedStatement,
  ctx: StmtContext,
  plan: Plan,
  names: readonly OutputName[],
): void {
  if (ps.paramCount === 0 || !s.vars.planCacheEnabled || ps.stmt.kind !== 'query') return;
  const q = ps.stmt.query;
  const ok =
    q.kind === 'select' && !q.lock && !q.into && ctx.warningCount === 0 && paramsRebindable(plan, ps.paramCount);
  cache.set(ps, ok ? newEntry(s, ctx, { plan, names }) : null);
}

/**
 * Whether every node is of a kind rebind() rebinds and every parameter sits where rebinding reaches it
 * (in the plan, or in `extra` expressions the caller binds itself).
 */
export function paramsRebindable(plan: Plan, paramCount: number, extra: readonly Expression[] = []): boolean {
  const seen = new Set<number>();
  let ok = true;
  const rebindable = (exprs: readonly Expression[]) => {
    for (const e of exprs) if (!paramsReadOnlyByRows(e, seen)) ok = false;
  };
  const fixed = (exprs: readonly Expression[]) => {
    for (const e of exprs) if (hasParam(e)) ok = false;
  };
  const visit = (p: Plan): void => {
    if (p instanceof DataSource) {
      if (p.table.id < 0 || p.table.partition) ok = false;
      rebindable(p.conditions);
    } else if (p instanceof Selection) rebindable(p.conditions);
    else if (p instanceof Projection) rebindable(p.exprs);
    else if (p instanceof Join) {
      rebindable([...p.otherConds, ...p.leftConds, ...p.rightConds, ...p.eqSources]);
      fixed(p.eqConds.flat());
    } else if (p instanceof Aggregation) fixed([...p.groupBy, ...p.firstRows, ...p.aggs.flatMap((a) => a.args)]);
    else if (p instanceof Sort || p instanceof TopN) fixed(p.items.map((i) => i.expr));
    else if (!(p instanceof Limit)) ok = false;
    for (const c of p.children) visit(c);
  };
  visit(plan);
  rebindable(extra);
  // A parameter consumed elsewhere (LIMIT ?, a folded constant) left no constant behind.
  return ok && seen.size === paramCount;
}

/** Whether every parameter appears in `exprs`, read only row by row (for plans without a Plan tree: INSERT rows). */
export function exprsRebindable(exprs: readonly Expression[], paramCount: number): boolean {
  const seen = new Set<number>();
  return exprs.every((e) => paramsReadOnlyByRows(e, seen)) && seen.size === paramCount;
}

function isParam(e: Expression): e is Constant {
  return e instanceof Constant && e.paramIndex !== undefined;
}

export function hasParam(e: Expression): boolean {
  let found = false;
  e.visit((x) => {
    if (isParam(x)) found = true;
  });
  return found;
}

/** Whether the parameters in `e` are read only row by row (a bare parameter, or an argument of PARAM_READERS). */
function paramsReadOnlyByRows(e: Expression, seen: Set<number>): boolean {
  if (isParam(e)) {
    seen.add(e.paramIndex!);
    return true;
  }
  if (!(e instanceof ScalarFunction)) return true;
  const allowed = PARAM_READERS.get(e.name) ?? 0;
  for (let i = 0; i < e.args.length; i++) {
    const a = e.args[i]!;
    if (isParam(a)) {
      if (i >= allowed) return false;
      seen.add(a.paramIndex!);
    } else if (!paramsReadOnlyByRows(a, seen)) return false;
  }
  return true;
}

/** `e` with each parameter constant holding this execution's value (unchanged subtrees are shared). */
export function bind(e: Expression, params: readonly Value[]): Expression {
  if (isParam(e)) return new Constant(params[e.paramIndex!]!, e.type, e.paramIndex);
  if (!(e instanceof ScalarFunction)) return e;
  let changed = false;
  const args = e.args.map((a) => {
    const b = bind(a, params);
    if (b !== a) changed = true;
    return b;
  });
  return changed ? new ScalarFunction(e.name, args, e.type, e.impl) : e;
}

/**
 * The cached plan for these parameters, as views of its nodes; the cached nodes are never changed.
 * Undefined when the new values leave an index join without its inner table (an empty range): the caller
 * plans afresh.
 */
export function rebind(p: Plan, params: readonly Value[]): Plan | undefined {
  // A view of the cached node: what this execution changes is its own, the rest is read through the
  // prototype (copying every field of a node measured at over a microsecond).
  const c = Object.create(p) as Plan;
  const kids: Plan[] = [];
  for (const k of p.children) {
    const r = rebind(k, params);
    if (!r) return undefined;
    kids.push(r);
  }
  c.children = kids;
  const all = (es: readonly Expression[]) => es.map((e) => bind(e, params));
  if (c instanceof DataSource) {
    c.conditions = all(c.conditions);
    // The chosen path with ranges for these values (TiDB's plan cache); when they give no rows or a
    // point read instead, the access path is chosen again.
    return rebindPointGet(c, p as DataSource, params) ?? rebuildAccessRanges(c) ?? chooseAccessPaths(c);
  }
  if (c instanceof Selection) c.conditions = all(c.conditions);
  else if (c instanceof Projection) c.exprs = all(c.exprs);
  else if (c instanceof Join) {
    if (c.algorithm === 'index' && !(kids[1 - c.indexJoin!.outer] instanceof DataSource)) return undefined;
    c.otherConds = all(c.otherConds);
    c.leftConds = all(c.leftConds);
    c.rightConds = all(c.rightConds);
    c.eqSources = all(c.eqSources);
  }
  return c;
}

/**
 * A point read by a parameter's handle (`WHERE id = ?`) for a new value that is plainly a handle of the
 * column — a safe integer within its type's range — as the same point read; other values (strings,
 * fractions, NULL, out of range) choose the path again, with their conversions and warnings.
 */
function rebindPointGet(c: DataSource, cached: DataSource, params: readonly Value[]): DataSource | undefined {
  const col = c.handleColumn;
  if (cached.access.kind !== 'pointGet' || !col || !isIntegerType(col.type.tp)) return undefined;
  // The one condition the point read consumed: the handle column equal to a parameter.
  const conds = cached.conditions;
  if (conds.length !== cached.residual.length + 1) return undefined;
  let at = 0;
  while (at < cached.residual.length && cached.residual[at] === conds[at]) at++;
  const eq = conds[at]!;
  if (!(eq instanceof ScalarFunction) || eq.name !== 'eq' || eq.args.length !== 2) return undefined;
  const [x, y] = eq.args as [Expression, Expression];
  const param =
    isParam(x) && y instanceof Column && y.uid === col.uid
      ? x
      : isParam(y) && x instanceof Column && x.uid === col.uid
        ? y
        : undefined;
  if (!param) return undefined;
  const v = params[param.paramIndex!];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return undefined;
  const [lo, hi] = intRange(col.type.tp, isUnsigned(col.type));
  if (v < Number(lo) || v > Number(hi)) return undefined;
  c.access = { kind: 'pointGet', handle: new Constant(v, col.type) };
  c.residual = c.conditions.filter((_, i) => i !== at);
  return c;
}
