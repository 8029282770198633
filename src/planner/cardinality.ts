// Row estimates from table statistics (after ANALYZE TABLE): a table's realtime row count, each
// column's conditions turned into value ranges (by the ranger) and measured on the column's
// histogram, other conditions at TiDB's selection factor 0.8, join sizes from the join keys'
// distinct values. Tables without statistics keep pseudo estimates (see access-path.ts).
import { likeTester } from '../expression/builtin/like-regexp.js';
import { Column, Constant, type Expression, ScalarFunction } from '../expression/expression.js';
import type { ColumnStats } from '../statistics/table-stats.js';
import { CHARSET_BIN } from '../types/field-type.js';
import { Aggregation, DataSource, type Plan, Projection } from './plans.js';
import { notNullColumn } from './expr-util.js';
import { buildRanges, type Range } from './ranger.js';

/** The rows TiDB's pseudo statistics assume of a table never analyzed. */
export const PSEUDO_ROWS = 10000;

/** TiDB's selectivity of a condition nothing better is known about. */
export const SELECTION_FACTOR = 0.8;

/** TiDB's pseudo selectivity of a condition: `not(isnull(col))` keeps all but a thousandth of the rows. */
export function pseudoFactor(c: Expression): number {
  return notNullColumn(c) ? 1 - 1 / 1000 : SELECTION_FACTOR;
}

/**
 * The pseudo selectivity a scan's residual conditions get in EXPLAIN: the selection factor once for the
 * ordinary ones, each `not(isnull(col))` its own.
 */
export function pseudoResidualFactor(conds: readonly Expression[]): number {
  let sel = 1;
  let ordinary = false;
  for (const c of conds) {
    if (notNullColumn(c)) sel *= pseudoFactor(c);
    else ordinary = true;
  }
  return ordinary ? sel * SELECTION_FACTOR : sel;
}

/** The pseudo selectivity of conditions that all hold (CNF items). */
export function pseudoSelectivity(conds: readonly Expression[]): number {
  let sel = 1;
  for (const c of conds) sel *= pseudoFactor(c);
  return sel;
}

/** The column statistics behind a data source's schema column, if the table was analyzed. */
export function columnStatsOf(ds: DataSource, col: Column): ColumnStats | undefined {
  const st = ds.stats?.stats;
  if (!st || col.columnId === undefined) return undefined;
  return st.columns.get(col.columnId);
}

/** Rows the data source holds now (its share of the table when only some partitions are read). */
export function tableRows(ds: DataSource): number {
  return (ds.stats?.realtimeCount ?? 0) * ds.statsFraction;
}

/**
 * The fraction of the table's rows satisfying every condition: per analyzed column, the fraction its
 * ranges cover; every condition no column consumed counts SELECTION_FACTOR. Conditions are CNF items.
 */
export function selectivity(ds: DataSource, conds: readonly Expression[]): number {
  let remaining = [...conds];
  let sel = 1;
  for (const col of ds.schema) {
    if (remaining.length === 0) break;
    const cs = columnStatsOf(ds, col);
    if (!cs || cs.count === 0) continue;
    const r = buildRanges(remaining, [col]);
    if (!r.useful || r.accessConds.length === 0) continue;
    let rows = 0;
    for (const range of r.ranges) rows += rangeRows(cs, range);
    sel *= Math.min(1, rows / cs.count);
    remaining = remaining.filter((c) => !r.accessConds.includes(c));
  }
  for (const c of remaining) sel *= notNullSelectivity(ds, c) ?? likeSelectivity(ds, c) ?? pseudoFactor(c);
  return sel;
}

/** The fraction of rows `not(isnull(col))` keeps on an analyzed column; undefined for other conditions. */
function notNullSelectivity(ds: DataSource, c: Expression): number | undefined {
  const col = notNullColumn(c);
  const cs = col && columnStatsOf(ds, col);
  return cs && cs.count > 0 ? (cs.count - cs.nullCount) / cs.count : undefined;
}

/**
 * The fraction of rows `col [NOT] LIKE 'pattern'` keeps, tried on the column histogram's bucket bounds (up
 * to 512 of its values; an upper bound stands for its repeats, a lower one for the rest of its bucket): a
 * pattern with a leading '%' gives the ranger nothing, and TiDB's fixed 0.8 is far from TPC-H's '%green%'
 * (5%), which misleads the join order. Exact when no bucket holds a third value, else never 0 or 1.
 * Undefined when the condition is no such LIKE on an analyzed string column, or its pattern is a
 * parameter (a cached plan serves every value).
 */
function likeSelectivity(ds: DataSource, cond: Expression): number | undefined {
  // Planning asks for a data source's selectivity many times (join order, access paths, statistics):
  // a condition object belongs to one statement's plan, so its measure can be kept with it.
  if (likeMeasured.has(cond)) return likeMeasured.get(cond);
  const f = measureLike(ds, cond);
  likeMeasured.set(cond, f);
  return f;
}

const likeMeasured = new WeakMap<Expression, number | undefined>();

function measureLike(ds: DataSource, cond: Expression): number | undefined {
  let e = cond;
  const negated = e instanceof ScalarFunction && e.name === 'not';
  if (negated) e = (e as ScalarFunction).args[0]!;
  if (!(e instanceof ScalarFunction) || e.name !== 'like') return undefined;
  const [col, pattern, escapeArg] = e.args;
  if (!(col instanceof Column) || !(pattern instanceof Constant) || pattern.paramIndex !== undefined) return undefined;
  if (typeof pattern.value !== 'string') return undefined;
  const cs = columnStatsOf(ds, col);
  if (!cs || cs.count === 0) return undefined;
  const esc = escapeArg instanceof Constant && typeof escapeArg.value === 'string' ? escapeArg.value : '\\';
  const matcher = likeTester(pattern.value, esc, col.type.charset === CHARSET_BIN ? 'binary' : col.type.collate);
  const buckets = cs.histogram.buckets;
  let kept = 0;
  let prev = 0;
  let exact = true;
  for (const b of buckets) {
    const rows = b.cumulative - prev;
    prev = b.cumulative;
    if (typeof b.lower !== 'string' || typeof b.upper !== 'string') return undefined;
    // The upper bound stands for its repeats, the lower bound for the rest of the bucket (exactly so when
    // the bucket holds no third value).
    if (matcher.test(b.upper)) kept += b.repeats;
    if (matcher.test(b.lower)) kept += rows - b.repeats;
    if (b.ndv > 2) exact = false;
  }
  if (prev === 0) return undefined;
  const floor = exact ? 0 : 1 / (4 * buckets.length);
  const f = Math.min(1 - floor, Math.max(floor, kept / prev));
  // NULL neither matches nor fails to match: it is dropped either way.
  return (negated ? 1 - f : f) * (prev / cs.count);
}

/** Estimated rows of the data source after its conditions (at least 1, as plans never promise none). */
export function filteredRows(ds: DataSource, conds: readonly Expression[]): number {
  return Math.max(1, tableRows(ds) * selectivity(ds, conds));
}

/** Rows of a one-column range on the column's statistics. */
function rangeRows(cs: ColumnStats, r: Range): number {
  const low = r.low.length ? r.low[0] : undefined;
  const high = r.high.length ? r.high[0] : undefined;
  const withNull = low === undefined || (low === null && !r.lowExcl);
  if (high === null) return withNull && !r.highExcl ? cs.nullCount : 0;
  if (low !== undefined && low !== null && low === high && !r.lowExcl && !r.highExcl) return cs.equalRows(low);
  return cs.rangeRows(low ?? undefined, r.lowExcl, high, r.highExcl, withNull);
}

/**
 * Distinct values of a key over columns of one analyzed data source: an index on exactly those
 * columns knows it; otherwise the largest single-column NDV (key columns are assumed correlated,
 * which keeps foreign-key joins from looking selective). Undefined without statistics.
 */
export function keyNdv(ds: DataSource, cols: readonly Column[]): number | undefined {
  const st = ds.stats?.stats;
  if (!st) return undefined;
  let ndv = 0;
  for (const c of cols) {
    const cs = columnStatsOf(ds, c);
    if (!cs) return undefined;
    ndv = Math.max(ndv, cs.ndv);
  }
  if (cols.length > 1) {
    const ids = new Set(cols.map((c) => c.columnId));
    for (const index of ds.table.indices) {
      if (index.columns.length !== ids.size) continue;
      if (!index.columns.every((ic) => ids.has(ds.table.columns[ic.offset]!.id))) continue;
      const n = st.indexNdv.get(index.id);
      if (n !== undefined) ndv = Math.max(ndv, n);
    }
  }
  return ndv;
}

/**
 * Distinct values of a key over columns of the plan's data sources (a product across sources), at most
 * `bound`; key columns may come through projections and grouping keys from the source columns below.
 */
export function keyNdvIn(p: Plan, cols: readonly Column[], bound: number): number | undefined {
  const bySource = new Map<DataSource, Column[]>();
  for (const c of cols) {
    const origin = originOf(p, c.uid);
    if (!origin) return undefined;
    const list = bySource.get(origin.ds);
    if (list) list.push(origin.col);
    else bySource.set(origin.ds, [origin.col]);
  }
  let ndv = 1;
  for (const [ds, list] of bySource) {
    const n = keyNdv(ds, list);
    if (n === undefined) return undefined;
    ndv *= n;
  }
  return Math.max(1, Math.min(ndv, bound));
}

/** The data source column that output column `uid` of `p` carries unchanged, if any. */
function originOf(p: Plan, uid: number): { ds: DataSource; col: Column } | undefined {
  if (p instanceof DataSource) {
    const col = p.schema.find((c) => c.uid === uid);
    return col && { ds: p, col };
  }
  if (p instanceof Projection || p instanceof Aggregation) {
    const i = p.schema.findIndex((c) => c.uid === uid);
    if (i < 0) return undefined;
    const e = p instanceof Projection ? p.exprs[i] : i >= p.aggs.length ? p.firstRows[i - p.aggs.length] : undefined;
    return e instanceof Column ? originOf(p.children[0]!, e.uid) : undefined;
  }
  for (const c of p.children) {
    const found = originOf(c, uid);
    if (found) return found;
  }
  return undefined;
}
