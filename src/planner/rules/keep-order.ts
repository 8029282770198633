// Keep order (TiDB's sort property): a Sort or TopN over a data source (through projections and
// selections, which keep their input's order) needs no sorting when the source's access path reads
// rows in the order it asks for. The path is then marked keepOrder (desc: scanned backwards), the
// Sort disappears and a TopN becomes a Limit right above the source (EXPLAIN shows it pushed into
// the reader). Orders a path gives, by key encoding (NULL first, strings by their collation's sort
// key, ENUM/SET by member number — as ORDER BY compares them):
//   table scan:  the handle (integer PK or _tidb_rowid, signed only) or the clustered PK columns;
//   index scan:  the index columns after those every range fixes to one value, then the handle.
// Several partitions are each ordered but not as a whole (that needs a merge), so only a source
// reading one physical table keeps order.
// A TopN (and a Sort) over an unfiltered full scan may also switch to a full scan that gives the
// order: a covering index or the table; a TopN to a non-covering index when reading about
// (offset+count)/selectivity index rows and their rows costs less than the full scan (TiDB's
// pseudo selectivities: 1/1000 per equality, 1/3 per range, 0.8 otherwise).
import { type IndexInfo, physicalIds, primaryIndex } from '../../catalog/model.js';
import { Column, type Expression, ScalarFunction } from '../../expression/expression.js';
import { comparatorFor } from '../../expression/value-compare.js';
import { EvalType, evalTypeOf, type FieldType, isUnsigned } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import { PSEUDO_ROWS, tableRows } from '../cardinality.js';
import { hasSideEffects } from '../expr-util.js';
import { orderAllowed, pathAllowed } from '../index-hints.js';
import {
  type AccessPath,
  DataSource,
  Limit,
  type Plan,
  Projection,
  Selection,
  Sort,
  type SortItem,
  TopN,
} from '../plans.js';
import type { Range } from '../ranger.js';
import { covers, rangeable } from './access-path.js';

const LOOKUP_FACTOR = 3;

/** One ORDER BY item resolved to a data source column. */
interface OrderItem {
  col: Column;
  desc: boolean;
}

export function keepOrder(p: Plan): Plan {
  p.children = p.children.map(keepOrder);
  if (!(p instanceof Sort) && !(p instanceof TopN)) return p;
  const chain = sourceOf(p.children[0]!, p.items);
  if (!chain) return p;
  const { ds, items } = chain;
  const limit = p instanceof TopN ? p.offset + p.count : undefined;
  const direction = pathOrder(ds, ds.access, items) ?? switchToOrderedPath(ds, items, limit);
  if (direction === undefined) return p;
  markOrdered(ds, direction);
  if (p instanceof Sort) return p.children[0]!;
  return limitOver(p, chain.above, ds);
}

/**
 * `p` itself when its data source's path (or an equally full scan) reads it ordered by `items` (the
 * path is then marked keep order), else undefined: for operators that need sorted input (merge join).
 */
export function orderedByPath(p: Plan, items: readonly SortItem[]): Plan | undefined {
  const chain = sourceOf(p, items);
  if (!chain) return undefined;
  const direction = pathOrder(chain.ds, chain.ds.access, chain.items) ?? switchToOrderedPath(chain.ds, chain.items);
  if (direction === undefined) return undefined;
  markOrdered(chain.ds, direction);
  return p;
}

function markOrdered(ds: DataSource, direction: 'asc' | 'desc'): void {
  const a = ds.access as Extract<AccessPath, { keepOrder: boolean }>;
  ds.access = { ...a, keepOrder: true, desc: direction === 'desc' };
}

/** The TopN as a Limit: right above the source when only side-effect-free projections lie between. */
function limitOver(t: TopN, above: Plan[], ds: DataSource): Plan {
  const pushable = above.every((n) => n instanceof Projection && !n.exprs.some(hasSideEffects));
  const at = pushable ? ds : t.children[0]!;
  const limit = new Limit(at, t.offset, t.count);
  limit.estRows = Math.min(at.estRows, t.count);
  if (!pushable || above.length === 0) return limit;
  above[above.length - 1]!.children[0] = limit;
  return t.children[0]!;
}

/**
 * The data source under `p` through projections and selections, with the sort items as its
 * columns and the nodes passed (top first); undefined when an item is not (a rename of) a column.
 */
function sourceOf(p: Plan, sortItems: readonly SortItem[]) {
  let items: OrderItem[] = [];
  for (const it of sortItems) {
    if (!(it.expr instanceof Column)) return undefined;
    items.push({ col: it.expr, desc: it.desc });
  }
  const above: Plan[] = [];
  for (;;) {
    if (p instanceof DataSource) return p.table.id < 0 ? undefined : { ds: p, items, above };
    if (p instanceof Projection) {
      const mapped: OrderItem[] = [];
      for (const it of items) {
        const e = p.exprs[p.schema.findIndex((c) => c.uid === it.col.uid)];
        if (!(e instanceof Column)) return undefined;
        mapped.push({ col: e, desc: it.desc });
      }
      items = mapped;
    } else if (!(p instanceof Selection)) return undefined;
    above.push(p);
    p = p.children[0]!;
  }
}

/** The key order a path reads in: its columns (undefined where not read), how many lead fixed, whether unique. */
interface KeyOrder {
  cols: (Column | undefined)[];
  fixed: number;
  /** Whether the whole key identifies a row (later sort items never matter). */
  unique: boolean;
}

/** The direction in which `path` reads rows ordered by `items`, if it does. */
export function pathOrder(ds: DataSource, path: AccessPath, items: readonly OrderItem[]): 'asc' | 'desc' | undefined {
  if (items.length === 0 || !singlePhysicalTable(ds)) return undefined;
  if (path.kind !== 'tableScan' && path.kind !== 'indexScan') return undefined;
  if (!orderAllowed(ds, path.kind === 'indexScan' ? path.index : null)) return undefined;
  const key = keyOrder(ds, path);
  if (!key) return undefined;
  const constant = new Set(key.cols.slice(0, key.fixed).map((c) => c?.uid));
  let j = key.fixed;
  let desc: boolean | undefined;
  for (const it of items) {
    if (constant.has(it.col.uid)) continue;
    if (j >= key.cols.length) {
      if (key.unique) break;
      return undefined;
    }
    if (key.cols[j]?.uid !== it.col.uid || !keyOrdered(it.col)) return undefined;
    if (desc !== undefined && desc !== it.desc) return undefined;
    desc = it.desc;
    j++;
  }
  return desc ? 'desc' : 'asc';
}

function keyOrder(ds: DataSource, path: AccessPath): KeyOrder | undefined {
  if (path.kind === 'tableScan') {
    const handle = handleColumns(ds);
    return handle && { cols: handle, fixed: 0, unique: true };
  }
  if (path.kind !== 'indexScan') return undefined;
  const index = path.index;
  if (index.columns.some((ic) => ic.length !== undefined && ic.length !== -1)) return undefined;
  const cols = index.columns.map((ic) => schemaColumn(ds, ic.offset));
  const fixed = fixedPrefix(
    path.ranges,
    index.columns.map((ic) => ds.table.columns[ic.offset]!.type),
  );
  // Index entries of equal values follow in handle order.
  const handle = handleColumns(ds);
  return handle ? { cols: [...cols, ...handle], fixed, unique: true } : { cols, fixed, unique: false };
}

/** The row handle's columns in key order (undefined where not read), or undefined when keys do not order it. */
function handleColumns(ds: DataSource): (Column | undefined)[] | undefined {
  const t = ds.table;
  if (t.isCommonHandle) {
    const pk = primaryIndex(t);
    if (!pk || pk.columns.some((ic) => ic.length !== undefined && ic.length !== -1)) return undefined;
    return pk.columns.map((ic) => schemaColumn(ds, ic.offset));
  }
  // Keys hold the handle as a signed 64-bit integer: unsigned values past 2^63 would wrap.
  const h = ds.handleColumn;
  return h && isUnsigned(h.type) ? undefined : [h];
}

function schemaColumn(ds: DataSource, offset: number): Column | undefined {
  const i = ds.columnOffsets.indexOf(offset);
  return i < 0 ? undefined : ds.schema[i];
}

/** Whether a column's key encoding orders it as ORDER BY does (JSON keys do not). */
function keyOrdered(c: Column): boolean {
  return evalTypeOf(c.type) !== EvalType.Json;
}

/** How many leading index columns every range fixes to one and the same value. */
function fixedPrefix(ranges: readonly Range[], types: readonly FieldType[]): number {
  let n = 0;
  for (; n < types.length; n++) {
    const cmp = comparatorFor(types[n]!);
    const same = (a: Value, b: Value) => (a === null || b === null ? a === b : cmp(a, b) === 0);
    const first = ranges[0]?.low[n];
    const fixed = ranges.every(
      (r) =>
        r.low.length > n &&
        r.high.length > n &&
        same(r.low[n]!, r.high[n]!) &&
        first !== undefined &&
        same(r.low[n]!, first),
    );
    if (!fixed) break;
  }
  return n;
}

function singlePhysicalTable(ds: DataSource): boolean {
  if (!ds.table.partition) return true;
  return (ds.partitionIds ?? ds.explicitPartitions ?? physicalIds(ds.table)).length === 1;
}

const FULL_RANGE: Range = { low: [], lowExcl: false, high: [], highExcl: false };

/** Whether a path reads everything: a full table scan or a full scan of an index. */
function isFullScan(path: AccessPath): boolean {
  if (path.kind === 'tableScan') return path.ranges === null;
  if (path.kind !== 'indexScan' || path.ranges.length !== 1) return false;
  const r = path.ranges[0]!;
  return r.low.length === 0 && r.high.length === 0;
}

/**
 * A full scan that gives the order, replacing an unfiltered full scan that does not: a covering
 * index, else the table, else (for a TopN reading `limit` rows) a non-covering index when cheaper.
 */
function switchToOrderedPath(ds: DataSource, items: readonly OrderItem[], limit?: number) {
  if (!isFullScan(ds.access) || !singlePhysicalTable(ds)) return undefined;
  const candidates: { path: AccessPath; covering: boolean }[] = [];
  for (const index of ds.table.indices) {
    if (!rangeable(ds, index) || !pathAllowed(ds, index)) continue;
    const covering = covers(ds, index);
    candidates.push({ path: indexFullScan(index, covering), covering });
  }
  const table: AccessPath = { kind: 'tableScan', ranges: null, keepOrder: false, desc: false };
  const ordered = (path: AccessPath) => pathOrder(ds, path, items);
  const pick =
    candidates.find((c) => c.covering && ordered(c.path)) ??
    (pathAllowed(ds, null) && ordered(table) ? { path: table, covering: true } : undefined) ??
    (limit === undefined ? undefined : candidates.find((c) => ordered(c.path) && lookupCheaper(ds, limit)));
  if (!pick) return undefined;
  ds.access = pick.path;
  ds.residual = ds.conditions;
  ds.accessRows = ds.stats ? tableRows(ds) : PSEUDO_ROWS;
  return ordered(pick.path);
}

function indexFullScan(index: IndexInfo, covering: boolean): AccessPath {
  return { kind: 'indexScan', index, ranges: [FULL_RANGE], keepOrder: false, desc: false, covering };
}

/** Whether reading index entries in order until `limit` rows pass the conditions beats a full scan and a TopN. */
function lookupCheaper(ds: DataSource, limit: number): boolean {
  const total = ds.stats ? tableRows(ds) : PSEUDO_ROWS;
  const sel = ds.stats ? Math.min(1, ds.estRows / Math.max(1, total)) : pseudoSelectivity(ds.conditions);
  return Math.min(total, limit / sel) * LOOKUP_FACTOR < total;
}

function pseudoSelectivity(conds: readonly Expression[]): number {
  let sel = 1;
  for (const c of conds) {
    const name = c instanceof ScalarFunction ? c.name : '';
    if (name === 'eq' || name === 'nulleq' || name === 'isnull') sel /= 1000;
    else if (name === 'lt' || name === 'le' || name === 'gt' || name === 'ge') sel /= 3;
    else if (name === 'in') sel *= Math.min(1, ((c as ScalarFunction).args.length - 1) / 1000);
    else sel *= 0.8;
  }
  return sel;
}
