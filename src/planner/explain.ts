// EXPLAIN in TiDB's format: id | estRows | task | access object | operator info. Data sources are
// shown as TiDB's reader operators (TableReader over a cop[tikv] scan, IndexLookUp, Point_Get).
import { PSEUDO_ROWS, pseudoResidualFactor, tableRows } from './cardinality.js';
import { coveredBy, hasSideEffects } from './expr-util.js';
import type { Expression } from '../expression/expression.js';
import {
  type AccessPath,
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
  type SortItem,
  TopN,
  Window,
  allocPlanId,
  walkPlan,
} from './plans.js';
import { PartitionUnion } from './partition/partition-union.js';
import { frameText } from './builder/window.js';
import { indexJoinNode } from './explain-index-join.js';
import { mergeJoinNode } from './explain-merge-join.js';
import type { Range } from './ranger.js';

export interface ExplainRow {
  id: string;
  estRows: string;
  task: string;
  accessObject: string;
  operatorInfo: string;
  /** EXPLAIN ANALYZE only. */
  actRows?: string;
  executionInfo?: string;
}

/** What EXPLAIN ANALYZE reads of the executors' runtime statistics (by plan node id). */
export interface RuntimeStatsView {
  get(planId: number): { rows: number } | undefined;
  executionInfo(planId: number): string;
}

export interface Node {
  name: string;
  id: number;
  /** The plan node this row measures (EXPLAIN ANALYZE); scans inside a reader show the reader's. */
  planId?: number;
  /** (Build) / (Probe) after the id. */
  label?: string;
  estRows: number;
  task: string;
  access: string;
  info: string;
  children: Node[];
}

export function explainPlan(p: Plan, stats?: RuntimeStatsView): ExplainRow[] {
  const rows: ExplainRow[] = [];
  let top = toNode(p);
  if (unionScanHandleHidden(p)) {
    top = node('Projection', undefined, 'root', '', p.schema.map((c) => c.toString()).join(', '), [top], p.estRows);
  }
  render(top, '', true, true, rows, stats, undefined);
  return renumberColumns(p, rows);
}

/**
 * Column uids are process-wide; EXPLAIN shows them numbered per statement as TiDB does (after the
 * base tables' columns, in allocation order) so the same statement always explains the same way.
 */
function renumberColumns(p: Plan, rows: ExplainRow[]): ExplainRow[] {
  const uids = new Set<number>();
  for (const r of rows) for (const m of `${r.id} ${r.operatorInfo}`.matchAll(/Column#(\d+)/g)) uids.add(Number(m[1]));
  if (!uids.size) return rows;
  let base = 0;
  walkPlan(p, (n) => {
    if (n instanceof DataSource) base += n.table.columns.length;
  });
  const numbers = new Map([...uids].sort((a, b) => a - b).map((u, i) => [u, base + i + 1]));
  const fix = (text: string) => text.replace(/Column#(\d+)/g, (_, u: string) => `Column#${numbers.get(Number(u))}`);
  return rows.map((r) => ({ ...r, id: fix(r.id), operatorInfo: fix(r.operatorInfo) }));
}

function render(
  n: Node,
  prefix: string,
  last: boolean,
  root: boolean,
  out: ExplainRow[],
  stats: RuntimeStatsView | undefined,
  parentPlan: number | undefined,
): void {
  const branch = root ? '' : last ? '└─' : '├─';
  const row: ExplainRow = {
    id: `${prefix}${branch}${n.name}_${n.id}${n.label ? `(${n.label})` : ''}`,
    estRows: n.estRows.toFixed(2),
    task: n.task,
    accessObject: n.access,
    operatorInfo: n.info,
  };
  const planId = n.planId ?? parentPlan;
  if (stats) {
    const measured = planId === undefined ? undefined : stats.get(planId);
    row.actRows = String(measured?.rows ?? 0);
    row.executionInfo = n.planId !== undefined ? stats.executionInfo(n.planId) : '';
  }
  out.push(row);
  const childPrefix = root ? '' : prefix + (last ? '  ' : '│ ');
  n.children.forEach((c, i) => {
    render(c, childPrefix, i === n.children.length - 1, false, out, stats, planId);
  });
}

export function node(
  name: string,
  p: Plan | undefined,
  task: string,
  access: string,
  info: string,
  children: Node[],
  est?: number,
): Node {
  return {
    name,
    id: p ? p.id : allocPlanId(),
    planId: p?.id,
    estRows: est ?? p?.estRows ?? 0,
    task,
    access,
    info,
    children,
  };
}

/** The build side first, as TiDB shows it (see Join.buildLeft). */
function hashJoinChildren(j: Join): Node[] {
  const [left, right] = j.children.map(toNode) as [Node, Node];
  const buildLeft = j.buildLeft;
  const build = buildLeft ? left : right;
  const probe = buildLeft ? right : left;
  return [
    { ...build, label: 'Build' },
    { ...probe, label: 'Probe' },
  ];
}

/** Each grouping set's projection of the group items (`<nil>` where rolled up) and its gid. */
function expandText(p: Expand): string {
  const n = p.groupExprs.length;
  const levels: string[] = [];
  for (let k = n; k >= 0; k--) {
    let gid = 0;
    const items = p.groupExprs.map((g, i) => {
      if (i >= k) gid |= 1 << i;
      return `${i < k ? g.toString() : '<nil>'}->${p.groupCols[i]!.toString()}`;
    });
    levels.push(`[${[...items, `${gid}->${p.gid.toString()}`].join(', ')}]`);
  }
  return `level-projection:${levels.join(',')}; schema: [${p.schema.map((c) => c.toString()).join(',')}]`;
}

/** A computed or renamed column shows where it goes (`plus(test.t.a, 1)->Column#5`). */
function projectionText(p: Projection): string {
  return p.exprs
    .map((e, i) => {
      const out = p.schema[i]!.toString();
      const text = e.toString();
      return text === out ? text : `${text}->${out}`;
    })
    .join(', ');
}

export const list = (es: readonly Expression[]) => es.map((e) => e.toString()).join(', ');
const sortText = (items: readonly SortItem[]) =>
  items.map((i) => `${i.expr.toString()}${i.desc ? ':desc' : ''}`).join(', ');

export function toNode(p: Plan): Node {
  const kids = () => p.children.map(toNode);
  if (p instanceof DataSource) return dataSourceNode(p);
  if (p instanceof Selection) return node('Selection', p, 'root', '', list(p.conditions), kids());
  if (p instanceof Projection) return node('Projection', p, 'root', '', projectionText(p), kids());
  if (p instanceof Aggregation) return aggregationNode(p, false);
  if (p instanceof Join && p.algorithm === 'index' && p.indexJoin) return indexJoinNode(p);
  if (p instanceof Join && p.algorithm === 'merge') return mergeJoinNode(p);
  if (p instanceof Join) {
    const kind = joinKindText(p);
    const parts = [kind];
    if (p.eqConds.length)
      parts.push(`equal:[${p.eqConds.map(([l, r]) => `eq(${l.toString()}, ${r.toString()})`).join(' ')}]`);
    if (p.leftConds.length) parts.push(`left cond:[${list(p.leftConds)}]`);
    if (p.rightConds.length) parts.push(`right cond:[${list(p.rightConds)}]`);
    if (p.otherConds.length) parts.push(`other cond:${list(p.otherConds)}`);
    // TiDB has no nested loop join: a join without equality keys is a hash join with one bucket.
    return node('HashJoin', p, 'root', '', parts.join(', '), hashJoinChildren(p));
  }
  if (p instanceof Sort) return node('Sort', p, 'root', '', sortText(p.items), kids());
  if (p instanceof TopN) return topNNode(p);
  if (p instanceof Limit) return limitNode(p);
  if (p instanceof PartitionUnion) return node('PartitionUnion', p, 'root', '', '', kids());
  if (p instanceof SetOp) {
    const name = p.op === 'unionAll' ? 'Union' : p.op.startsWith('intersect') ? 'Intersect' : 'Except';
    return node(name, p, 'root', '', '', kids());
  }
  if (p instanceof Expand) return node('Expand', p, 'root', '', expandText(p), kids());
  if (p instanceof Dual) return node('TableDual', p, 'root', '', `rows:${p.rows.length}`, [], p.rows.length);
  if (p instanceof Apply) {
    const kind =
      p.kind === 'scalar' ? 'left outer join' : p.kind === 'exists' ? 'left outer semi join' : 'left outer semi join';
    const info = `CARTESIAN ${kind}${p.cond ? `, other cond:${p.cond.toString()}` : ''}`;
    return node('Apply', p, 'root', '', info, kids());
  }
  if (p instanceof MaxOneRow) return node('MaxOneRow', p, 'root', '', '', kids());
  if (p instanceof Window) return node('Window', p, 'root', '', windowInfo(p), kids());
  if (p instanceof CteScan) return node('CTEFullScan', p, 'root', `CTE:${p.cte.name}`, `data:CTE_${p.cte.id}`, []);
  return node(p.tp, p, 'root', '', '', kids());
}

/** `group by:..., funcs:count(test.t.a)->Column#5, funcs:firstrow(...)->...` (a partial one's keys are implied). */
function aggregationText(p: Aggregation): string {
  const parts: string[] = [];
  if (p.groupBy.length) parts.push(`group by:${list(p.groupBy)}`);
  p.aggs.forEach((a, i) => {
    parts.push(`funcs:${a.toString()}->${p.schema[i]!.toString()}`);
  });
  const firstRows = p.mode === 'partial' ? p.firstRows.length - p.groupBy.length : p.firstRows.length;
  for (let i = 0; i < firstRows; i++) {
    parts.push(`funcs:firstrow(${p.firstRows[i]!.toString()})->${p.schema[p.aggs.length + i]!.toString()}`);
  }
  return parts.join(', ');
}

/**
 * An aggregation; a partial one over a reader is shown in the reader's cop task. TiDB streams a split
 * aggregation without GROUP BY over one reader (StreamAgg at the root and in the cop task).
 */
function aggregationNode(p: Aggregation, stream: boolean): Node {
  const child = p.children[0]!;
  if (p.mode === 'partial' && child instanceof DataSource) {
    const op: CopOp = { name: stream ? 'StreamAgg' : 'HashAgg', rows: p.estRows, info: aggregationText(p), cut: false };
    // EXPLAIN ANALYZE: the reader returns the aggregation's rows; the scan below it the source's.
    const reader = readerNode(child, op);
    for (const n of reader.children[0]!.children) n.planId = child.id;
    return { ...reader, planId: p.id };
  }
  const streamed =
    p.mode === 'final' && !p.groupBy.length && child instanceof Aggregation && child.children[0] instanceof DataSource;
  const kids = [child instanceof Aggregation ? aggregationNode(child, streamed) : toNode(child)];
  return node(streamed ? 'StreamAgg' : 'HashAgg', p, 'root', '', aggregationText(p), kids);
}

/** `row_number()->Column#5 over(partition by test.t.a order by test.t.b rows between ...)`. */
function windowInfo(w: Window): string {
  const outputs = w.schema.slice(w.schema.length - w.funcs.length);
  const funcs = w.funcs.map((f, i) => `${f.toString()}->${outputs[i]!.toString()}`).join(', ');
  const parts: string[] = [];
  if (w.partitionBy.length) parts.push(`partition by ${list(w.partitionBy)}`);
  if (w.orderBy.length)
    parts.push(`order by ${w.orderBy.map((o) => `${o.expr.toString()}${o.desc ? ' desc' : ''}`).join(', ')}`);
  if (w.showFrame) parts.push(frameText(w.frame));
  return `${funcs} over(${parts.join(' ')})`;
}

/** The join type as TiDB prints it, CARTESIAN when no equality keys it (whatever other conditions it has). */
export function joinKindText(j: Join): string {
  // TiDB names null-aware anti forms only (IN as a value is a plain left outer semi join there).
  const nullAware = j.nullAware && j.joinType !== 'leftOuterSemi';
  const prefix = nullAware ? 'Null-aware ' : j.eqConds.length ? '' : 'CARTESIAN ';
  switch (j.joinType) {
    case 'inner':
      return `${prefix}inner join`;
    case 'left':
      return `${prefix}left outer join`;
    case 'right':
      return `${prefix}right outer join`;
    default:
      return `${prefix}${SEMI_TEXT[j.joinType]}`;
  }
}

const SEMI_TEXT: Partial<Record<Join['joinType'], string>> = {
  semi: 'semi join',
  antiSemi: 'anti semi join',
  leftOuterSemi: 'left outer semi join',
  antiLeftOuterSemi: 'anti left outer semi join',
};

/** A cop scan's access object: dynamic prune mode names the partitions on the reader instead. */
export function tableAccess(ds: DataSource): string {
  return dynamicPartitions(ds) ? `table:${ds.alias}` : pointAccess(ds);
}

/** Point gets (and static mode's per-partition scans) name the table and its partitions together. */
function pointAccess(ds: DataSource): string {
  let s = `table:${ds.alias}`;
  if (ds.table.partition) s += `, partition:${partitionText(ds)}`;
  return s;
}

/** The access object of a reader (TableReader, IndexLookUp) over a dynamic-mode partitioned table. */
export function readerAccess(ds: DataSource): string {
  return dynamicPartitions(ds) ? `partition:${partitionText(ds)}` : '';
}

function dynamicPartitions(ds: DataSource): boolean {
  return ds.table.partition !== undefined && ds.pruneMode === 'dynamic';
}

function partitionText(ds: DataSource): string {
  const defs = ds.table.partition!.definitions;
  const ids = ds.partitionIds ?? ds.explicitPartitions;
  if (!ids) return 'all';
  if (ids.length === 0) return 'dual';
  // TiDB's LIST pruning names every partition it kept, even all of them, once there are conditions.
  const listed = ds.table.partition!.type === 'LIST' && ds.conditions.length > 0;
  if (ids.length === defs.length && !ds.explicitPartitions && !listed) return 'all';
  return defs
    .filter((d) => ids.includes(d.id))
    .map((d) => d.name)
    .join(',');
}

/**
 * TiDB's UnionScan reads the handle of a dirty table's rows, so a plan whose output lacks that handle
 * ends in a Projection dropping it.
 */
function unionScanHandleHidden(p: Plan): boolean {
  if (p instanceof Projection) return false;
  let hidden = false;
  walkPlan(p, (n) => {
    if (n instanceof DataSource && n.unionScan && !isPointAccess(n)) {
      const h = n.handleColumn;
      if (!h || !p.schema.some((c) => c.uid === h.uid)) hidden = true;
    }
  });
  return hidden;
}

function isPointAccess(ds: DataSource): boolean {
  const k = ds.access.kind;
  return k === 'pointGet' || k === 'batchPointGet' || k === 'uniquePointGet';
}

/** A reader over a table the open transaction has written sits under a UnionScan with the table's conditions. */
function dataSourceNode(ds: DataSource): Node {
  const n = readerNode(ds);
  if (!ds.unionScan || isPointAccess(ds) || ds.table.id < 0) return n;
  return node('UnionScan', undefined, 'root', '', list(ds.conditions), [n], n.estRows);
}

/** Whether a reader's cop task can run a Limit or TopN: a table or index read outside a UnionScan. */
function copReader(ds: Plan | undefined): ds is DataSource {
  if (!(ds instanceof DataSource) || ds.unionScan || ds.table.id < 0) return false;
  return ds.access.kind === 'tableScan' || ds.access.kind === 'indexScan';
}

/**
 * A Limit over a reader goes into the reader's cop task as TiDB shows it (offset 0, count
 * offset+count; the root Limit keeps the offset), or an IndexLookUp without table-side conditions
 * embeds it. Over a UnionScan the Limit stays at the root.
 */
function limitNode(p: Limit): Node {
  const ds = p.children[0];
  const info = `offset:${p.offset}, count:${p.count}`;
  if (!copReader(ds)) return node('Limit', p, 'root', '', info, p.children.map(toNode));
  const n = p.offset + p.count;
  const pushed: CopOp = { name: 'Limit', rows: n, info: `offset:0, count:${n}`, cut: true };
  const reader = readerNode(ds, pushed);
  if (ds.access.kind === 'indexScan' && !ds.access.covering && lookUpFilters(ds, ds.access.index)[1].length === 0) {
    return { ...reader, info: `limit embedded(${info})`, estRows: Math.min(p.count, reader.estRows) };
  }
  return node('Limit', p, 'root', '', info, [reader], Math.min(p.count, reader.estRows));
}

/** A TopN over a table or covering index reader: a TopN of offset+count rows in its cop task too. */
function topNNode(p: TopN): Node {
  const ds = p.children[0];
  const info = (offset: number, count: number) => `${sortText(p.items)}, offset:${offset}, count:${count}`;
  const pushable =
    copReader(ds) &&
    (ds.access.kind === 'tableScan' || (ds.access.kind === 'indexScan' && ds.access.covering)) &&
    !p.items.some((it) => hasSideEffects(it.expr));
  if (!pushable) return node('TopN', p, 'root', '', info(p.offset, p.count), p.children.map(toNode));
  const n = p.offset + p.count;
  const reader = readerNode(ds, { name: 'TopN', rows: n, info: info(0, n), cut: false });
  return node('TopN', p, 'root', '', info(p.offset, p.count), [reader]);
}

/**
 * An operator a reader's cop task runs on its rows (Limit, TopN, partial aggregation): its name, the
 * rows it passes and its operator info; `cut`: it stops the scan early (a Limit).
 */
interface CopOp {
  name: string;
  rows: number;
  info: string;
  cut: boolean;
}

/** The scan's and its residual filter's estimates, cut to what a pushed Limit lets them read. */
function limitedRows(scanRows: number, outRows: number, op: CopOp | undefined): [number, number] {
  if (!op?.cut || outRows <= op.rows) return [scanRows, outRows];
  return [(scanRows * op.rows) / outRows, op.rows];
}

/** A cop task's top operator under a pushed one, and the rows the reader returns. */
function copTop(top: Node, op: CopOp | undefined): Node {
  if (!op) return top;
  const rows = op.cut ? top.estRows : Math.min(op.rows, top.estRows);
  return node(op.name, undefined, 'cop[tikv]', '', op.info, [top], rows);
}

/** `keep order:true, desc` as TiDB prints a scan's order. */
function orderText(a: { keepOrder: boolean; desc: boolean }): string {
  return `keep order:${a.keepOrder}${a.keepOrder && a.desc ? ', desc' : ''}`;
}

/** The rows a full scan reads: the table's (share of) rows with statistics, TiDB's pseudo 10000 without. */
function fullScanRows(ds: DataSource): number {
  return ds.stats ? tableRows(ds) : PSEUDO_ROWS;
}

/** Rows after the residual conditions: the statistics' estimate, or the pseudo selection factor on the rows read. */
function filteredEstimate(ds: DataSource): number {
  return ds.stats ? ds.estRows : ds.accessRows * pseudoResidualFactor(ds.residual);
}

/** TiDB marks estimates from pseudo statistics (the table was never analyzed). */
export function pseudoNote(ds: DataSource): string {
  return ds.stats ? '' : ', stats:pseudo';
}

function readerNode(ds: DataSource, limit?: CopOp): Node {
  const a = ds.access;
  const residual = ds.residual;
  if (ds.table.id < 0) {
    const n = node('MemTableScan', ds, 'root', `table:${ds.table.name.toUpperCase()}`, '', []);
    return residual.length ? node('Selection', undefined, 'root', '', list(residual), [n], ds.estRows) : n;
  }
  if (a.kind === 'pointGet') {
    const n = node('Point_Get', ds, 'root', pointAccess(ds), `handle:${a.handle.toString()}`, [], 1);
    return withRootSelection(n, ds, residual);
  }
  if (a.kind === 'batchPointGet') {
    const info = `handle:[${a.handles.map((h) => h.toString()).join(' ')}], keep order:false, desc:false`;
    return withRootSelection(
      node('Batch_Point_Get', ds, 'root', pointAccess(ds), info, [], a.handles.length),
      ds,
      residual,
    );
  }
  if (a.kind === 'uniquePointGet') {
    const access = `${pointAccess(ds)}, index:${indexText(ds, a.index)}`;
    return withRootSelection(node('Point_Get', ds, 'root', access, '', [], 1), ds, residual);
  }
  if (a.kind === 'indexScan' && a.covering) return indexReaderNode(ds, a, limit);
  if (a.kind === 'indexScan') return indexLookUpNode(ds, a, limit);
  return tableReaderNode(ds, a, limit);
}

function tableReaderNode(ds: DataSource, a: Extract<AccessPath, { kind: 'tableScan' }>, limit?: CopOp): Node {
  const stats = pseudoNote(ds);
  const residual = ds.residual;
  const full = a.ranges === null;
  const scanInfo = `${full ? '' : `range:${a.ranges!.map(rangeText).join(', ')}, `}${orderText(a)}${stats}`;
  const [scanRows, outRows] = limitedRows(full ? fullScanRows(ds) : ds.accessRows, ds.estRows, limit);
  const name = full ? 'TableFullScan' : 'TableRangeScan';
  const scan = node(name, undefined, 'cop[tikv]', tableAccess(ds), scanInfo, [], scanRows);
  const filtered = residual.length
    ? node('Selection', undefined, 'cop[tikv]', '', list(residual), [scan], outRows)
    : scan;
  const top = copTop(filtered, limit);
  return node('TableReader', ds, 'root', readerAccess(ds), `data:${top.name}_${top.id}`, [top], top.estRows);
}

function indexLookUpNode(ds: DataSource, a: Extract<AccessPath, { kind: 'indexScan' }>, limit?: CopOp): Node {
  const stats = pseudoNote(ds);
  const residual = ds.residual;
  const [indexSide, tableSide] = lookUpFilters(ds, a.index);
  const full = isFullRange(a.ranges);
  const rangeInfo = `${full ? '' : `range:${a.ranges.map(rangeText).join(', ')}, `}${orderText(a)}${stats}`;
  const readRows = full ? fullScanRows(ds) : ds.accessRows;
  const [scanRows, outRows] = limitedRows(readRows, residual.length ? filteredEstimate(ds) : readRows, limit);
  // A Limit goes to the index side only when no table-side condition filters the rows it counts.
  const indexLimit = tableSide.length ? undefined : limit;
  const indexRows = indexLimit ? outRows : residual.length ? scanRows : readRows;
  const access = `${tableAccess(ds)}, index:${indexText(ds, a.index)}`;
  const scanName = full ? 'IndexFullScan' : 'IndexRangeScan';
  const scan = node(scanName, undefined, 'cop[tikv]', access, rangeInfo, [], indexRows);
  const indexFiltered = indexSide.length
    ? node('Selection', undefined, 'cop[tikv]', '', list(indexSide), [scan], tableSide.length ? scanRows : outRows)
    : scan;
  const build = copTop(indexFiltered, indexLimit);
  const rowScan = node('TableRowIDScan', undefined, 'cop[tikv]', tableAccess(ds), `keep order:false${stats}`, [], 0);
  rowScan.estRows = indexFiltered.estRows;
  const probe = tableSide.length
    ? node('Selection', undefined, 'cop[tikv]', '', list(tableSide), [rowScan], outRows)
    : rowScan;
  build.label = 'Build';
  probe.label = 'Probe';
  return node('IndexLookUp', ds, 'root', readerAccess(ds), '', [build, probe], outRows);
}

/**
 * An index lookup's residual conditions split as TiDB runs them: those reading only the index's
 * columns (and the integer handle its entries hold) filter index entries, the rest the rows.
 */
export function lookUpFilters(
  ds: DataSource,
  index: { columns: { offset: number; length?: number }[] },
  conds: readonly Expression[] = ds.residual,
) {
  const uids = new Set<number>();
  for (const ic of index.columns) {
    const c = ds.schema[ds.columnOffsets.indexOf(ic.offset)];
    if (c && (ic.length === undefined || ic.length === -1)) uids.add(c.uid);
  }
  if (ds.handleColumn && !ds.table.isCommonHandle) uids.add(ds.handleColumn.uid);
  const indexSide = conds.filter((c) => coveredBy(c, uids));
  return [indexSide, conds.filter((c) => !indexSide.includes(c))] as const;
}

function isFullRange(ranges: readonly Range[]): boolean {
  return ranges.length === 1 && ranges[0]!.low.length === 0 && ranges[0]!.high.length === 0;
}

/** A covering index read: IndexReader over the index scan (and the residual Selection, in the cop task). */
function indexReaderNode(ds: DataSource, a: Extract<AccessPath, { kind: 'indexScan' }>, limit?: CopOp): Node {
  const full = isFullRange(a.ranges);
  const info = `${full ? '' : `range:${a.ranges.map(rangeText).join(', ')}, `}${orderText(a)}${pseudoNote(ds)}`;
  const access = `${tableAccess(ds)}, index:${indexText(ds, a.index)}`;
  const residual = ds.residual;
  const readRows = full ? fullScanRows(ds) : ds.accessRows;
  const [scanRows, outRows] = limitedRows(readRows, residual.length ? filteredEstimate(ds) : readRows, limit);
  const name = full ? 'IndexFullScan' : 'IndexRangeScan';
  const scan = node(name, undefined, 'cop[tikv]', access, info, [], scanRows);
  const filtered = residual.length
    ? node('Selection', undefined, 'cop[tikv]', '', list(residual), [scan], outRows)
    : scan;
  const top = copTop(filtered, limit);
  return node('IndexReader', ds, 'root', readerAccess(ds), `index:${top.name}_${top.id}`, [top], top.estRows);
}

function withRootSelection(n: Node, ds: DataSource, residual: Expression[]): Node {
  return residual.length ? node('Selection', undefined, 'root', '', list(residual), [n], ds.estRows) : n;
}

export function indexText(ds: DataSource, index: { name: string; columns: { offset: number }[] }): string {
  const names = index.columns.map((c) => {
    const col = ds.table.columns[c.offset]!;
    // An expression index part (a hidden generated column) shows as its expression.
    return col.hidden && col.generated ? col.generated.expr : col.name;
  });
  return `${index.name}(${names.join(', ')})`;
}

/** TiDB's range text: strings quoted, a side with fewer values than the other padded with -inf / +inf. */
function rangeText(r: Range): string {
  const n = Math.max(r.low.length, r.high.length, 1);
  const v = (vals: readonly unknown[], fill: string) => {
    const parts = vals.map((x) => (x === null ? 'NULL' : typeof x === 'string' ? `"${x}"` : String(x)));
    while (parts.length < n) parts.push(fill);
    return parts.join(' ');
  };
  // Above NULL is TiDB's smallest non-NULL value, which it prints as an inclusive -inf.
  const aboveNull = r.lowExcl && r.low.length > 0 && r.low[r.low.length - 1] === null;
  const lo = aboveNull ? v(r.low.slice(0, -1), '-inf') : v(r.low, '-inf');
  const hi = v(r.high, '+inf');
  return `${r.lowExcl && !aboveNull ? '(' : '['}${lo},${hi}${r.highExcl ? ')' : ']'}`;
}
