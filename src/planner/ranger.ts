// The ranger: from the conditions on a table, the key ranges of an index (or of the row handle)
// that contain every row that can satisfy them. Ranges are a superset filter: the reader still
// evaluates every condition, so a range only has to be correct, never exact.
import { type Column, Constant, type Expression, ScalarFunction } from '../expression/expression.js';
import { comparatorFor, type ValueComparator } from '../expression/value-compare.js';
import { EvalType, evalTypeOf as evalTypeOfField, type FieldType } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { flatMap } from '../util/arrays.js';
import { notNullColumn } from './expr-util.js';

/**
 * Keys between `low` and `high` over the leading index columns. A bound shorter than the index is
 * a prefix: every key starting with it. `low: []` is the start of the index, `high: []` its end.
 */
export interface Range {
  low: Value[];
  lowExcl: boolean;
  high: Value[];
  highExcl: boolean;
}

/** One column's admissible values: a sorted list of disjoint intervals. */
interface Interval {
  low: Value | undefined;
  lowExcl: boolean;
  high: Value | undefined;
  highExcl: boolean;
}

const MAX_POINTS = 256;

export interface RangeResult {
  ranges: Range[];
  /** How many leading columns are pinned to points (equality / IN). */
  eqColumns: number;
  /** Whether any condition constrained the first column. */
  useful: boolean;
  /** Every range is a single full-key point. */
  allPoints: boolean;
  /** The conditions the ranges express exactly: the reader need not evaluate them again. */
  accessConds: Expression[];
}

const SIMPLE = new Set(['eq', 'nulleq', 'lt', 'le', 'gt', 'ge', 'in', 'isnull']);

/** Conditions that are exactly a comparison (or an OR of comparisons) of one of `cols` with usable constants. */
function exactConds(conds: readonly Expression[], cols: readonly Column[]): Expression[] {
  return conds.filter((c) => cols.some((col) => isExact(c, col)));
}

function isExact(e: Expression, col: Column): boolean {
  if (!(e instanceof ScalarFunction)) return false;
  if (e.name === 'or') return isExact(e.args[0]!, col) && isExact(e.args[1]!, col);
  if (notNullOf(e, col)) return true;
  if (!SIMPLE.has(e.name)) return false;
  const [first, ...rest] = e.args;
  if (e.name === 'isnull') return isCol(first!, col);
  if (e.name === 'in') return isCol(first!, col) && rest.every((x) => usableConst(x, col.type) !== undefined);
  if (isCol(first!, col)) return usableConst(rest[0]!, col.type) !== undefined;
  return isCol(rest[0]!, col) && usableConst(first!, col.type) !== undefined;
}

/** Conditions on `cols` (index columns in order) → ranges. Conditions must be CNF items. */
export function buildRanges(conds: readonly Expression[], cols: readonly Column[]): RangeResult {
  let prefixes: Value[][] = [[]];
  let eqColumns = 0;
  for (const col of cols) {
    const ivs = columnIntervals(conds, col);
    // Only NOT NULL (a join key's derived filter) narrows nothing worth a range read.
    if (!ivs || isAllNonNull(ivs)) break;
    if (ivs.length === 0) return { ranges: [], eqColumns, useful: true, allPoints: true, accessConds: [] };
    const points = ivs.every((iv) => isPoint(iv));
    if (points && prefixes.length * ivs.length <= MAX_POINTS) {
      prefixes = flatMap(prefixes, (p) => ivs.map((iv) => [...p, iv.low as Value]));
      eqColumns++;
      continue;
    }
    const ranges: Range[] = [];
    for (const p of prefixes) {
      for (const iv of ivs) {
        ranges.push({
          low: iv.low === undefined ? [...p, null] : [...p, iv.low],
          // Unbounded below still excludes NULL: a range condition never matches NULL.
          lowExcl: iv.low === undefined ? true : iv.lowExcl,
          high: iv.high === undefined ? p : [...p, iv.high],
          highExcl: iv.high === undefined ? false : iv.highExcl,
        });
      }
    }
    return {
      ranges,
      eqColumns,
      useful: true,
      allPoints: false,
      accessConds: exactConds(conds, cols.slice(0, eqColumns + 1)),
    };
  }
  if (eqColumns === 0)
    return {
      ranges: [{ low: [], lowExcl: false, high: [], highExcl: false }],
      eqColumns,
      useful: false,
      allPoints: false,
      accessConds: [],
    };
  return {
    ranges: prefixes.map((p) => ({ low: p, lowExcl: false, high: p, highExcl: false })),
    eqColumns,
    useful: true,
    allPoints: eqColumns === cols.length,
    accessConds: exactConds(conds, cols.slice(0, eqColumns)),
  };
}

function isPoint(iv: Interval): boolean {
  return iv.low !== undefined && iv.high !== undefined && !iv.lowExcl && !iv.highExcl && iv.low === iv.high;
}

/** Intersection of what each condition allows for `col`; undefined when nothing constrains it. */
function columnIntervals(conds: readonly Expression[], col: Column): Interval[] | undefined {
  const cmp = comparatorFor(col.type);
  let acc: Interval[] | undefined;
  for (const c of conds) {
    const ivs = condIntervals(c, col, cmp);
    if (!ivs) continue;
    acc = acc ? intersect(acc, ivs, cmp) : ivs;
  }
  return acc;
}

const FLIP: Record<string, string> = { lt: 'gt', le: 'ge', gt: 'lt', ge: 'le', eq: 'eq', nulleq: 'nulleq' };

function condIntervals(e: Expression, col: Column, cmp: ValueComparator): Interval[] | undefined {
  if (!(e instanceof ScalarFunction)) return undefined;
  const a = e.args;
  if (e.name === 'or') {
    // Every branch must bound the column: stop at the first that does not.
    const l = condIntervals(a[0]!, col, cmp);
    if (!l) return undefined;
    const r = condIntervals(a[1]!, col, cmp);
    return r ? union([...l, ...r], cmp) : undefined;
  }
  if (e.name === 'and') {
    const l = condIntervals(a[0]!, col, cmp);
    const r = condIntervals(a[1]!, col, cmp);
    if (l && r) return intersect(l, r, cmp);
    return l ?? r;
  }
  if (e.name === 'isnull' && isCol(a[0]!, col)) return [{ low: null, lowExcl: false, high: null, highExcl: false }];
  if (notNullOf(e, col)) return [{ low: null, lowExcl: true, high: undefined, highExcl: false }];
  if (e.name === 'in' && isCol(a[0]!, col)) {
    const vals: Value[] = [];
    for (const x of a.slice(1)) {
      const v = usableConst(x, col.type);
      if (v === undefined) return undefined;
      if (v !== null) vals.push(v);
    }
    return union(
      vals.map((v) => ({ low: v, lowExcl: false, high: v, highExcl: false })),
      cmp,
    );
  }
  let op = FLIP[e.name];
  if (!op || a.length !== 2) return undefined;
  let v: Value | undefined;
  if (isCol(a[0]!, col)) {
    op = e.name;
    v = usableConst(a[1]!, col.type);
  } else if (isCol(a[1]!, col)) {
    v = usableConst(a[0]!, col.type);
  } else {
    return undefined;
  }
  if (v === undefined) return undefined;
  if (v === null) return op === 'nulleq' ? [{ low: null, lowExcl: false, high: null, highExcl: false }] : [];
  switch (op) {
    case 'eq':
    case 'nulleq':
      return [{ low: v, lowExcl: false, high: v, highExcl: false }];
    case 'lt':
      return [{ low: null, lowExcl: true, high: v, highExcl: true }];
    case 'le':
      return [{ low: null, lowExcl: true, high: v, highExcl: false }];
    case 'gt':
      return [{ low: v, lowExcl: true, high: undefined, highExcl: false }];
    default:
      return [{ low: v, lowExcl: false, high: undefined, highExcl: false }];
  }
}

/** Whether `e` is `not(isnull(col))`. */
function notNullOf(e: Expression, col: Column): boolean {
  const c = notNullColumn(e);
  return c !== undefined && isCol(c, col);
}

/** Whether the intervals are every non-NULL value. */
function isAllNonNull(ivs: readonly Interval[]): boolean {
  const iv = ivs[0]!;
  return ivs.length === 1 && iv.low === null && iv.lowExcl && iv.high === undefined;
}

function isCol(e: Expression, col: Column): boolean {
  return e.equals(col);
}

/**
 * A constant whose value can bound the column's key directly: same evaluation type (and, for
 * strings, compared under the column's collation), so no conversion can change the comparison's meaning.
 */
function usableConst(e: Expression, ft: FieldType): Value | undefined {
  if (!(e instanceof Constant)) return undefined;
  if (e.value === null) return null;
  const et = e.evalType;
  const colEt = evalTypeOfField(ft);
  if (et !== colEt) return undefined;
  // A constant is more coercible than a column: the comparison uses the column's collation unless
  // the constant is binary.
  if (et === EvalType.String && e.type.collate !== ft.collate && e.type.charset === 'binary') return undefined;
  if (et === EvalType.Int && typeof e.value === 'bigint' && (e.type.flag & 32) !== (ft.flag & 32)) return undefined;
  return e.value;
}

function lowCmp(a: Interval, b: Interval, cmp: ValueComparator): number {
  if (a.low === undefined || b.low === undefined) return a.low === b.low ? 0 : a.low === undefined ? -1 : 1;
  const c = cmpVal(a.low, b.low, cmp);
  if (c !== 0) return c;
  return (a.lowExcl ? 1 : 0) - (b.lowExcl ? 1 : 0);
}

function cmpVal(a: Value, b: Value, cmp: ValueComparator): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return cmp(a, b);
}

/** Sorted, merged union of intervals. */
function union(ivs: Interval[], cmp: ValueComparator): Interval[] {
  const sorted = [...ivs].sort((x, y) => lowCmp(x, y, cmp));
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && overlaps(last, iv, cmp)) {
      if (last.high !== undefined && (iv.high === undefined || cmpVal(iv.high, last.high, cmp) > 0)) {
        last.high = iv.high;
        last.highExcl = iv.highExcl;
      } else if (last.high !== undefined && iv.high !== undefined && cmpVal(iv.high, last.high, cmp) === 0) {
        last.highExcl = last.highExcl && iv.highExcl;
      }
    } else {
      out.push({ ...iv });
    }
  }
  return out;
}

function overlaps(a: Interval, b: Interval, cmp: ValueComparator): boolean {
  if (a.high === undefined || b.low === undefined) return true;
  const c = cmpVal(b.low, a.high, cmp);
  return c < 0 || (c === 0 && !(a.highExcl && b.lowExcl));
}

function intersect(a: Interval[], b: Interval[], cmp: ValueComparator): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lowFromX = lowCmp(x, y, cmp) >= 0;
      const low = lowFromX ? x : y;
      let high: Interval;
      if (x.high === undefined) high = y;
      else if (y.high === undefined) high = x;
      else {
        const c = cmpVal(x.high, y.high, cmp);
        high = c < 0 || (c === 0 && x.highExcl) ? x : y;
      }
      const iv: Interval = { low: low.low, lowExcl: low.lowExcl, high: high.high, highExcl: high.highExcl };
      if (iv.low !== undefined && iv.high !== undefined) {
        const c = cmpVal(iv.low, iv.high, cmp);
        if (c > 0 || (c === 0 && (iv.lowExcl || iv.highExcl))) continue;
      }
      out.push(iv);
    }
  }
  return union(out, cmp);
}
