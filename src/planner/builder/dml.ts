// The read side of UPDATE and DELETE: a plan producing every column (and the handle) of the
// target tables, and where each target's columns sit in its rows.
import type { DBInfo, TableInfo } from '../../catalog/model.js';
import { ER, sqlError } from '../../errors/index.js';
import { Constant, type Expression } from '../../expression/expression.js';
import type { ExprNode, Hint, Limit as LimitNode, OrderItem, TableName, TableRef } from '../../parser/ast.js';
import { withBlockIndexHints } from '../index-hints.js';
import { optimize } from '../optimize.js';
import { DataSource, Limit, type Plan, Projection, Selection, Sort, walkPlan } from '../plans.js';
import { ExprRewriter, type RewriteHooks } from '../rewriter.js';
import { Scope } from '../scope.js';
import type { PlanEnv } from './env.js';
import { buildFrom } from './from.js';
import { type BlockState, buildQuery } from './select.js';
import { buildSubquery } from './subquery.js';
import { type CompiledCheck, enforcedChecksOf } from '../check-constraints.js';
import { type GeneratedColumn, generatedColumnsOf } from '../generated.js';

export interface DmlTarget {
  db: DBInfo;
  table: TableInfo;
  alias: string;
  /** For each table column offset: its index in the plan's rows, or -1 when not read. */
  columnIndexes: number[];
  /** Index of the handle column (int PK or _tidb_rowid) in the rows, or -1 (common handle: derived from the row). */
  handleIndex: number;
  /** Physical table ids the rows come from are resolved per row from the partition expression. */
  /** `t PARTITION (...)`: rows may only be written to these partitions. */
  explicitPartitions?: number[];
  /** Generated columns an UPDATE recomputes on every changed row, in column order. */
  generated: readonly GeneratedColumn[];
  /** ENFORCED check constraints, verified on every written row. */
  checks: readonly CompiledCheck[];
}

export interface DmlSource {
  plan: Plan;
  targets: DmlTarget[];
  scope: Scope;
  block: BlockState;
  hooks: RewriteHooks;
}

export function buildDmlSource(
  env: PlanEnv,
  from: TableRef,
  where: ExprNode | undefined,
  orderBy: OrderItem[] | undefined,
  limit: LimitNode | undefined,
  targetNames: TableName[] | undefined,
  hints: readonly Hint[] = [],
): DmlSource {
  const f = withBlockIndexHints(env, hints, () => buildFrom(env, from, undefined, buildQuery));
  const block: BlockState = { plan: f.plan, scope: new Scope(f.entries) };
  const hooks: RewriteHooks = { subquery: (node, rw) => buildSubquery(env, node, rw, block, buildQuery) };
  if (where) {
    const rw = new ExprRewriter(block.scope, env.bctx, 'where clause', hooks);
    // Rewrite first: a subquery in the condition wraps block.plan in its join.
    const cond = rw.rewrite(where);
    block.plan = new Selection(block.plan, [cond]);
  }
  if (orderBy) {
    const rw = new ExprRewriter(block.scope, env.bctx, 'order clause', hooks);
    block.plan = new Sort(
      block.plan,
      orderBy.map((o) => ({ expr: rw.rewrite(o.expr), desc: o.desc })),
    );
  }
  if (limit) {
    const count = limitNumber(env, limit.count);
    block.plan = new Limit(block.plan, limit.offset ? limitNumber(env, limit.offset) : 0, count);
  }
  const sources: DataSource[] = [];
  walkPlan(block.plan, (p) => {
    if (p instanceof DataSource) sources.push(p);
  });
  const wanted = targetNames ?? (from.kind === 'table' ? [from] : undefined);
  if (!wanted) throw sqlError(ER.NOT_SUPPORTED_YET, 'DML target');
  const targets: DmlTarget[] = [];
  const schema = block.plan.schema;
  for (const t of wanted) {
    const alias = (t.alias ?? t.name).toLowerCase();
    const ds = sources.find(
      (s) => s.alias.toLowerCase() === alias && (t.db === undefined || s.db.name.toLowerCase() === t.db.toLowerCase()),
    );
    if (!ds) throw sqlError(ER.UNKNOWN_TABLE, t.name, 'MULTI DELETE');
    if (ds.table.view) throw sqlError(ER.NON_UPDATABLE_TABLE, ds.table.name, 'UPDATE');
    const columnIndexes = ds.table.columns.map((c) => {
      const i = ds.columnOffsets.indexOf(c.offset);
      return i < 0 ? -1 : schema.findIndex((x) => x.uid === ds.schema[i]!.uid);
    });
    const handleIndex = ds.handleColumn ? schema.findIndex((x) => x.uid === ds.handleColumn!.uid) : -1;
    targets.push({
      db: ds.db,
      table: ds.table,
      alias: ds.alias,
      columnIndexes,
      handleIndex,
      explicitPartitions: ds.explicitPartitions,
      generated: generatedColumnsOf(ds.table, env.bctx),
      checks: enforcedChecksOf(ds.table, env.bctx),
    });
  }
  return { plan: block.plan, targets, scope: block.scope, block, hooks };
}

/** Optimizes the source plan, keeping its column order (join reorder may change it below). */
export function finishDmlPlan(src: DmlSource): Plan {
  const schema = src.block.plan.schema;
  const p = optimize(src.block.plan);
  if (p.schema.length === schema.length && p.schema.every((c, i) => c.uid === schema[i]!.uid)) return p;
  // A subquery's match column consumed by a semi join is gone; DML targets never read it.
  const have = new Set(p.schema.map((c) => c.uid));
  const exprs = schema.map((c) => (have.has(c.uid) ? c : new Constant(null, c.type)));
  const proj = new Projection(p, exprs, schema);
  proj.estRows = p.estRows;
  return proj;
}

/** Rewrites an assignment value or condition in the DML's scope (subqueries wrap the plan). */
export function rewriteInDml(env: PlanEnv, src: DmlSource, node: ExprNode, clause: string): Expression {
  return new ExprRewriter(src.block.scope, env.bctx, clause, src.hooks).rewrite(node);
}

function limitNumber(env: PlanEnv, n: ExprNode): number {
  if (n.kind === 'literal' && n.type === 'int') return Number(n.text);
  if (n.kind === 'param') return Number(env.bctx.evalCtx.params[n.index]);
  throw sqlError(ER.WRONG_ARGUMENTS, 'LIMIT');
}
