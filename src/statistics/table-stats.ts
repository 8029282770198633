// Statistics of one table, as ANALYZE TABLE collects them: the row count, and per column the number
// of distinct values, the NULL count and an equi-depth histogram; per index the distinct full keys.
// A TableStats value is immutable once built: the domain replaces it on the next ANALYZE and keeps
// the rows written since (the realtime count) beside it.
import type { ColumnInfo, IndexInfo } from '../catalog/model.js';
import { comparatorFor, keyFnFor, rowKeyFn } from '../expression/value-compare.js';
import type { Value } from '../types/value.js';
import { Histogram } from './histogram.js';

export class ColumnStats {
  constructor(
    /** Rows analyzed (NULLs included). */
    readonly count: number,
    readonly ndv: number,
    readonly nullCount: number,
    readonly histogram: Histogram,
  ) {}

  /** Estimated rows equal to `v` (NULL: the NULL count). */
  equalRows(v: Value): number {
    return v === null ? this.nullCount : this.histogram.equal(v);
  }

  /**
   * Estimated rows in a range of values: `low`/`high` undefined mean unbounded; NULLs count only
   * when `withNull` (a range starting at NULL inclusive).
   */
  rangeRows(low: Value | undefined, lowExcl: boolean, high: Value | undefined, highExcl: boolean, withNull: boolean) {
    const h = this.histogram;
    const upTo = high === undefined ? h.total : h.below(high, !highExcl);
    const from = low === undefined ? 0 : h.below(low, lowExcl);
    return Math.max(0, upTo - from) + (withNull ? this.nullCount : 0);
  }
}

export interface TableStats {
  /** Rows when analyzed. */
  readonly count: number;
  /** By column id. */
  readonly columns: ReadonlyMap<number, ColumnStats>;
  /** Distinct full keys by index id. */
  readonly indexNdv: ReadonlyMap<number, number>;
  /** When ANALYZE ran (ms since the epoch). */
  readonly analyzedAt: number;
}

/** A table's statistics as the planner sees them: what ANALYZE found, and the rows written since. */
export interface StatsView {
  readonly stats: TableStats;
  /** Rows now: the analyzed count plus inserts minus deletes since (TiDB's realtime count). */
  readonly realtimeCount: number;
  /** Rows inserted, deleted or updated since ANALYZE. */
  readonly modifyCount: number;
}

/** Rows a committed statement or transaction wrote to one table. */
export interface RowChanges {
  inserted: number;
  deleted: number;
  updated: number;
}

/** Builds a table's statistics from all of its rows (values in table column order). */
export function buildTableStats(
  columns: readonly ColumnInfo[],
  indexes: readonly IndexInfo[],
  rows: readonly (readonly Value[])[],
  analyzedAt: number,
): TableStats {
  const stats = new Map<number, ColumnStats>();
  for (const col of columns) {
    const cmp = comparatorFor(col.type);
    const key = keyFnFor(col.type);
    const values: Value[] = [];
    const distinct = new Set<string | number>();
    let nulls = 0;
    for (const row of rows) {
      const v = row[col.offset] ?? null;
      if (v === null) {
        nulls++;
        continue;
      }
      values.push(v);
      distinct.add(key(v));
    }
    values.sort(cmp);
    stats.set(col.id, new ColumnStats(rows.length, distinct.size, nulls, Histogram.build(values, cmp)));
  }
  const indexNdv = new Map<number, number>();
  for (const index of indexes) {
    const cols = index.columns.map((ic) => columns[ic.offset]!);
    const key = rowKeyFn(cols.map((c) => c.type));
    const distinct = new Set<string | number>();
    for (const row of rows) distinct.add(key(cols.map((c) => row[c.offset] ?? null)));
    indexNdv.set(index.id, distinct.size);
  }
  return { count: rows.length, columns: stats, indexNdv, analyzedAt };
}
