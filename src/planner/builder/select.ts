// Query blocks: SELECT (FROM, WHERE, GROUP BY, HAVING, window, select list, DISTINCT, ORDER BY,
// LIMIT), set operations and WITH.
import { ER, sqlError } from '../../errors/index.js';
import { newAggFuncDesc } from '../../expression/aggregation/desc.js';
import { Column, Constant, type Expression } from '../../expression/expression.js';
import type {
  ExprNode,
  FuncCall,
  Limit as LimitNode,
  OrderItem,
  QueryNode,
  SelectStmt,
  WindowSpec,
} from '../../parser/ast.js';
import { type FieldType, Flag, newFieldType, TypeCode } from '../../types/field-type.js';
import { Aggregation, Dual, Limit, type Plan, Projection, Selection, Sort, type SortItem } from '../plans.js';
import { ExprRewriter, isAggregateCall, type RewriteHooks } from '../rewriter.js';
import { Scope, type ScopeEntry } from '../scope.js';
import type { PlanEnv } from './env.js';
import { buildFrom } from './from.js';
import { GroupCheck } from './group-check.js';
import { withBlockIndexHints } from '../index-hints.js';
import { groupingCall, newExpand, rollupSource } from './rollup.js';
import { buildSetOp, withCtes } from './setop.js';
import { buildSubquery } from './subquery.js';
import { applyWindows, buildWindowFunction, readsWindowResult, type WindowState } from './window.js';

export interface OutputName {
  name: string;
  table: string;
  orgTable: string;
  db: string;
  orgName: string;
}

export interface BuiltQuery {
  plan: Plan;
  names: OutputName[];
}

export function buildQuery(env: PlanEnv, q: QueryNode, outer: Scope | undefined): BuiltQuery {
  if (q.kind === 'setop') return withCtes(env, q.with, () => buildSetOp(env, q, outer, buildQuery), buildQuery);
  if (q.kind === 'valuesQuery') return buildValues(env, q.rows);
  return withCtes(env, q.with, () => buildSelect(env, q, outer), buildQuery);
}

/** The mutable state of one query block while it is built: the plan so far and its scope. */
export interface BlockState {
  plan: Plan;
  scope: Scope;
  /** ONLY_FULL_GROUP_BY's functional-dependency check of an aggregated block. */
  groupCheck?: GroupCheck;
}

interface Field {
  expr: Expression;
  name: OutputName;
  node?: ExprNode;
}

function buildSelect(env: PlanEnv, stmt: SelectStmt, outer: Scope | undefined): BuiltQuery {
  const hintsBefore = env.hints;
  if (stmt.hints.length) env.hints = [...env.hints, ...stmt.hints];
  try {
    return withBlockIndexHints(env, stmt.hints, () => buildSelectBlock(env, stmt, outer));
  } finally {
    env.hints = hintsBefore;
  }
}

function buildSelectBlock(env: PlanEnv, stmt: SelectStmt, outer: Scope | undefined): BuiltQuery {
  const from = stmt.from
    ? buildFrom(env, stmt.from, outer, buildQuery)
    : { plan: oneRowDual(), entries: [] as ScopeEntry[] };
  const block: BlockState = { plan: from.plan, scope: new Scope(from.entries, outer) };
  const subqueryHook: RewriteHooks['subquery'] = (node, rw) => buildSubquery(env, node, rw, block, buildQuery);

  if (stmt.where) {
    const rw = new ExprRewriter(block.scope, env.bctx, 'where clause', { subquery: subqueryHook });
    const cond = rw.rewrite(stmt.where);
    block.plan = selection(block.plan, cond);
  }

  const aggCalls = collectAggregates(stmt);
  const hasAgg = aggCalls.length > 0 || stmt.groupBy !== undefined;
  if (hasAgg && env.bctx.sqlMode.has('ONLY_FULL_GROUP_BY')) checkOrderByOnlyAggregates(stmt);
  let postScope = block.scope;
  const aggHooks: RewriteHooks = { subquery: subqueryHook };
  if (hasAgg) {
    postScope = buildAggregation(env, stmt, block, aggCalls, aggHooks);
    block.scope = postScope;
  }
  const windows: WindowState = { pending: [] };
  aggHooks.window = (f: FuncCall) => buildWindowFunction(env, f, stmt, block, windows, aggHooks);

  const fields = buildFields(env, stmt, block, aggHooks);
  fields.forEach((f, i) => {
    block.groupCheck?.check(f.expr, 'SELECT list', i + 1);
  });

  if (stmt.having) {
    const alias = aliasHook(fields, aggHooks.pre, block.scope);
    const rw = new ExprRewriter(block.scope, env.bctx, 'having clause', {
      ...aggHooks,
      window: undefined,
      pre: (node) => {
        const e = alias?.(node);
        if (e && node.kind === 'column' && readsWindowResult(windows, e))
          throw sqlError(ER.WINDOW_INVALID_WINDOW_FUNC_ALIAS_USE, node.column);
        return e;
      },
    });
    const cond = rw.rewrite(stmt.having);
    block.groupCheck?.check(cond, 'HAVING clause', 1);
    block.plan = selection(block.plan, cond);
  }

  let names = fields.map((f) => f.name);
  let plan: Plan;
  if (stmt.distinct) {
    applyWindows(env, stmt, block, windows);
    plan = project(block.plan, fields);
    plan = distinct(plan);
    if (stmt.orderBy)
      plan = new Sort(plan, orderOnOutput(env, stmt.orderBy, fields, plan.schema, block.scope, aggHooks));
  } else {
    // ORDER BY may add window functions of its own: the windows go on the plan after it is rewritten.
    const items = stmt.orderBy ? orderItems(env, stmt.orderBy, fields, block, aggHooks) : undefined;
    applyWindows(env, stmt, block, windows);
    if (items) block.plan = new Sort(block.plan, items);
    plan = project(block.plan, fields);
  }
  if (stmt.limit) plan = limit(env, plan, stmt.limit);
  names = names.map((n) => ({ ...n }));
  return { plan, names };
}

function oneRowDual(): Dual {
  const d = new Dual([[]], []);
  d.estRows = 1;
  return d;
}

function selection(p: Plan, cond: Expression): Plan {
  const s = new Selection(p, [cond]);
  s.estRows = Math.max(1, p.estRows * 0.8);
  return s;
}

function project(p: Plan, fields: Field[]): Projection {
  const schema = fields.map((f) =>
    f.expr instanceof Column ? f.expr.renamed(columnNames(f)) : new Column(f.expr.type, columnNames(f)),
  );
  const proj = new Projection(
    p,
    fields.map((f) => f.expr),
    schema,
  );
  proj.estRows = p.estRows;
  return proj;
}

function columnNames(f: Field): Column['names'] {
  return {
    db: f.name.db,
    table: f.name.table,
    orgTable: f.name.orgTable,
    column: f.name.name,
    orgColumn: f.name.orgName,
  };
}

/** DISTINCT: groups by every column; the output keeps the input's column identities for ORDER BY. */
function distinct(p: Plan): Plan {
  const agg = new Aggregation(p, [...p.schema]);
  agg.firstRows = [...p.schema];
  agg.schema = p.schema;
  agg.estRows = p.estRows;
  return agg;
}

function limit(env: PlanEnv, p: Plan, node: LimitNode): Plan {
  const count = limitValue(env, node.count);
  const offset = node.offset ? limitValue(env, node.offset) : 0;
  const l = new Limit(p, offset, count);
  l.estRows = Math.min(p.estRows, count);
  return l;
}

function limitValue(env: PlanEnv, node: ExprNode): number {
  let v: unknown;
  if (node.kind === 'literal' && node.type === 'int') v = Number(node.text);
  else if (node.kind === 'param') v = env.bctx.evalCtx.params[node.index];
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) v = Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw sqlError(ER.WRONG_ARGUMENTS, 'LIMIT');
  return v;
}

/**
 * ONLY_FULL_GROUP_BY: without GROUP BY, aggregates only in ORDER BY do not make the query aggregated
 * (3029), as in MySQL.
 */
function checkOrderByOnlyAggregates(stmt: SelectStmt): void {
  if (stmt.groupBy || !stmt.orderBy) return;
  const inSelect = stmt.fields.some((f) => f.expr && containsAggregate(f.expr));
  if (inSelect || (stmt.having && containsAggregate(stmt.having))) return;
  const i = stmt.orderBy.findIndex((o) => containsAggregate(o.expr));
  if (i >= 0) throw sqlError(ER.AGGREGATE_ORDER_NON_AGG_QUERY, i + 1);
}

/** Aggregate calls of the select list, HAVING and ORDER BY (not inside subqueries). */
function collectAggregates(stmt: SelectStmt): FuncCall[] {
  const out: FuncCall[] = [];
  const visit = (n: ExprNode | undefined): void => {
    if (!n) return;
    if (isAggregateCall(n)) {
      out.push(n);
      return;
    }
    forEachChild(n, visit);
  };
  for (const f of stmt.fields) visit(f.expr);
  for (const w of stmt.windows ?? []) visitWindowSpec(w.spec, visit);
  visit(stmt.having);
  for (const o of stmt.orderBy ?? []) visit(o.expr);
  return out;
}

function visitWindowSpec(spec: WindowSpec, fn: (c: ExprNode) => void): void {
  spec.partitionBy?.forEach(fn);
  for (const o of spec.orderBy ?? []) fn(o.expr);
}

/** Visits an expression node's direct sub-expressions (not subqueries). */
export function forEachChild(n: ExprNode, fn: (c: ExprNode) => void): void {
  switch (n.kind) {
    case 'unary':
      fn(n.operand);
      break;
    case 'binary':
      fn(n.left);
      fn(n.right);
      break;
    case 'is':
    case 'cast':
    case 'collate':
      fn(n.expr);
      break;
    case 'in':
      fn(n.expr);
      n.list?.forEach(fn);
      break;
    case 'between':
      fn(n.expr);
      fn(n.low);
      fn(n.high);
      break;
    case 'like':
      fn(n.expr);
      fn(n.pattern);
      if (n.escape) fn(n.escape);
      break;
    case 'regexp':
      fn(n.expr);
      fn(n.pattern);
      break;
    case 'func':
      n.args.forEach(fn);
      for (const o of n.orderBy ?? []) fn(o.expr);
      if (n.over) visitWindowSpec(n.over, fn);
      break;
    case 'case':
      if (n.operand) fn(n.operand);
      for (const w of n.whens) {
        fn(w.when);
        fn(w.then);
      }
      if (n.else) fn(n.else);
      break;
    case 'quantified':
      fn(n.left);
      break;
    case 'row':
      n.items.forEach(fn);
      break;
    case 'assign':
      fn(n.value);
      break;
    default:
      break;
  }
}

/**
 * Builds the Aggregation for GROUP BY / aggregates and returns the scope after it, in which every
 * column of the FROM clause is read through the aggregation's first row of the group.
 */
function buildAggregation(
  env: PlanEnv,
  stmt: SelectStmt,
  block: BlockState,
  calls: FuncCall[],
  hooks: RewriteHooks,
): Scope {
  const fromScope = block.scope;
  const rw = new ExprRewriter(fromScope, env.bctx, 'group statement', { subquery: hooks.subquery });
  const groupBy: Expression[] = [];
  for (const item of stmt.groupBy?.items ?? []) groupBy.push(groupByItem(item, stmt, rw));
  const argRw = new ExprRewriter(fromScope, env.bctx, 'field list', { subquery: hooks.subquery });
  // Arguments first: a subquery in an argument wraps block.plan in an Apply the aggregation must read.
  const built = calls.map((call) => {
    // COUNT(*) is COUNT(1), as TiDB shows it.
    const args = call.star
      ? [new Constant(1, newFieldType(TypeCode.LongLong, { flen: 1, decimal: 0, flag: Flag.NotNull }))]
      : call.args.map((a) => argRw.rewrite(a));
    const orderBy = call.orderBy?.map((o) => ({ expr: argRw.rewrite(o.expr), desc: o.desc }));
    const desc = newAggFuncDesc(call.name, args, call.distinct ?? false, env.bctx, {
      separator: call.separator,
      orderBy,
    });
    return { call, desc };
  });
  const expand = stmt.groupBy?.rollup && groupBy.length ? newExpand(block.plan, groupBy) : undefined;
  const agg = new Aggregation(expand ?? block.plan, expand ? [...expand.groupCols, expand.gid] : groupBy);
  const check = env.bctx.sqlMode.has('ONLY_FULL_GROUP_BY')
    ? new GroupCheck(block.plan, groupBy, stmt.groupBy !== undefined)
    : undefined;
  const aggCols = new Map<FuncCall, Column>();
  const descs: { key: string; col: Column }[] = [];
  for (const { call, desc } of built) {
    const key = desc.toString();
    const same = descs.find((d) => d.key === key);
    if (same) {
      aggCols.set(call, same.col);
      continue;
    }
    const col = new Column(desc.type, { column: key });
    agg.aggs.push(desc);
    descs.push({ key, col });
    aggCols.set(call, col);
  }
  const firstRowCols: Column[] = [];
  const entries: ScopeEntry[] = [];
  const byUid = new Map<number, Column>();
  for (const e of fromScope.entries) {
    let col = byUid.get(e.col.uid);
    if (!col) {
      const source = expand ? rollupSource(expand, e.col) : e.col;
      agg.firstRows.push(source);
      col = new Column(firstRowType(source.type, groupBy, e.col), e.col.names);
      check?.addFirstRow(col, e.col);
      firstRowCols.push(col);
      byUid.set(e.col.uid, col);
    }
    entries.push({ ...e, col });
  }
  const groupCols: { expr: Expression; col: Column }[] = [];
  for (const [i, g] of groupBy.entries()) {
    if (g instanceof Column || g instanceof Constant) continue;
    const source = expand ? expand.groupCols[i]! : g;
    agg.firstRows.push(source);
    const col = new Column(source.type, {});
    firstRowCols.push(col);
    groupCols.push({ expr: g, col });
  }
  let gid: Column | undefined;
  if (expand) {
    agg.firstRows.push(expand.gid);
    gid = new Column(expand.gid.type, {});
    firstRowCols.push(gid);
  }
  agg.schema = [...descs.map((d) => d.col), ...firstRowCols];
  agg.estRows = groupBy.length ? Math.max(1, block.plan.estRows / 10) : 1;
  block.plan = agg;
  block.groupCheck = check;
  const post = new Scope(entries, fromScope.outer);
  hooks.aggregate = (f) => {
    const c = aggCols.get(f);
    if (!c) throw sqlError(ER.INVALID_GROUP_FUNC_USE);
    return c;
  };
  if (groupCols.length) {
    hooks.pre = (node) => {
      if (node.kind === 'literal' || node.kind === 'column' || containsAggregate(node)) return undefined;
      let e: Expression;
      try {
        e = rw.rewrite(node);
      } catch {
        return undefined;
      }
      return groupCols.find((g) => g.expr.equals(e))?.col;
    };
  }
  if (expand && gid) {
    const matchGroup = hooks.pre;
    const gidCol = gid;
    hooks.pre = (node) => {
      if (node.kind === 'func' && node.name.toLowerCase() === 'grouping' && !node.over) {
        return groupingCall(node, rw, expand, gidCol);
      }
      return matchGroup?.(node);
    };
  }
  return post;
}

function firstRowType(t: FieldType, groupBy: Expression[], col: Column): FieldType {
  // A column that is not a group key may come from an empty group (no rows): nullable.
  if (groupBy.some((g) => g.equals(col))) return t;
  return (t.flag & Flag.NotNull) !== 0 ? { ...t, flag: t.flag & ~Flag.NotNull } : t;
}

function containsAggregate(node: ExprNode): boolean {
  if (isAggregateCall(node)) return true;
  let found = false;
  forEachChild(node, (c) => {
    if (!found && containsAggregate(c)) found = true;
  });
  return found;
}

/** GROUP BY item: a position, a select alias (when no such column), or an expression. */
function groupByItem(item: OrderItem, stmt: SelectStmt, rw: ExprRewriter): Expression {
  const n = item.expr;
  if (n.kind === 'literal' && n.type === 'int') {
    const pos = Number(n.text);
    const field = stmt.fields[pos - 1];
    if (!field?.expr) throw sqlError(ER.BAD_FIELD, n.text, 'group statement');
    if (containsAggregate(field.expr)) throw sqlError(ER.WRONG_GROUP_FIELD, field.text);
    return rw.rewrite(field.expr);
  }
  if (n.kind === 'column' && n.table === undefined) {
    const inFrom = rw.scope.findLocal(n, 'group statement');
    if (!inFrom) {
      const field = stmt.fields.find((f) => f.alias?.toLowerCase() === n.column.toLowerCase());
      if (field?.expr) {
        if (containsAggregate(field.expr)) throw sqlError(ER.WRONG_GROUP_FIELD, field.alias ?? field.text);
        return rw.rewrite(field.expr);
      }
    }
  }
  return rw.rewrite(n);
}

function buildFields(env: PlanEnv, stmt: SelectStmt, block: BlockState, hooks: RewriteHooks): Field[] {
  const fields: Field[] = [];
  const rw = new ExprRewriter(block.scope, env.bctx, 'field list', hooks);
  for (const f of stmt.fields) {
    if (f.star) {
      const matched = block.scope.entries.filter(
        (e) =>
          !e.hidden &&
          !e.redundant &&
          (f.star!.table === undefined || e.table.toLowerCase() === f.star!.table.toLowerCase()) &&
          (f.star!.db === undefined || e.db.toLowerCase() === f.star!.db.toLowerCase()),
      );
      if (f.star.table !== undefined && matched.length === 0) throw sqlError(ER.BAD_TABLE, f.star.table);
      if (!stmt.from && f.star.table === undefined) throw sqlError(ER.NO_TABLES_USED);
      for (const e of matched) {
        fields.push({
          expr: e.col,
          name: {
            name: e.name,
            table: e.table,
            orgTable: e.col.names.orgTable ?? e.table,
            db: e.db,
            orgName: e.col.names.orgColumn ?? e.name,
          },
        });
      }
      continue;
    }
    const expr = rw.rewrite(f.expr!);
    const node = f.expr!;
    let name: OutputName;
    if (node.kind === 'column' && expr instanceof Column) {
      const n = expr.names;
      name = {
        // As written in the query, as MySQL and TiDB name it (orgName keeps the column's own spelling).
        name: f.alias ?? node.column,
        table: n.table ?? '',
        orgTable: n.orgTable ?? '',
        db: n.db ?? '',
        orgName: n.orgColumn ?? n.column ?? '',
      };
    } else {
      // A string literal is named by its value, as MySQL and TiDB do (`SELECT 'p0'` → column p0).
      const text = node.kind === 'literal' && node.type === 'string' && !node.charset ? node.text : f.text;
      name = { name: f.alias ?? text, table: '', orgTable: '', db: '', orgName: f.alias ?? text };
    }
    fields.push({ expr, name, node });
  }
  return fields;
}

/** HAVING/ORDER BY: an unqualified name that is a select alias means that field. */
function aliasHook(fields: Field[], inner: RewriteHooks['pre'], scope: Scope): RewriteHooks['pre'] {
  return (node) => {
    if (node.kind === 'column' && node.table === undefined) {
      const lower = node.column.toLowerCase();
      const matches = fields.filter(
        (f) => f.name.name.toLowerCase() === lower && f.node && !(f.node.kind === 'column'),
      );
      if (matches.length >= 1 && !scope.findLocal(node, 'having clause')) return matches[0]!.expr;
      if (matches.length >= 1) return matches[0]!.expr;
    }
    return inner?.(node);
  };
}

function orderItems(
  env: PlanEnv,
  items: OrderItem[],
  fields: Field[],
  block: BlockState,
  hooks: RewriteHooks,
): SortItem[] {
  const rw = new ExprRewriter(block.scope, env.bctx, 'order clause', hooks);
  return items.map((item, i) => {
    const expr = orderExpr(item.expr, fields, rw);
    block.groupCheck?.check(expr, 'ORDER BY clause', i + 1);
    return { expr, desc: item.desc };
  });
}

function orderExpr(n: ExprNode, fields: Field[], rw: ExprRewriter): Expression {
  if (n.kind === 'literal' && n.type === 'int') {
    const f = fields[Number(n.text) - 1];
    if (!f) throw sqlError(ER.BAD_FIELD, n.text, 'order clause');
    return f.expr;
  }
  if (n.kind === 'column' && n.table === undefined) {
    const lower = n.column.toLowerCase();
    const matches = fields.filter((f) => f.name.name.toLowerCase() === lower);
    if (matches.length > 1 && !matches.every((m) => m.expr.equals(matches[0]!.expr))) {
      throw sqlError(ER.NON_UNIQ, n.column, 'order clause');
    }
    if (matches.length >= 1) return matches[0]!.expr;
  }
  return rw.rewrite(n);
}

/** ORDER BY over DISTINCT output: each item must be one of the select list's columns. */
function orderOnOutput(
  env: PlanEnv,
  items: OrderItem[],
  fields: Field[],
  schema: Column[],
  scope: Scope,
  hooks: RewriteHooks,
): SortItem[] {
  const rw = new ExprRewriter(scope, env.bctx, 'order clause', { ...hooks, subquery: undefined });
  return items.map((item) => {
    const e = orderExpr(item.expr, fields, rw);
    const i = fields.findIndex((f) => f.expr.equals(e));
    if (i < 0) throw sqlError(ER.FIELD_IN_ORDER_NOT_SELECT, items.indexOf(item) + 1, exprLabel(item.expr), 'DISTINCT');
    return { expr: schema[i]!, desc: item.desc };
  });
}

function buildValues(env: PlanEnv, rows: ExprNode[][]): BuiltQuery {
  const rw = new ExprRewriter(new Scope([]), env.bctx, 'field list', {});
  const exprRows = rows.map((r) => r.map((e) => rw.rewrite(e)));
  const width = exprRows[0]?.length ?? 0;
  const names = Array.from({ length: width }, (_, i) => `column_${i}`);
  const schema = names.map((n, i) => new Column(exprRows[0]![i]!.type, { column: n }));
  const d = new Dual(exprRows, schema);
  d.estRows = rows.length;
  return { plan: d, names: names.map((n) => ({ name: n, table: '', orgTable: '', db: '', orgName: n })) };
}

function exprLabel(n: ExprNode): string {
  return n.kind === 'column' ? [n.table, n.column].filter(Boolean).join('.') : '';
}
