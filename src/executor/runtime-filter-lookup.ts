// A table reader under a runtime filter whose keys turned out few may read those keys' rows through an
// index led by the filtered column (or by handle) instead of scanning the whole table: TPC-H Q2 reads the
// partsupp rows of some 80 parts out of 20,000, Q18 the lineitem rows of a few orders. Decided when the
// reader is first asked for rows, which is after the joins above it have built their tables.
import type { Column } from '../expression/expression.js';
import type { DataSource } from '../planner/plans.js';
import type { Row, Value } from '../types/value.js';
import type { ExecContext } from './executor.js';
import { InnerLookup } from './index-join/inner-lookup.js';

/**
 * Cost of reading one row by key through a secondary index (its entry, then the row) and by handle,
 * relative to scanning one row that a runtime filter then drops. On the memory engine an index probe takes
 * ~0.65 µs and a row read ~0.5 µs plus its decoding, a scanned row ~0.1–0.3 µs: the factors lean to the
 * scan, whose cost is the better known.
 */
const INDEX_ROW_COST = 10;
const HANDLE_ROW_COST = 5;

/** What a reader read by key instead of scanning, for EXPLAIN ANALYZE. */
export interface FilterLookup {
  rows: Row[];
  keys: number;
}

/**
 * The rows of `ds` (in `schema`, its conditions applied) whose filtered column holds one of a runtime
 * filter's keys, read through the cheapest lookup when that costs less than the scan it replaces; null
 * when the reader should scan. Rows come in index order, which only an unordered scan may return.
 */
export async function readByRuntimeFilter(
  ctx: ExecContext,
  ds: DataSource,
  schema: readonly Column[],
): Promise<FilterLookup | null> {
  const a = ds.access;
  if (a.kind !== 'tableScan' || a.keepOrder || ctx.lockRows) return null;
  let best: { values: readonly Value[]; target: DataSource['runtimeFilters'][number]; cost: number } | null = null;
  for (const t of ds.runtimeFilters) {
    const filter = t.lookup && ctx.runtimeFilters?.get(t.join);
    if (!filter) continue;
    const cost = filter.values.length * t.lookup!.rowsPerKey * (t.lookup!.index ? INDEX_ROW_COST : HANDLE_ROW_COST);
    if (!best || cost < best.cost) best = { values: filter.values, target: t, cost };
  }
  if (!best || best.cost >= ds.accessRows) return null;
  const { index, offset } = best.target.lookup!;
  const lookup = new InnerLookup(ds, index, [offset], schema, false);
  const ev = ctx.evalCtx;
  const keys: Value[][] = [];
  for (const v of best.values) {
    const key = lookup.convertKey([v], ev.timeZoneOffsetMinutes, ev.divPrecisionIncrement);
    if (key) keys.push(key);
  }
  const counts = { keys: 0, rows: 0 };
  const rows = keys.length ? await lookup.read(ctx.reader, lookup.sortKeys(keys), ev, counts) : [];
  return { rows, keys: counts.keys };
}
