// Partition pruning: a pure function of (the table's compiled partition router, the conditions on
// the table) → the partitions that may hold matching rows. Always a superset: the readers still
// evaluate every condition, so pruning only has to be correct, never exact.
//   RANGE [COLUMNS]  the ranges of the partitioning column(s) (from the ranger), mapped through a
//                    monotonic partition expression, located by binary search over the bounds
//   LIST [COLUMNS]   point sets located directly; other ranges keep the partitions listing a value in them
//   HASH / KEY       points (=, IN, IS NULL) and small integer ranges, enumerated
import { Column, Constant, type Expression, ScalarFunction } from '../../expression/expression.js';
import { EvalType, evalTypeOf, Flag, TypeCode } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import { type Bound, MAXVALUE, type PartitionRouter } from '../../table/partition.js';
import { PARTITION_EVAL_CONTEXT } from '../../table/partition-expr.js';
import { contextFreeFunction } from '../expr-util.js';
import { buildRanges, type Range } from '../ranger.js';

/** Largest integer range HASH/KEY pruning enumerates. */
const MAX_ENUMERATED = 256;

/**
 * Indexes (into the partition definitions) of the partitions conditions admit, ascending; null when
 * nothing can be pruned. `cols[offset]` is the query's column for the table column at `offset`.
 */
export function prunePartitions(
  router: PartitionRouter,
  conds: readonly Expression[],
  cols: readonly (Column | undefined)[],
): number[] | null {
  if (conds.length === 0 || router.offsets.length === 0) return null;
  const partCols = router.offsets.map((o) => cols[o]);
  if (partCols.some((c) => c === undefined)) return null;
  const pcols = partCols as Column[];
  conds = conds.map((c) => dropFalseDisjuncts(relaxCollate(c, pcols)));
  try {
    switch (router.type) {
      case 'RANGE':
        // TiDB keeps NULL's partition for an IN list holding NULL under RANGE (not RANGE COLUMNS)
        // partitioning: a superset, the list matches no NULL.
        if (!router.columnsMode) conds = conds.map((c) => withNullPoint(c, pcols));
        return router.columnsMode ? pruneRangeColumns(router, conds, pcols) : pruneRange(router, conds, pcols);
      case 'LIST':
        return pruneList(router, conds, pcols);
      default:
        return pruneHash(router, conds, pcols);
    }
  } catch {
    // A bound or an end point that does not evaluate cleanly: prune nothing.
    return null;
  }
}

/**
 * `col = 'x' COLLATE c` (or IN): under the column's own collation the constant is just a constant; under
 * a binary one, rows equal under it are equal under the column's too, so for pruning the constant may be
 * compared under the column's collation (a superset of partitions; the reader still applies the condition).
 */
function relaxCollate(e: Expression, cols: readonly Column[]): Expression {
  if (!(e instanceof ScalarFunction)) return e;
  if (e.name === 'and' || e.name === 'or') {
    const args = e.args.map((a) => relaxCollate(a, cols));
    return args.every((a, i) => a === e.args[i]) ? e : new ScalarFunction(e.name, args, e.type, e.impl);
  }
  if (e.name !== 'eq' && e.name !== 'in') return e;
  const col = cols.find((c) => e.args.some((a) => a.equals(c)));
  if (!col || evalTypeOf(col.type) !== EvalType.String || col.type.charset === 'binary') return e;
  const args = e.args.map((a) => {
    if (!(a instanceof ScalarFunction) || a.name !== 'collate' || !(a.args[0] instanceof Constant)) return a;
    const coll = a.type.collate;
    if (coll !== col.type.collate && coll !== 'binary' && !coll.endsWith('_bin')) return a;
    return new Constant(a.args[0].value, { ...a.args[0].type, charset: col.type.charset, collate: col.type.collate });
  });
  return args.every((a, i) => a === e.args[i]) ? e : new ScalarFunction(e.name, args, e.type, e.impl);
}

/** `col IN (NULL, ...)` on a partitioning column as `col IS NULL OR col IN (NULL, ...)`. */
function withNullPoint(e: Expression, cols: readonly Column[]): Expression {
  if (!(e instanceof ScalarFunction) || e.name !== 'in') return e;
  const [x, ...list] = e.args;
  if (!cols.some((c) => x!.equals(c)) || !list.some((a) => a instanceof Constant && a.value === null)) return e;
  return contextFreeFunction('or', [contextFreeFunction('isnull', [x!]), e]);
}

/** `1 = 0 OR a = 1` (folded to `0 OR a = 1`) admits what `a = 1` admits: constant false disjuncts go. */
function dropFalseDisjuncts(e: Expression): Expression {
  if (!(e instanceof ScalarFunction) || e.name !== 'or') return e;
  const args = e.args.map(dropFalseDisjuncts).filter((a) => !isConstantFalse(a));
  if (args.length === 0) return new Constant(0, e.type);
  if (args.length === 1) return args[0]!;
  return args.length === e.args.length && args.every((a, i) => a === e.args[i])
    ? e
    : args.reduce((l, r) => new ScalarFunction('or', [l, r], e.type, e.impl));
}

function isConstantFalse(e: Expression): boolean {
  if (!(e instanceof Constant) || e.paramIndex !== undefined) return false;
  const v = e.value;
  return v === 0 || v === 0n;
}

/** The partition of a row whose partitioning columns hold `values` (others NULL). */
function locateColumnValues(router: PartitionRouter, values: readonly Value[]): number {
  const row: Value[] = new Array(router.tableCols.length).fill(null);
  router.offsets.forEach((o, i) => {
    row[o] = values[i] ?? null;
  });
  return router.locateIndex(row, PARTITION_EVAL_CONTEXT);
}

function sorted(set: Set<number>): number[] {
  return [...set].filter((i) => i >= 0).sort((a, b) => a - b);
}

function pruneHash(router: PartitionRouter, conds: readonly Expression[], cols: Column[]): number[] | null {
  const r = buildRanges(conds, cols);
  if (!r.useful) return null;
  const out = new Set<number>();
  if (r.allPoints) {
    for (const range of r.ranges) out.add(locateColumnValues(router, range.low));
    return sorted(out);
  }
  if (cols.length !== 1 || evalTypeOf(cols[0]!.type) !== EvalType.Int) return null;
  for (const range of r.ranges) {
    const lo = range.low[0];
    const hi = range.high[0];
    if (lo === undefined || lo === null || hi === undefined || hi === null) return null;
    const from = BigInt(lo as number | bigint) + (range.lowExcl ? 1n : 0n);
    const to = BigInt(hi as number | bigint) - (range.highExcl ? 1n : 0n);
    if (to - from >= BigInt(Math.min(MAX_ENUMERATED, router.ids.length))) return null;
    for (let v = from; v <= to; v++) out.add(locateColumnValues(router, [normalize(v)]));
  }
  return sorted(out);
}

function normalize(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function pruneList(router: PartitionRouter, conds: readonly Expression[], cols: Column[]): number[] | null {
  const r = buildRanges(conds, cols);
  if (!r.useful) return null;
  const out = new Set<number>();
  if (r.allPoints) {
    for (const range of r.ranges) out.add(locateColumnValues(router, range.low));
    // TiDB prunes LIST COLUMNS column by column: a value of each column may sit in the DEFAULT partition
    // with other values of the rest, so it keeps DEFAULT (a superset of the tuples' partitions).
    if (cols.length > 1 && router.defaultIndex >= 0) out.add(router.defaultIndex);
    return sorted(out);
  }
  // Non-point ranges: only when the listed values are the column values themselves.
  if (!router.columnsMode && !(router.expr instanceof Column)) return null;
  const cmps = router.comparators;
  router.listValues.forEach((tuples, idx) => {
    if (tuples.some((t) => r.ranges.some((range) => inRange(t, range, cmps)))) out.add(idx);
  });
  if (router.defaultIndex >= 0) out.add(router.defaultIndex);
  return sorted(out);
}

/** Whether a full tuple lies in a (prefix) range of the ranger; NULL sorts first. */
function inRange(t: readonly Value[], r: Range, cmps: PartitionRouter['comparators']): boolean {
  const cmpPrefix = (bound: readonly Value[]): number => {
    for (let i = 0; i < bound.length; i++) {
      const a = t[i] ?? null;
      const b = bound[i] ?? null;
      if (a === null || b === null) {
        if (a === b) continue;
        return a === null ? -1 : 1;
      }
      const c = cmps[i]!(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
  const lo = cmpPrefix(r.low);
  if (lo < 0 || (lo === 0 && r.lowExcl && r.low.length > 0)) return false;
  if (r.high.length === 0) return true;
  const hi = cmpPrefix(r.high);
  return hi < 0 || (hi === 0 && !r.highExcl);
}

// ------------------------------------------------------------------ RANGE

/** A range end: a value, or unbounded. */
type End = { value: Value; excl: boolean } | undefined;

function pruneRange(router: PartitionRouter, conds: readonly Expression[], cols: Column[]): number[] | null {
  if (cols.length !== 1) return null;
  const shape = monotonicity(router.expr!);
  const r = buildRanges(conds, cols);
  if (!r.useful) return null;
  if (shape === 'none') {
    // Any expression maps points to points: WEEKDAY(a) = ... for a = '2020-08-17' routes like the row.
    // (Not on TIMESTAMP: the session time zone the rows were routed in is unknown here.)
    if (!r.allPoints || cols[0]!.type.tp === TypeCode.Timestamp) return null;
    return sorted(new Set(r.ranges.map((p) => router.locateIndex(rowWith(router, p.low[0]!), PARTITION_EVAL_CONTEXT))));
  }
  const out = new Set<number>();
  const n = router.rangeBounds.length;
  const apply = (v: Value): Value => router.valuesOf(rowWith(router, v), PARTITION_EVAL_CONTEXT)[0]!;
  const intCol = evalTypeOf(cols[0]!.type) === EvalType.Int;
  for (const original of r.ranges) {
    const range = intCol ? closedIntRange(original, (cols[0]!.type.flag & Flag.Unsigned) !== 0) : original;
    const low = range.low[0];
    const high = range.high.length ? range.high[0] : undefined;
    if (low === null && !range.lowExcl) {
      // IS NULL (or <=> NULL): NULL routes to the first partition.
      out.add(0);
      if (high === null) continue;
    }
    let lo: End;
    let hi: End;
    if (low !== undefined && low !== null) {
      const v = apply(low);
      if (v === null) return null;
      lo = { value: v, excl: shape === 'strict' && range.lowExcl };
    }
    if (high !== undefined && high !== null) {
      const v = apply(high);
      if (v === null) return null;
      hi = { value: v, excl: shape === 'strict' && range.highExcl };
    }
    const [from, to] = rangeSpan(router, lo ? [lo.value] : undefined, hi ? [hi.value] : undefined, !!hi?.excl);
    for (let i = from; i <= Math.min(to, n - 1); i++) out.add(i);
  }
  return sorted(out);
}

/** On an integer column `a > 2` is `a >= 3` (and `a < 3` is `a <= 2`): exclusive ends become inclusive. */
function closedIntRange(r: Range, unsigned: boolean): Range {
  const low = r.lowExcl ? step(r.low[0], 1, unsigned) : undefined;
  const high = r.highExcl ? step(r.high[0], -1, unsigned) : undefined;
  return {
    low: low === undefined ? r.low : [low],
    lowExcl: low === undefined ? r.lowExcl : false,
    high: high === undefined ? r.high : [high],
    highExcl: high === undefined ? r.highExcl : false,
  };
}

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;
const UINT_MAX = 2n ** 64n - 1n;

/** v ± 1 within the column's integer domain; undefined when v is not an integer or the step overflows. */
function step(v: Value | undefined, d: 1 | -1, unsigned: boolean): Value | undefined {
  if (typeof v !== 'number' && typeof v !== 'bigint') return undefined;
  if (typeof v === 'number' && !Number.isInteger(v)) return undefined;
  const next = BigInt(v) + BigInt(d);
  if (next < (unsigned ? 0n : INT_MIN) || next > (unsigned ? UINT_MAX : INT_MAX)) return undefined;
  return normalize(next);
}

function rowWith(router: PartitionRouter, v: Value): Value[] {
  const row: Value[] = new Array(router.tableCols.length).fill(null);
  row[router.offsets[0]!] = v;
  return row;
}

function pruneRangeColumns(router: PartitionRouter, conds: readonly Expression[], cols: Column[]): number[] | null {
  const r = buildRanges(conds, cols);
  if (!r.useful) return null;
  const out = new Set<number>();
  for (const range of r.ranges) {
    const highPrefix = range.high.length < cols.length;
    const [from, to] = rangeSpan(
      router,
      range.low,
      range.high.length ? range.high : undefined,
      range.highExcl && !highPrefix,
      // `a < 5` on COLUMNS(a, b) admits tuples below (5, -inf); `a <= 5` those up to (5, +inf).
      highPrefix && !range.highExcl,
      // `a > 5` admits tuples above (5, +inf).
      range.lowExcl && range.low.length > 0 && range.low.length < cols.length,
    );
    for (let i = from; i <= to; i++) out.add(i);
  }
  return sorted(out);
}

/**
 * Partition indexes [from, to] holding values between `low` and `high` (tuples, possibly prefixes:
 * missing low components are below everything, or above everything when `lowAbovePrefix`; missing
 * high ones above everything when `highPrefix`). `highExcl`: values equal to `high` are excluded.
 */
function rangeSpan(
  router: PartitionRouter,
  low: readonly Value[] | undefined,
  high: readonly Value[] | undefined,
  highExcl: boolean,
  highPrefix = false,
  lowAbovePrefix = false,
): [number, number] {
  const bounds = router.rangeBounds;
  const n = bounds.length;
  const firstAbove = (t: readonly Value[], fill: Fill): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tupleBelow(router, t, bounds[mid]!, fill)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const from = low?.length ? firstAbove(low, lowAbovePrefix ? 'max' : 'min') : 0;
  if (from >= n) return [1, 0];
  let to = high ? firstAbove(high, highPrefix ? 'top' : 'min') : n - 1;
  if (to >= n) to = n - 1;
  else if (high && highExcl && to > 0 && tupleEquals(router, high, bounds[to - 1]!)) to--;
  return [from, to];
}

/**
 * How a prefix tuple's missing components compare: 'min' below every value; 'top' as the greatest value
 * (still below MAXVALUE: `a = 20` lies wholly below the bound (20, MAXVALUE)); 'max' past every value
 * of the prefix (equal to MAXVALUE: `a > 20` starts after the bound (20, MAXVALUE)).
 */
type Fill = 'min' | 'top' | 'max';

/** Whether tuple t (missing components filled as `fill` says) is below a bound tuple. */
function tupleBelow(router: PartitionRouter, t: readonly Value[], bound: readonly Bound[], fill: Fill): boolean {
  for (let i = 0; i < bound.length; i++) {
    const b = bound[i]!;
    if (i >= t.length) {
      if (fill === 'min') return true;
      if (b === MAXVALUE) {
        if (fill === 'top') return true;
        continue;
      }
      return false;
    }
    if (b === MAXVALUE) return true;
    const v = t[i] ?? null;
    if (v === null || b === null) {
      if (v === b) continue;
      return v === null;
    }
    const c = router.comparators[i]!(v, b);
    if (c !== 0) return c < 0;
  }
  return false;
}

function tupleEquals(router: PartitionRouter, t: readonly Value[], bound: readonly Bound[]): boolean {
  if (t.length !== bound.length) return false;
  return bound.every((b, i) => {
    const v = t[i] ?? null;
    if (b === MAXVALUE || v === null || b === null) return false;
    return router.comparators[i]!(v, b) === 0;
  });
}

// ------------------------------------------------------------------ monotonic expressions

const MONOTONIC_TEMPORAL = new Set(['year', 'to_days', 'to_seconds', 'unix_timestamp']);
const MONOTONIC_NUMERIC = new Set(['floor', 'ceil', 'ceiling']);

/**
 * How the partition expression orders with its column: 'strict' (the column itself, +/- a
 * constant: exclusive ends stay exclusive), 'weak' (non-decreasing: YEAR, TO_DAYS, ...), 'none'.
 */
export function monotonicity(e: Expression): 'strict' | 'weak' | 'none' {
  if (e instanceof Constant) return 'none';
  if (!(e instanceof ScalarFunction)) return 'strict';
  const a = e.args;
  const weak = (inner: Expression): 'weak' | 'none' => (monotonicity(inner) === 'none' ? 'none' : 'weak');
  const temporalArg = (x: Expression) => evalTypeOf(x.type) === EvalType.Datetime;
  switch (e.name) {
    case 'plus':
      if (a[1] instanceof Constant) return monotonicity(a[0]!);
      if (a[0] instanceof Constant) return monotonicity(a[1]!);
      return 'none';
    case 'minus':
      return a[1] instanceof Constant ? monotonicity(a[0]!) : 'none';
    case 'intdiv':
      return a[1] instanceof Constant && Number(a[1].value) > 0 ? weak(a[0]!) : 'none';
    case 'extract': {
      const unit = a[0] instanceof Constant ? String(a[0].value).toUpperCase() : '';
      return (unit === 'YEAR' || unit === 'YEAR_MONTH') && temporalArg(a[1]!) ? weak(a[1]!) : 'none';
    }
    case 'cast':
      return evalTypeOf(a[0]!.type) === evalTypeOf(e.type) ? monotonicity(a[0]!) : 'none';
    default:
      if (MONOTONIC_TEMPORAL.has(e.name)) return a.length === 1 && temporalArg(a[0]!) ? weak(a[0]!) : 'none';
      if (MONOTONIC_NUMERIC.has(e.name)) return weak(a[0]!);
      return 'none';
  }
}
