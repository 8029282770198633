import type { SortItem } from '../planner/plans.js';
import type { Column, EvalFn } from '../expression/expression.js';
import { orderComparatorFor } from '../expression/value-compare.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, type ExecContext, Executor } from './executor.js';
import { rowSize } from './mem-tracker.js';
import { getCollation } from '../types/collation.js';
import { EvalType, evalTypeOf, TypeCode } from '../types/field-type.js';

/** Compiles ORDER BY items into a row comparator over precomputed keys (NULLs first ascending, as MySQL). */
export function sortKeyComparator(items: readonly SortItem[]): (a: Value[], b: Value[]) => number {
  const cmps = items.map((i) => orderComparatorFor(i.expr.type));
  const dirs = items.map((i) => (i.desc ? -1 : 1));
  return (a, b) => {
    for (let i = 0; i < cmps.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      let c: number;
      if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
      else c = cmps[i]!(x, y);
      if (c !== 0) return c * dirs[i]!;
    }
    return 0;
  };
}

/** Materializes and sorts (stable); TopN keeps only offset+count rows. */
export class SortExec extends Executor {
  private sorted: Row[] | null = null;
  private pos = 0;
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly items: readonly SortItem[],
    private readonly childSchema: readonly Column[],
    private readonly offset = 0,
    private readonly count = Number.POSITIVE_INFINITY,
  ) {
    super(ctx, [child]);
  }

  async next(): Promise<Row[] | null> {
    if (!this.sorted) this.sorted = await this.sortAll();
    if (this.pos >= this.sorted.length) return null;
    const out = this.sorted.slice(this.pos, this.pos + BATCH_SIZE);
    this.pos += out.length;
    return out;
  }

  private async sortAll(): Promise<Row[]> {
    const keyFns = compileAll(
      this.items.map((i) => i.expr),
      this.childSchema,
    );
    const ctx = this.ctx.evalCtx;
    const cmp = sortKeyComparator(this.items);
    const order = (a: SortEntry, b: SortEntry) => cmp(a.key, b.key) || a.seq - b.seq;
    if (Number.isFinite(this.count)) return this.topN(keyFns, order);
    const rows: Row[] = [];
    for (let b = await this.children[0]!.next(); b; b = await this.children[0]!.next()) {
      for (const row of b) rows.push(row);
      const mem = this.ctx.memTracker;
      if (mem) for (const row of b) mem.consume(rowSize(row) + 48);
    }
    // One key is evaluated once, whichever path then sorts by it.
    const single = keyFns.length === 1 ? rows.map((row) => keyFns[0]!(row, ctx)) : null;
    if (single) {
      const sorted = sortByOneKey(rows, single, this.items[0]!);
      if (sorted) return sorted;
    }
    // Array.prototype.sort is stable: rows with equal keys keep their input order.
    const entries = rows.map(
      (row, i): SortEntry => ({ key: single ? [single[i]!] : keyFns.map((f) => f(row, ctx)), row, seq: 0 }),
    );
    entries.sort((a, b) => cmp(a.key, b.key));
    return entries.map((e) => e.row);
  }

  /**
   * TopN: a bounded max-heap of the offset+count best rows so far (the worst on top), so memory and
   * work stay proportional to the limit instead of the input.
   */
  private async topN(keyFns: EvalFn[], order: (a: SortEntry, b: SortEntry) => number): Promise<Row[]> {
    const ctx = this.ctx.evalCtx;
    const limit = this.offset + this.count;
    const heap: SortEntry[] = [];
    let seq = 0;
    let probe: SortEntry = { key: new Array(keyFns.length), row: [], seq: 0 };
    for (let b = await this.children[0]!.next(); b; b = await this.children[0]!.next()) {
      for (const row of b) {
        for (let i = 0; i < keyFns.length; i++) probe.key[i] = keyFns[i]!(row, ctx);
        probe.row = row;
        probe.seq = seq++;
        if (heap.length < limit) {
          heap.push(probe);
          siftUp(heap, heap.length - 1, order);
        } else if (heap.length > 0 && order(probe, heap[0]!) < 0) {
          const out = heap[0]!;
          heap[0] = probe;
          siftDown(heap, 0, order);
          probe = out;
          continue;
        } else continue;
        this.ctx.memTracker?.consume(rowSize(row) + 48);
        probe = { key: new Array(keyFns.length), row: [], seq: 0 };
      }
    }
    heap.sort(order);
    return heap.slice(this.offset).map((e) => e.row);
  }
}

/** Key types whose non-NULL values compare as JS numbers (bigints aside). */
const NUMERIC_ORDER: ReadonlySet<EvalType> = new Set([EvalType.Int, EvalType.Real]);

const numberKey = (v: Value) => (typeof v === 'number' ? v : undefined);
const byNumber = (a: number, b: number) => a - b;
const stringKey = (v: Value) => (typeof v === 'string' ? v : undefined);

/**
 * Sorts by one key without the general comparator (a key array per row, a loop over the keys per pair):
 * 32-bit integers (the common ORDER BY of an integer column) packed with their positions in a typed
 * array, other numbers by subtraction, strings by their collation.
 * NULLs first ascending, last descending, as MySQL. Null for other keys, or when a value is not of the
 * expected kind (a bigint), for the general path.
 */
function sortByOneKey(rows: readonly Row[], keys: readonly Value[], item: SortItem): Row[] | null {
  const ft = item.expr.type;
  const et = evalTypeOf(ft);
  if (et === EvalType.Int) {
    const sorted = sortByInt32Key(rows, keys, item.desc);
    if (sorted) return sorted;
  }
  if (NUMERIC_ORDER.has(et)) return sortByKeyOf(rows, keys, item.desc, numberKey, byNumber);
  if (et !== EvalType.String || ft.tp === TypeCode.Enum || ft.tp === TypeCode.Set) return null;
  const coll = getCollation(ft.collate) ?? getCollation('utf8mb4_bin')!;
  return sortByKeyOf(rows, keys, item.desc, stringKey, (a, b) => coll.compare(a, b));
}

/** Rows a packed integer sort takes: positions fit in 21 bits, beside a 32-bit key in a double's 53. */
const PACKED_ROWS = 2 ** 21;
const INT32_BIAS = 2 ** 31;

/**
 * Integer keys within 32 bits: each row becomes key·2^21 + position in a Float64Array, which sorts
 * natively, without a comparator call per pair; the position breaks ties, so equal keys keep their input
 * order (descending too: the key is mirrored, not the order). Null when a key is wider (or a bigint).
 */
function sortByInt32Key(rows: readonly Row[], keys: readonly Value[], desc: boolean): Row[] | null {
  if (rows.length >= PACKED_ROWS) return null;
  const nulls: Row[] = [];
  const packed = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = keys[i]!;
    if (v === null) {
      nulls.push(rows[i]!);
      continue;
    }
    if (typeof v !== 'number' || v < -INT32_BIAS || v >= INT32_BIAS) return null;
    packed[n++] = (desc ? INT32_BIAS - 1 - v : v + INT32_BIAS) * PACKED_ROWS + i;
  }
  const sorted = packed.subarray(0, n).sort();
  // NULLs first ascending, last descending.
  const out: Row[] = desc ? [] : nulls;
  for (let j = 0; j < n; j++) out.push(rows[sorted[j]! % PACKED_ROWS]!);
  if (desc) for (const r of nulls) out.push(r);
  return out;
}

function sortByKeyOf<K>(
  rows: readonly Row[],
  keys: readonly Value[],
  desc: boolean,
  keyOf: (v: Value) => K | undefined,
  order: (a: K, b: K) => number,
): Row[] | null {
  const nulls: Row[] = [];
  const entries: { k: K; row: Row }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const v = keys[i]!;
    if (v === null) {
      nulls.push(row);
      continue;
    }
    const k = keyOf(v);
    if (k === undefined) return null;
    entries.push({ k, row });
  }
  // Array.prototype.sort is stable: rows with equal keys keep their input order.
  entries.sort(desc ? (a, b) => order(b.k, a.k) : (a, b) => order(a.k, b.k));
  const out: Row[] = desc ? [] : nulls;
  for (const e of entries) out.push(e.row);
  if (desc) for (const r of nulls) out.push(r);
  return out;
}

interface SortEntry {
  key: Value[];
  row: Row;
  seq: number;
}

/** Max-heap by `order`: the entry that sorts last is at index 0. */
function siftUp(h: SortEntry[], i: number, order: (a: SortEntry, b: SortEntry) => number): void {
  const e = h[i]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (order(h[p]!, e) >= 0) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = e;
}

function siftDown(h: SortEntry[], i: number, order: (a: SortEntry, b: SortEntry) => number): void {
  const e = h[i]!;
  const n = h.length;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && order(h[c + 1]!, h[c]!) > 0) c++;
    if (order(h[c]!, e) <= 0) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = e;
}
