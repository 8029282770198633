// Builds the executor tree of a physical plan. Called once per execution; subqueries and CTEs get
// a fresh tree per evaluation through the same builder.
import {
  Aggregation,
  Apply,
  CteScan,
  DataSource,
  Dual,
  Expand,
  Join,
  Limit,
  MaxOneRow,
  type Plan,
  Projection,
  Selection,
  SetOp,
  Sort,
  TopN,
  Window,
} from '../planner/plans.js';
import { ApplyExec } from './apply.js';
import { type CteStore, CteScanExec } from './cte.js';
import { DualExec } from './dual.js';
import { ExpandExec } from './expand.js';
import type { ExecContext, Executor } from './executor.js';
import { HashAggExec } from './hash-agg.js';
import { HashJoinExec } from './hash-join.js';
import { IndexReaderExec } from './index-reader.js';
import { IndexLookUpExec } from './index-lookup.js';
import type { IndexJoinOptions } from './index-join/index-join-base.js';
import { IndexHashJoinExec } from './index-join/index-hash-join.js';
import { IndexLookUpJoinExec } from './index-join/index-lookup-join.js';
import { IndexMergeJoinExec } from './index-join/index-merge-join.js';
import { LimitExec } from './limit.js';
import { MaxOneRowExec } from './max-one-row.js';
import { MemTableExec } from './mem-table.js';
import { MergeJoinExec } from './merge-join.js';
import { NestedLoopJoinExec } from './nested-loop-join.js';
import { PointGetExec } from './point-get.js';
import { ProjectionExec } from './projection.js';
import { SelectionExec } from './selection.js';
import { IntersectExceptExec, UnionAllExec } from './set-op.js';
import { SortExec } from './sort.js';
import { StatsExec } from './runtime-stats.js';
import { TableReaderExec } from './table-reader.js';
import { WindowExec } from './window.js';

export interface BuildOptions {
  cteMaxRecursionDepth: number;
  /** Index joins' worker count and largest outer batch (session variables). */
  indexJoin?: IndexJoinOptions;
}

export function buildExecutor(ctx: ExecContext, plan: Plan, opts: BuildOptions): Executor {
  const store: CteStore = { results: new Map(), working: new Map() };
  const stats = ctx.runtimeStats;
  // EXPLAIN ANALYZE measures every operator under its plan node's id.
  const build = (p: Plan): Executor => (stats ? new StatsExec(ctx, buildOne(p), p.id, stats) : buildOne(p));
  const buildOne = (p: Plan): Executor => {
    if (p instanceof DataSource) return buildDataSource(ctx, p);
    if (p instanceof Selection)
      return new SelectionExec(ctx, build(p.children[0]!), p.conditions, p.children[0]!.schema);
    if (p instanceof Projection) return new ProjectionExec(ctx, build(p.children[0]!), p.exprs, p.children[0]!.schema);
    if (p instanceof Aggregation) {
      // A reader's partial step and its final step run as one aggregation (EXPLAIN ANALYZE measures both).
      const partial = p.children[0]!;
      const reader = partial.children[0];
      if (p.unsplit && !stats && partial instanceof Aggregation && reader instanceof DataSource) {
        const u = p.unsplit;
        return new HashAggExec(ctx, build(reader), u.groupBy, u.aggs, u.firstRows, reader.schema);
      }
      return new HashAggExec(ctx, build(partial), p.groupBy, p.aggs, p.firstRows, partial.schema);
    }
    if (p instanceof Join) {
      const [l, r] = p.children as [Plan, Plan];
      if (p.algorithm === 'index' && p.indexJoin) return buildIndexJoin(ctx, p, build, opts.indexJoin);
      const outerConds = p.joinType === 'right' ? p.rightConds : p.leftConds;
      if (p.algorithm === 'merge') {
        const args = [p.joinType, p.eqConds, p.otherConds, outerConds, l.schema, r.schema] as const;
        return new MergeJoinExec(ctx, build(l), build(r), ...args);
      }
      // Equality keys always allow hashing (push-down only records same-type equalities).
      if (p.eqConds.length) {
        return new HashJoinExec(
          ctx,
          build(l),
          build(r),
          p.joinType,
          p.eqConds,
          p.otherConds,
          outerConds,
          l.schema,
          r.schema,
          p.nullAware,
          p.buildLeft,
          p.runtimeFilter ? p.id : undefined,
        );
      }
      return new NestedLoopJoinExec(ctx, build(l), build(r), p.joinType, p.otherConds, outerConds, l.schema, r.schema);
    }
    if (p instanceof Sort) return new SortExec(ctx, build(p.children[0]!), p.items, p.children[0]!.schema);
    if (p instanceof TopN)
      return new SortExec(ctx, build(p.children[0]!), p.items, p.children[0]!.schema, p.offset, p.count);
    if (p instanceof Limit) return new LimitExec(ctx, build(p.children[0]!), p.offset, p.count);
    if (p instanceof Dual) return new DualExec(ctx, p.rows);
    if (p instanceof Expand) return new ExpandExec(ctx, build(p.children[0]!), p.groupExprs, p.children[0]!.schema);
    if (p instanceof MaxOneRow) return new MaxOneRowExec(ctx, build(p.children[0]!));
    if (p instanceof SetOp) {
      const kids = p.children.map(build);
      if (p.op === 'unionAll') return new UnionAllExec(ctx, kids);
      return new IntersectExceptExec(
        ctx,
        kids,
        p.op,
        p.schema.map((c) => c.type),
      );
    }
    if (p instanceof Apply) {
      const [outer, inner] = p.children as [Plan, Plan];
      return new ApplyExec(
        ctx,
        build(outer),
        () => build(inner),
        p.kind,
        p.bindings,
        p.correlated,
        p.cond,
        outer.schema,
        inner.schema,
      );
    }
    if (p instanceof Window) return new WindowExec(ctx, build(p.children[0]!), p, p.children[0]!.schema);
    if (p instanceof CteScan) return new CteScanExec(ctx, p.cte, store, build, opts.cteMaxRecursionDepth);
    throw new Error(`no executor for plan ${p.tp}`);
  };
  return build(plan);
}

function buildDataSource(ctx: ExecContext, ds: DataSource): Executor {
  if (ds.table.id < 0) return new MemTableExec(ctx, ds, ds.schema);
  const a = ds.access;
  switch (a.kind) {
    case 'pointGet':
      return new PointGetExec(ctx, ds, [a.handle], null, [], ds.schema);
    case 'batchPointGet':
      return new PointGetExec(ctx, ds, a.handles, null, [], ds.schema);
    case 'uniquePointGet':
      return new PointGetExec(ctx, ds, null, a.index, a.values, ds.schema);
    case 'indexScan':
      // Rows read FOR UPDATE are locked by their row keys, which only the lookup reads.
      if (a.covering && !ctx.lockRows) return new IndexReaderExec(ctx, ds, a.index, a.ranges, ds.schema);
      return new IndexLookUpExec(ctx, ds, a.index, a.ranges, ds.schema);
    default:
      return new TableReaderExec(ctx, ds, a.ranges, ds.schema);
  }
}

const DEFAULT_INDEX_JOIN: IndexJoinOptions = { concurrency: 5, maxBatchSize: 25000 };

function buildIndexJoin(ctx: ExecContext, p: Join, build: (p: Plan) => Executor, opts?: IndexJoinOptions): Executor {
  const info = p.indexJoin!;
  const outer = build(p.children[info.outer]!);
  const o = opts ?? DEFAULT_INDEX_JOIN;
  if (info.kind === 'hash') return new IndexHashJoinExec(ctx, outer, p, o);
  if (info.kind === 'merge') return new IndexMergeJoinExec(ctx, outer, p, o);
  return new IndexLookUpJoinExec(ctx, outer, p, o);
}
