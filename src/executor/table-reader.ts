import { physicalIds } from '../catalog/model.js';
import type { Column } from '../expression/expression.js';
import type { KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { encodeRowKey, prefixNext } from '../table/codec/key.js';
import { rowFromStored, timestampPositions } from '../table/stored-time.js';
import { type Table, tableOf } from '../table/table.js';
import type { Row, Value } from '../types/value.js';
import { compileFilter, type ExecContext, Executor } from './executor.js';

/** The physical tables (partitions) a data source reads. */
export function readIds(ds: DataSource): number[] {
  return ds.partitionIds ?? ds.explicitPartitions ?? physicalIds(ds.table);
}

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
export class TableReaderExec extends Executor {
  private iter: AsyncIterator<KvPair[]> | null = null;
  private ids: number[];
  private idIdx = 0;
  private rangeIdx = 0;
  private readonly table: Table;
  private filter: ReturnType<typeof compileFilter> = null;
  private readonly decode: ReturnType<Table['projectedDecoder']>;
  /** Whether the schema has the handle column (its value comes from the row key, decoded only then). */
  private readonly readsHandle: boolean;
  /** Row positions of TIMESTAMP columns (stored in UTC, read in the session zone). */
  private readonly tsPos: number[];

  constructor(
    ctx: ExecContext,
    private readonly ds: DataSource,
    private readonly ranges: Range[] | null,
    private readonly schema: readonly Column[],
  ) {
    super(ctx, []);
    this.ids = readIds(ds);
    this.table = tableOf(ds.table);
    this.decode = this.table.projectedDecoder(ds.columnOffsets);
    this.readsHandle = ds.columnOffsets.includes(-1);
    this.tsPos = timestampPositions(ds.table, ds.columnOffsets);
  }

  override async open(): Promise<void> {
    this.filter = compileFilter(this.ds.residual, this.schema);
  }

  private nextIter(): AsyncIterator<KvPair[]> | null {
    const ranges = this.ranges ?? [null];
    while (this.idIdx < this.ids.length) {
      if (this.rangeIdx >= ranges.length) {
        this.idIdx++;
        this.rangeIdx = 0;
        continue;
      }
      const id = this.ids[this.idIdx]!;
      const r = ranges[this.rangeIdx++]!;
      const [start, end] = r ? handleRangeKeys(id, r) : this.table.recordRange(id);
      if (start >= end) continue;
      return this.ctx.reader.scan(start, end)[Symbol.asyncIterator]();
    }
    return null;
  }

  async next(): Promise<Row[] | null> {
    const ctx = this.ctx.evalCtx;
    for (;;) {
      const paused = this.ctx.pause?.();
      if (paused) await paused;
      if (!this.iter) {
        this.iter = this.nextIter();
        if (!this.iter) return null;
      }
      const r = await this.iter.next();
      if (r.done) {
        this.iter = null;
        continue;
      }
      this.ctx.checkKilled();
      const out: Row[] = [];
      const keys: string[] | null = this.ctx.lockRows ? [] : null;
      for (const pair of r.value) {
        const row = this.decode(pair.value, this.readsHandle ? this.table.handleFromKey(pair.key) : 0);
        if (this.tsPos.length) rowFromStored(row, this.tsPos, ctx.timeZoneOffsetMinutes);
        if (this.filter && !this.filter(row, ctx)) continue;
        out.push(row);
        keys?.push(pair.key);
      }
      if (this.ctx.lockRows && keys?.length) await this.ctx.lockRows(keys);
      if (out.length) return out;
    }
  }

  override async close(): Promise<void> {
    await this.iter?.return?.();
    this.iter = null;
  }
}

/** Row-key range of an integer-handle range. */
function handleRangeKeys(tableId: number, r: Range): [string, string] {
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
