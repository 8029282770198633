import type { Column } from '../expression/expression.js';
import type { KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { encodeRowKey, prefixNext, recordPrefix } from '../table/codec/key.js';
import { indexRangeKeys } from './index-lookup.js';
import { type Table, tableOf } from '../table/table.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, type ExecContext } from './executor.js';
import type { FilteredRowDecoder } from './filtered-row-decoder.js';
import { RangeScanExec } from './range-scan.js';
import { readByRuntimeFilter } from './runtime-filter-lookup.js';

/** Maps a stored row (all columns by offset) and its handle to the data source's schema. */
export function rowProjector(ds: DataSource): (row: readonly (Value | undefined)[], handle: Value) => Row {
  const offs = ds.columnOffsets;
  const n = offs.length;
  return (row, handle) => {
    const out: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = offs[i]!;
      out[i] = o < 0 ? handle : (row[o] ?? null);
    }
    return out;
  };
}

/** Full or handle-range scans of each physical table, filtered by the residual conditions. */
export class TableReaderExec extends RangeScanExec {
  private readonly table: Table;
  private readonly decoder: FilteredRowDecoder;
  /** Whether the schema has the handle column (its value comes from the row key, decoded only then). */
  private readonly readsHandle: boolean;
  /** Rows read by a runtime filter's keys (null: the reader scans; undefined: not decided yet). */
  private looked: Row[] | null | undefined = undefined;
  private lookedPos = 0;

  constructor(
    ctx: ExecContext,
    ds: DataSource,
    private readonly ranges: Range[] | null,
    schema: readonly Column[],
  ) {
    super(ctx, ds, ranges?.length ?? 1, schema);
    this.table = tableOf(ds.table);
    this.readsHandle = ds.columnOffsets.includes(-1);
    this.decoder = this.rowDecoder(this.table);
  }

  protected keyRange(physId: number, i: number): [string, string] {
    if (!this.ranges) return this.table.recordRange(physId);
    const ch = this.table.commonHandle;
    // A clustered primary key's ranges run over its columns, encoded as the row keys are.
    if (ch) {
      const tz = this.ctx.evalCtx.timeZoneOffsetMinutes;
      return indexRangeKeys(physId, ch.info, ch.types, this.ranges[i]!, tz, recordPrefix(physId));
    }
    return handleRangeKeys(physId, this.ranges[i]!);
  }

  /**
   * First: whether a runtime filter's few keys are read through an index instead of scanning
   * (runtime-filter-lookup.ts); the rows so read, still to be returned.
   */
  override async next(): Promise<Row[] | null> {
    if (this.looked === undefined) {
      // Most readers have no filter to read by: they go straight to the scan, without an await.
      const found = this.ds.runtimeFilters.some((t) => t.lookup)
        ? await readByRuntimeFilter(this.ctx, this.ds, this.schema)
        : null;
      if (found) {
        this.looked = found.rows.filter((r) => this.passesRuntimeFilters(r));
        this.ctx.runtimeStats?.addExtra(this.ds.id, `runtime filter lookup:{keys:${found.keys}}`);
      } else {
        this.looked = null;
      }
    }
    if (!this.looked) return super.next();
    if (this.lookedPos >= this.looked.length) return null;
    const out = this.looked.slice(this.lookedPos, this.lookedPos + BATCH_SIZE);
    this.lookedPos += out.length;
    return out;
  }

  protected async rows(pairs: KvPair[]): Promise<Row[]> {
    const out: Row[] = [];
    const keys: string[] | null = this.ctx.lockRows ? [] : null;
    for (const pair of pairs) {
      const row = this.decoder.row(pair.value, this.readsHandle ? this.table.handleFromKey(pair.key) : 0);
      if (!row) continue;
      out.push(row);
      keys?.push(pair.key);
    }
    this.decoder.endBatch();
    if (this.ctx.lockRows && keys?.length) await this.ctx.lockRows(keys);
    return out;
  }
}

/** Row-key range of an integer-handle range. */
function handleRangeKeys(tableId: number, r: Range): [string, string] {
  // The handle is never NULL: a range that ends at NULL (`pk IS NULL`) holds no row.
  if (r.high.length && r.high[0] === null) {
    const p = recordPrefix(tableId);
    return [p, p];
  }
  const low =
    r.low.length && r.low[0] !== null
      ? encodeRowKey(tableId, r.low[0] as number | bigint)
      : encodeRowKey(tableId, -(2n ** 63n));
  const start = r.low.length && r.low[0] !== null && r.lowExcl ? prefixNext(low) : low;
  const highKey = r.high.length ? encodeRowKey(tableId, r.high[0] as number | bigint) : null;
  const end =
    highKey === null ? prefixNext(encodeRowKey(tableId, 2n ** 63n - 1n)) : r.highExcl ? highKey : prefixNext(highKey);
  return [start, end];
}
