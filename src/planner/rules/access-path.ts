// Access path selection: for each base table, the cheapest way to read the rows its conditions
// admit — point get, batch point get, a handle range scan, an index range scan, or a full scan.
// Without statistics costs follow TiDB's pseudo statistics: 10000 rows, 1/1000 per equality, 1/3 per
// range. With statistics (ANALYZE TABLE) each path costs the rows it reads, an index lookup's rows
// LOOKUP_FACTOR times (it reads the index entry, then the row by its handle) plus its second request.
import { type IndexInfo, pkHandleColumn, primaryIndex } from '../../catalog/model.js';
import { Column, Constant, type Expression, ScalarFunction } from '../../expression/expression.js';
import { comparatorFor } from '../../expression/value-compare.js';
import { hasCorrelated } from '../expr-util.js';
import { pathAllowed } from '../index-hints.js';
import { type AccessPath, DataSource, Dual, Join, type Plan } from '../plans.js';
import { filteredRows, PSEUDO_ROWS, pseudoSelectivity, selectivity, tableRows } from '../cardinality.js';
import { buildRanges, type RangeResult } from '../ranger.js';
import { tableOf } from '../../table/table.js';
import { EvalType, isUnsigned } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';

const LOOKUP_FACTOR = 3;
/** An index lookup's second read (the rows by handle) costs this much beyond its rows, as TiDB's double-read request cost. */
const LOOKUP_REQUEST_ROWS = 4;

export function chooseAccessPaths(p: Plan): Plan {
  p.children = p.children.map(chooseAccessPaths);
  if (p instanceof Join) p.algorithm = p.eqConds.length > 0 ? 'hash' : 'nestedLoop';
  if (!(p instanceof DataSource)) return p;
  const conds = p.conditions.filter((c) => !hasCorrelated(c));
  p.residual = p.conditions;
  if (p.table.id < 0) return p;
  // Conditions no row can satisfy read nothing, as TiDB's constant propagation folds them to false.
  if (pinnedApart(conds)) return new Dual([], p.schema);
  const best = bestPath(p, conds);
  p.access = best.path;
  p.estRows = best.rows;
  p.accessRows = best.read ?? best.rows;
  p.residual = p.conditions.filter((c) => !best.consumed.includes(c));
  if (best.rows === 0) {
    const d = new Dual([], p.schema);
    return d;
  }
  return p;
}

/**
 * A cached plan's data source for new parameter values, as TiDB's plan cache rebuilds it: the access path
 * chosen before, its key ranges built from the new conditions. Undefined when that path reads no key
 * ranges, or the new values settle the read another way (no rows, or a point read): the caller then
 * chooses the path afresh.
 */
export function rebuildAccessRanges(ds: DataSource): DataSource | undefined {
  const a = ds.access;
  if (a.kind !== 'indexScan' && !(a.kind === 'tableScan' && a.ranges !== null)) return undefined;
  const conds = ds.conditions.filter((c) => !hasCorrelated(c));
  const index = a.kind === 'indexScan' ? a.index : ds.table.isCommonHandle ? primaryIndex(ds.table) : undefined;
  let r: RangeResult;
  if (index) {
    const cols = indexPrefixColumns(ds, index);
    r = buildRanges(conds, cols);
    if (!r.useful || r.ranges.length === 0 || uniquePoint(ds, index, cols, r)) return undefined;
  } else {
    if (!ds.handleColumn) return undefined;
    r = buildRanges(conds, [ds.handleColumn]);
    if (!r.useful || r.ranges.length === 0 || handlePoints(ds, r)) return undefined;
  }
  ds.access = { ...a, ranges: r.ranges };
  ds.residual = ds.conditions.filter((c) => !r.accessConds.includes(c));
  return ds;
}

/** The column an equality or IN list pins, and the values it allows (NULLs, equal to nothing, left out). */
function pinnedValues(c: Expression): { col: Column; values: Value[] } | undefined {
  if (!(c instanceof ScalarFunction) || (c.name !== 'eq' && c.name !== 'in')) return undefined;
  const [first, ...rest] = c.args;
  let col: Column | undefined;
  let consts: Expression[];
  if (first instanceof Column) [col, consts] = [first, rest];
  else if (c.name === 'eq' && rest[0] instanceof Column) [col, consts] = [rest[0], [first!]];
  else return undefined;
  if (col.evalType === EvalType.Json) return undefined;
  const values: Value[] = [];
  for (const k of consts) {
    if (!(k instanceof Constant) || k.paramIndex !== undefined || k.evalType !== col.evalType) return undefined;
    if (k.value !== null) values.push(k.value);
  }
  return { col, values };
}

/**
 * Whether equalities and IN lists pin one column to no common value (`a = 2 AND a = 3`): compared under
 * the column's own type and collation, as the conditions compare.
 */
function pinnedApart(conds: readonly Expression[]): boolean {
  const pins = new Map<number, Value[]>();
  for (const c of conds) {
    const p = pinnedValues(c);
    if (!p) continue;
    const before = pins.get(p.col.uid);
    if (!before) {
      pins.set(p.col.uid, p.values);
      continue;
    }
    const cmp = comparatorFor(p.col.type);
    const common = before.filter((v) => p.values.some((w) => cmp(v, w) === 0));
    if (common.length === 0) return true;
    pins.set(p.col.uid, common);
  }
  return false;
}

interface Candidate {
  path: AccessPath;
  rows: number;
  /** Rows the path reads, when they differ from the rows it returns (statistics only). */
  read?: number;
  /** Conditions the path's key ranges express exactly. */
  consumed: Expression[];
}

const FULL_SCAN: AccessPath = { kind: 'tableScan', ranges: null, keepOrder: false, desc: false };

/** What the conditions let a data source read by key: handle ranges, and each index's key ranges. */
interface RangeOptions {
  /** Handle ranges, when the conditions constrain the handle. */
  handle?: RangeResult;
  indexes: { index: IndexInfo; r: RangeResult; fullKey: boolean }[];
}

/**
 * The key ranges the conditions give, or the read they settle outright: no rows (an empty range), or
 * a point read by handle or by a unique index's whole key.
 */
function rangeOptions(ds: DataSource, conds: Expression[]): RangeOptions | Candidate {
  const empty: Candidate = { path: FULL_SCAN, rows: 0, consumed: [] };
  const out: RangeOptions = { indexes: [] };
  if (ds.table.pkIsHandle && ds.handleColumn && pathAllowed(ds, null)) {
    const r = buildRanges(conds, [ds.handleColumn]);
    if (r.useful) {
      if (r.ranges.length === 0) return empty;
      const points = handlePoints(ds, r);
      if (points) return points;
      out.handle = r;
    }
  }
  const clustered = ds.table.isCommonHandle ? primaryIndex(ds.table) : undefined;
  if (clustered && pathAllowed(ds, null)) {
    // A clustered primary key orders the rows themselves: its ranges are table ranges (TableRangeScan).
    const cols = indexPrefixColumns(ds, clustered);
    const r = cols.length ? buildRanges(conds, cols) : undefined;
    if (r?.useful) {
      if (r.ranges.length === 0) return empty;
      const point = uniquePoint(ds, clustered, cols, r);
      if (point) return point;
      out.handle = r;
    }
  }
  for (const index of ds.table.indices) {
    if (!rangeable(ds, index) || !pathAllowed(ds, index)) continue;
    const cols = indexPrefixColumns(ds, index);
    if (cols.length === 0) continue;
    const r = buildRanges(conds, cols);
    if (!r.useful) continue;
    if (r.ranges.length === 0) return empty;
    const point = uniquePoint(ds, index, cols, r);
    if (point) return point;
    out.indexes.push({ index, r, fullKey: cols.length === index.columns.length });
  }
  return out;
}

function bestPath(ds: DataSource, conds: Expression[]): Candidate {
  const options = rangeOptions(ds, conds);
  if (!('indexes' in options)) return options;
  if (ds.stats) return bestPathByStats(ds, conds, options);
  let best = fullRead(ds, Math.max(1, PSEUDO_ROWS * pseudoSelectivity(conds)));
  const h = options.handle;
  if (h) {
    // A clustered key of several columns estimates like an index of them (equality prefixes narrow it).
    const pk = ds.table.isCommonHandle ? primaryIndex(ds.table) : undefined;
    best = {
      path: { kind: 'tableScan', ranges: h.ranges, keepOrder: false, desc: false },
      rows: pk ? estimateIndexRows(pk, h.eqColumns, h.ranges.length, h.allPoints) : PSEUDO_ROWS / 3,
      consumed: h.accessConds,
    };
  }
  for (const { index, r } of options.indexes) {
    const rows = estimateIndexRows(index, r.eqColumns, r.ranges.length, r.allPoints);
    const covering = covers(ds, index);
    if (rows < best.rows || (rows === best.rows && covering && best.path.kind === 'indexScan' && !best.path.covering)) {
      best = {
        path: { kind: 'indexScan', index, ranges: r.ranges, keepOrder: false, desc: false, covering },
        rows,
        consumed: r.accessConds,
      };
    }
  }
  return narrowerFullScan(ds, best);
}

function isCovering(c: Candidate): boolean {
  return c.path.kind === 'indexScan' && c.path.covering;
}

/** Nothing narrows the read: an index holding every column read is a narrower full scan than the table. */
function narrowerFullScan(ds: DataSource, best: Candidate): Candidate {
  if (best.path.kind !== 'tableScan' || best.path.ranges !== null) return best;
  const handle = ds.table.pkIsHandle ? pkHandleColumn(ds.table)?.offset : undefined;
  const index = ds.table.indices.find(
    (i) =>
      pathAllowed(ds, i) &&
      rangeable(ds, i) &&
      // Narrower: the table stores a column the index does not (the integer handle is in every entry), or
      // the index is unique over the whole row, its entries without the row id a table row is keyed by.
      (ds.table.columns.some((c) => c.offset !== handle && !i.columns.some((ic) => ic.offset === c.offset)) ||
        (i.unique && !ds.table.pkIsHandle)) &&
      covers(ds, i),
  );
  if (!index) return best;
  const full = { low: [], lowExcl: false, high: [], highExcl: false };
  return { ...best, path: { kind: 'indexScan', index, ranges: [full], keepOrder: false, desc: false, covering: true } };
}

/**
 * Reading every row: a full table scan, or, when index hints rule the table out, a full scan of an
 * index they allow (a covering one first).
 */
function fullRead(ds: DataSource, rows: number): Candidate {
  const table: Candidate = { path: FULL_SCAN, rows, consumed: [] };
  if (pathAllowed(ds, null)) return table;
  const indexes = ds.table.indices.filter((i) => rangeable(ds, i) && pathAllowed(ds, i));
  const index = indexes.find((i) => covers(ds, i)) ?? indexes[0];
  if (!index) return table;
  const full = { low: [], lowExcl: false, high: [], highExcl: false };
  const covering = covers(ds, index);
  return {
    path: { kind: 'indexScan', index, ranges: [full], keepOrder: false, desc: false, covering },
    rows,
    consumed: [],
  };
}

/** Point reads by handle for a handle range result that is all points (partitions permitting), else undefined. */
function handlePoints(ds: DataSource, r: RangeResult): Candidate | undefined {
  const partitioned = ds.table.partition !== undefined;
  if (!r.allPoints || (partitioned && partitionsRead(ds) > r.ranges.length)) return undefined;
  const handles = r.ranges.map((x) => new Constant(x.low[0]!, ds.handleColumn!.type));
  return handles.length === 1
    ? { path: { kind: 'pointGet', handle: handles[0]! }, rows: 1, consumed: r.accessConds }
    : { path: { kind: 'batchPointGet', handles }, rows: handles.length, consumed: r.accessConds };
}

/** The cheapest path by the rows each reads, from the table's statistics. */
function bestPathByStats(ds: DataSource, conds: Expression[], options: RangeOptions): Candidate {
  const total = tableRows(ds);
  const rows = filteredRows(ds, conds);
  let best = fullRead(ds, rows);
  let bestCost =
    best.path.kind === 'indexScan' && !best.path.covering ? total * LOOKUP_FACTOR + LOOKUP_REQUEST_ROWS : total;
  const h = options.handle;
  if (h) {
    bestCost = total * selectivity(ds, h.accessConds);
    best = {
      path: { kind: 'tableScan', ranges: h.ranges, keepOrder: false, desc: false },
      rows,
      read: bestCost,
      consumed: h.accessConds,
    };
  }
  // TiDB's heuristic: a unique index whose whole key equalities pin to points reads at most one row per
  // point, whatever the statistics say; it is taken outright (one that covers the read first).
  let uniquePoints: Candidate | undefined;
  for (const { index, r, fullKey } of options.indexes) {
    let read = total * selectivity(ds, r.accessConds);
    const ndv = ds.stats!.stats.indexNdv.get(index.id);
    if (fullKey && r.allPoints && ndv) read = Math.min(read, (r.ranges.length * total) / ndv);
    const covering = covers(ds, index);
    const cost = covering ? read : read * LOOKUP_FACTOR + LOOKUP_REQUEST_ROWS;
    const candidate: Candidate = {
      path: { kind: 'indexScan', index, ranges: r.ranges, keepOrder: false, desc: false, covering },
      rows,
      read,
      consumed: r.accessConds,
    };
    // NULL keys repeat in a unique index: IS NULL points are no unique read.
    const nonNullPoints = r.ranges.every((x) => x.low.every((v) => v !== null));
    if (
      index.unique &&
      fullKey &&
      r.allPoints &&
      nonNullPoints &&
      (!uniquePoints || (covering && !isCovering(uniquePoints)))
    ) {
      uniquePoints = candidate;
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = candidate;
    }
  }
  return uniquePoints ?? narrowerFullScan(ds, best);
}

/** Whether key ranges can read through the index: public, visible, not the handle itself, no column prefixes. */
export function rangeable(ds: DataSource, index: IndexInfo): boolean {
  if (index.state !== 'public' || !index.visible || (index.primary && clusteredKey(ds))) return false;
  // Static prune mode reads partition by partition, through local indexes only (as TiDB plans it).
  if (index.global && ds.pruneMode === 'static') return false;
  return index.columns.every((ic) => ic.length === -1 || ic.length === undefined);
}

/** Whether the primary key is the rows' own key (an integer handle or a clustered key): no index entries. */
function clusteredKey(ds: DataSource): boolean {
  return ds.table.pkIsHandle || ds.table.isCommonHandle;
}

/** A point read through a unique index whose whole key the ranges pin to one non-NULL value, else undefined. */
function uniquePoint(ds: DataSource, index: IndexInfo, cols: Column[], r: RangeResult): Candidate | undefined {
  const partitioned = ds.table.partition !== undefined;
  const fullKey = cols.length === index.columns.length;
  if (!index.unique || !fullKey || !r.allPoints || r.ranges.length !== 1) return undefined;
  if (partitioned && partitionsRead(ds) > 1) return undefined;
  const values = (r.ranges[0]!.low as unknown[]).map((v, i) => new Constant(v as never, cols[i]!.type));
  if (!values.every((v) => v.value !== null)) return undefined;
  return { path: { kind: 'uniquePointGet', index, values }, rows: 1, consumed: r.accessConds };
}

/** The index's leading columns the data source reads (a prefix: unread columns were pruned from the schema). */
function indexPrefixColumns(ds: DataSource, index: IndexInfo): Column[] {
  const cols: Column[] = [];
  for (const ic of index.columns) {
    const c = ds.schema[ds.columnOffsets.indexOf(ic.offset)];
    if (!c) break;
    cols.push(c);
  }
  return cols;
}

/**
 * Whether the index gives every column the data source reads (its residual conditions included):
 * index columns whose values the key encodes exactly (no prefixes, no collated strings), or the
 * integer handle (the hidden row id, or a signed integer primary key).
 */
export function covers(ds: DataSource, index: IndexInfo): boolean {
  if (ds.table.isCommonHandle || ds.schema.length === 0) return false;
  if (!tableOf(ds.table).layout(index).decodable) return false;
  const pk = pkHandleColumn(ds.table);
  return ds.columnOffsets.every(
    (o) => o < 0 || index.columns.some((ic) => ic.offset === o) || (o === pk?.offset && !isUnsigned(pk.type)),
  );
}

/** How many partitions a (pruned) partitioned data source reads: point gets need them located. */
function partitionsRead(ds: DataSource): number {
  return (ds.partitionIds ?? ds.explicitPartitions ?? ds.table.partition!.definitions).length;
}

function estimateIndexRows(index: IndexInfo, eqColumns: number, ranges: number, allPoints: boolean): number {
  if (allPoints && index.unique) return ranges;
  let rows = PSEUDO_ROWS * (1 / 1000) ** Math.max(eqColumns, 0);
  if (!allPoints) rows /= 3;
  return Math.max(1, rows * Math.max(1, ranges) * 0.9);
}
