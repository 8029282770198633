// Plan nodes. The builder produces a logical tree; optimizer rules rewrite it; physical selection
// annotates data sources with an access path and joins with an algorithm. The executor builder and
// EXPLAIN read the final tree. Plans are immutable once optimization is done and are shared by the
// statement's workers.
import type { DBInfo, IndexInfo, TableInfo } from '../catalog/model.js';
import type { AggFuncDesc } from '../expression/aggregation/desc.js';
import type { Column, CorrelatedSlot, Expression } from '../expression/expression.js';
import type { WindowFuncDesc } from '../expression/window/desc.js';
import type { BoundType } from '../expression/window/frame.js';
import type { StatsView } from '../statistics/table-stats.js';
import type { PathHints } from './index-hints.js';
import type { Range } from './ranger.js';

// Plan and CTE ids restart with each statement (as TiDB's do) so EXPLAIN output is deterministic.
// Planning a statement is synchronous, so statements of different sessions never interleave here.
let nextPlanId = 1;
let nextCteId = 1;

/** Restarts plan and CTE numbering: called when a statement starts planning. */
export function restartPlanIds(): void {
  nextPlanId = 1;
  nextCteId = 1;
}

/** An id for an EXPLAIN row that has no plan node of its own (a reader's cop task). */
export function allocPlanId(): number {
  return nextPlanId++;
}

export function allocCteId(): number {
  return nextCteId++;
}

export abstract class Plan {
  // Declared, then assigned in the constructor: see Executor (a base class's fields defined for many
  // subclasses are slow in V8).
  /** EXPLAIN suffix (`TableReader_7`). */
  declare id: number;
  declare children: Plan[];
  declare schema: Column[];
  /** Estimated output rows. */
  declare estRows: number;
  abstract readonly tp: string;
  constructor() {
    this.id = nextPlanId++;
    this.children = [];
    this.schema = [];
    this.estRows = 0;
  }
}

export interface SortItem {
  expr: Expression;
  desc: boolean;
}

/** How a data source is read, chosen by access-path selection. */
export type AccessPath =
  | { kind: 'tableScan'; ranges: Range[] | null; keepOrder: boolean; desc: boolean }
  | { kind: 'pointGet'; handle: Expression }
  | { kind: 'batchPointGet'; handles: Expression[] }
  | { kind: 'uniquePointGet'; index: IndexInfo; values: Expression[] }
  | { kind: 'indexScan'; index: IndexInfo; ranges: Range[]; keepOrder: boolean; desc: boolean; covering: boolean };

/** A base table (or one partition set of it) as read by a query. */
export class DataSource extends Plan {
  readonly tp = 'DataSource';
  /** Conditions that only reference this table (pushed down by predicate push-down). */
  conditions: Expression[] = [];
  access: AccessPath = { kind: 'tableScan', ranges: null, keepOrder: false, desc: false };
  /** Conditions not consumed by the access path, evaluated by the reader. */
  residual: Expression[] = [];
  /**
   * Runtime filters this reader applies (rules/runtime-filter.ts): the hash join (by plan id) whose build
   * keys the column's values must be among, once that join has built a small enough table; `lookup` names
   * an index whose first column is that column (null: the integer handle), the column's table offset and
   * its estimated rows per key, through which a reader may read those keys' rows instead of scanning when
   * the keys are few.
   */
  runtimeFilters: {
    join: number;
    column: Column;
    lookup: { index: IndexInfo | null; offset: number; rowsPerKey: number } | undefined;
  }[] = [];
  /** Partition ids to read (all when the table is partitioned and nothing was pruned). */
  partitionIds: number[] | null = null;
  /** The open transaction has written this table: TiDB merges its buffer with a UnionScan (EXPLAIN shows it). */
  unionScan = false;
  /** The table's statistics when it was analyzed (else estimates are pseudo), and the share of it read. */
  stats: StatsView | undefined = undefined;
  statsFraction = 1;
  /** Rows the access path reads before the residual conditions (EXPLAIN's scan rows). */
  accessRows = 0;
  /** Expression indexes: each hidden column's expression over this source's columns, and the column. */
  indexExpressions: [Expression, Column][] = [];
  /** Index hints restricting the access paths (undefined: every path is available). */
  pathHints: PathHints | undefined = undefined;
  /** The statement's prune mode (shared by its data sources; see PlanEnv.prune). */
  prune: { mode: 'static' | 'dynamic' } = { mode: 'dynamic' };
  get pruneMode(): 'static' | 'dynamic' {
    return this.prune.mode;
  }
  constructor(
    readonly db: DBInfo,
    readonly table: TableInfo,
    readonly alias: string,
    /** Offsets in table.columns of the schema's columns; -1 for the hidden row id. */
    public columnOffsets: number[],
    /** The column holding the row handle (the int PK or the hidden _tidb_rowid), if in the schema. */
    readonly handleColumn: Column | undefined,
    /** Explicit `PARTITION (...)` selection, as partition ids. */
    readonly explicitPartitions: number[] | undefined,
  ) {
    super();
  }
}

export class Selection extends Plan {
  readonly tp = 'Selection';
  constructor(
    child: Plan,
    public conditions: Expression[],
  ) {
    super();
    this.children = [child];
    this.schema = child.schema;
  }
}

export class Projection extends Plan {
  readonly tp = 'Projection';
  constructor(
    child: Plan,
    public exprs: Expression[],
    schema: Column[],
  ) {
    super();
    this.children = [child];
    this.schema = schema;
  }
}

export class Aggregation extends Plan {
  readonly tp = 'Aggregation';
  /** Output: one column per aggregate, then one per `firstRow` expression (group keys and plain columns). */
  aggs: AggFuncDesc[] = [];
  firstRows: Expression[] = [];
  /**
   * `partial`: the first step of a split aggregation (run on a reader's rows, or merging them per
   * partition): its aggregates produce partial states and its last `groupBy.length` first rows are
   * the group keys, passed on for the final step to group by. `final`: merges partial states.
   */
  mode: 'complete' | 'partial' | 'final' = 'complete';
  /**
   * A final step over one reader's partial step: the aggregation before it was split, over the reader's
   * columns. In one process the two steps cost twice the grouping work of one: execution runs this.
   */
  unsplit: { groupBy: Expression[]; aggs: AggFuncDesc[]; firstRows: Expression[] } | undefined = undefined;
  constructor(
    child: Plan,
    public groupBy: Expression[],
  ) {
    super();
    this.children = [child];
  }
}

/**
 * GROUP BY ... WITH ROLLUP (TiDB's Expand): each input row once per grouping set, from all group
 * items down to none. Output: the child's columns, then one nullable copy per group item (NULL
 * where the item is rolled up) and `gid`, the bit mask of rolled-up items (bit i: item i).
 */
export class Expand extends Plan {
  readonly tp = 'Expand';
  constructor(
    child: Plan,
    public groupExprs: Expression[],
    public groupCols: Column[],
    public gid: Column,
  ) {
    super();
    this.children = [child];
    this.schema = [...child.schema, ...groupCols, gid];
  }
}

export type JoinType = 'inner' | 'left' | 'right' | 'semi' | 'antiSemi' | 'leftOuterSemi' | 'antiLeftOuterSemi';

/**
 * An index join: for each batch of outer rows, the inner side (a DataSource child) is read through an
 * index whose leading columns are join keys, or through the row handle.
 */
export interface IndexJoinInfo {
  kind: 'lookup' | 'hash' | 'merge';
  /** Which child is the outer (driving) side. */
  outer: 0 | 1;
  /** null: lookups by handle. */
  index: IndexInfo | null;
  /** Positions in eqConds of the lookup keys, in the order of the index columns (or the handle). */
  lookupKeys: number[];
  /** Dynamic prune mode: each inner batch prunes partitions from its keys. */
  dynamicPrune: boolean;
}

export class Join extends Plan {
  readonly tp = 'Join';
  /** Equality conditions [left expr, right expr] usable as hash keys. */
  eqConds: [Expression, Expression][] = [];
  /** The `eq` conditions the keys came from (join reorder puts them back). */
  eqSources: Expression[] = [];
  /** Conditions on both sides evaluated after matching. */
  otherConds: Expression[] = [];
  /** Outer joins: conditions of ON that only touch the outer/inner side. */
  leftConds: Expression[] = [];
  rightConds: Expression[] = [];
  /** Null-aware anti join (NOT IN). */
  nullAware = false;
  algorithm: 'hash' | 'nestedLoop' | 'index' | 'merge' = 'hash';
  /** A hash join builds its left child (RIGHT JOIN, or an inner join whose left side is estimated smaller). */
  buildLeft = false;
  /** Set with algorithm 'index' (rules/index-join.ts). */
  indexJoin: IndexJoinInfo | null = null;
  /** A hash join whose probe side has readers its first key filters at run time (rules/runtime-filter.ts). */
  runtimeFilter = false;
  constructor(
    left: Plan,
    right: Plan,
    public joinType: JoinType,
  ) {
    super();
    this.children = [left, right];
  }
}

export class Sort extends Plan {
  readonly tp = 'Sort';
  constructor(
    child: Plan,
    public items: SortItem[],
  ) {
    super();
    this.children = [child];
    this.schema = child.schema;
  }
}

export class Limit extends Plan {
  readonly tp = 'Limit';
  constructor(
    child: Plan,
    public offset: number,
    public count: number,
  ) {
    super();
    this.children = [child];
    this.schema = child.schema;
  }
}

export class TopN extends Plan {
  readonly tp = 'TopN';
  constructor(
    child: Plan,
    public items: SortItem[],
    public offset: number,
    public count: number,
  ) {
    super();
    this.children = [child];
    this.schema = child.schema;
  }
}

/** UNION ALL of its children (distinct forms add an Aggregation on top); INTERSECT/EXCEPT as set ops. */
export class SetOp extends Plan {
  readonly tp = 'SetOp';
  constructor(
    children: Plan[],
    public op: 'unionAll' | 'intersect' | 'except' | 'intersectAll' | 'exceptAll',
    schema: Column[],
  ) {
    super();
    this.children = children;
    this.schema = schema;
  }
}

/** Constant rows: `SELECT 1` (one empty row), `WHERE 0` (none), VALUES. */
export class Dual extends Plan {
  readonly tp = 'Dual';
  constructor(
    public rows: Expression[][],
    schema: Column[],
  ) {
    super();
    this.schema = schema;
  }
}

export type SubqueryKind = 'scalar' | 'exists' | 'in' | 'any' | 'all';

/** A correlated outer column: the apply sets `slot.value` from `column` for each outer row. */
export interface CorrelationBinding {
  column: Column;
  slot: CorrelatedSlot;
}

/**
 * Evaluates a subquery for each outer row (or once when uncorrelated) and appends its value as a column.
 * For `in`/`any`/`all`, `cond` compares the outer row with one inner row (evaluated on outer ++ inner):
 * IN/ANY is true when some inner row makes it true, ALL when none makes it false; NULLs as in MySQL.
 */
export class Apply extends Plan {
  readonly tp = 'Apply';
  constructor(
    outer: Plan,
    inner: Plan,
    public kind: SubqueryKind,
    public output: Column,
    /** Outer columns the inner plan reads, shared by every subquery of the block. */
    public bindings: CorrelationBinding[],
    public correlated: boolean,
    public cond: Expression | undefined,
  ) {
    super();
    this.children = [outer, inner];
    this.schema = [...outer.schema, output];
  }
}

/** A resolved frame bound: ROWS offsets as counts, RANGE offsets as the moved ORDER BY key. */
export interface WindowFrameBound {
  type: BoundType;
  /** ROWS `n PRECEDING/FOLLOWING`. */
  rows?: number;
  /** RANGE `n PRECEDING/FOLLOWING`: the current row's ORDER BY key moved by the offset (evaluated per row). */
  target?: Expression;
  /** The offset as written, for EXPLAIN (`1`, `interval 1 day`). */
  text?: string;
}

export interface WindowFrame {
  unit: 'rows' | 'range';
  start: WindowFrameBound;
  end: WindowFrameBound;
}

/**
 * Window functions sharing one window: the input arrives sorted by the partition keys then the
 * ORDER BY keys (a Sort below provides it); each function's result is appended as a column.
 */
export class Window extends Plan {
  readonly tp = 'Window';
  constructor(
    child: Plan,
    public funcs: WindowFuncDesc[],
    public partitionBy: Expression[],
    public orderBy: SortItem[],
    /** The frame of the functions that use one (the default frame when none was written). */
    public frame: WindowFrame,
    /** Whether EXPLAIN shows the frame (it was written, or TiDB shows one for ROW_NUMBER). */
    public showFrame: boolean,
    outputs: Column[],
  ) {
    super();
    this.children = [child];
    this.schema = [...child.schema, ...outputs];
  }
}

/** Fails with error 1242 when its child returns more than one row (scalar subqueries). */
export class MaxOneRow extends Plan {
  readonly tp = 'MaxOneRow';
  constructor(child: Plan) {
    super();
    this.children = [child];
    this.schema = child.schema;
  }
}

/** A reference to a materialized CTE (recursive or used several times). */
export class CteScan extends Plan {
  readonly tp = 'CTE';
  constructor(
    public readonly cte: CteDef,
    schema: Column[],
  ) {
    super();
    this.schema = schema;
  }
}

export interface CteDef {
  name: string;
  seed: Plan;
  recursive: Plan | null;
  /** UNION DISTINCT between iterations. */
  distinct: boolean;
  /** The seed's schema columns, which the recursive part's CteScan of itself reads. */
  schema: Column[];
  id: number;
}

export function walkPlan(p: Plan, fn: (p: Plan) => void): void {
  fn(p);
  for (const c of p.children) walkPlan(c, fn);
}
