import type { IndexInfo } from '../catalog/model.js';
import { pkHandleColumn } from '../catalog/model.js';
import type { Column } from '../expression/expression.js';
import type { KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { rowFromStored, timestampPositions } from '../table/stored-time.js';
import { type Table, tableOf } from '../table/table.js';
import type { FieldType } from '../types/field-type.js';
import type { Row, Value } from '../types/value.js';
import { compileFilter, type ExecContext, Executor } from './executor.js';
import { indexRangeKeys } from './index-lookup.js';
import { readIds } from './table-reader.js';

/**
 * Covering index read (TiDB's IndexReader): every column the plan reads is an index column whose
 * value the key gives back, or the integer handle, so rows come from the index entries alone.
 */
export class IndexReaderExec extends Executor {
  private iter: AsyncIterator<KvPair[]> | null = null;
  private readonly ids: number[];
  private idIdx = 0;
  private rangeIdx = 0;
  private readonly table: Table;
  private readonly types: FieldType[];
  private filter: ReturnType<typeof compileFilter> = null;
  /** Per output column: its position among the index columns, or -1 for the handle. */
  private readonly sources: number[];
  /** Row positions of TIMESTAMP columns (stored in UTC, read in the session zone). */
  private readonly tsPos: number[];

  constructor(
    ctx: ExecContext,
    private readonly ds: DataSource,
    private readonly index: IndexInfo,
    private readonly ranges: Range[],
    private readonly schema: readonly Column[],
  ) {
    super(ctx, []);
    this.ids = readIds(ds);
    this.table = tableOf(ds.table);
    this.types = index.columns.map((c) => ds.table.columns[c.offset]!.type);
    const pk = pkHandleColumn(ds.table);
    this.sources = ds.columnOffsets.map((o) => {
      const i = index.columns.findIndex((c) => c.offset === o);
      if (i >= 0) return i;
      if (o < 0 || o === pk?.offset) return -1;
      throw new Error(`index ${index.name} does not cover column offset ${o}`);
    });
    this.tsPos = timestampPositions(ds.table, ds.columnOffsets);
  }

  override async open(): Promise<void> {
    this.filter = compileFilter(this.ds.residual, this.schema);
  }

  private nextIter(): AsyncIterator<KvPair[]> | null {
    while (this.idIdx < this.ids.length) {
      if (this.rangeIdx >= this.ranges.length) {
        this.idIdx++;
        this.rangeIdx = 0;
        continue;
      }
      const [start, end] = indexRangeKeys(
        this.ids[this.idIdx]!,
        this.index,
        this.types,
        this.ranges[this.rangeIdx++]!,
        this.ctx.evalCtx.timeZoneOffsetMinutes,
      );
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
      for (const p of r.value) {
        const values = this.table.indexValuesFromEntry(this.index, p.key);
        const handle = this.sources.includes(-1)
          ? (this.table.handleFromIndexEntry(this.index, p.key, p.value) as Value)
          : null;
        const row = this.sources.map((s) => (s < 0 ? handle : (values[s] as Value)));
        if (this.tsPos.length) rowFromStored(row, this.tsPos, ctx.timeZoneOffsetMinutes);
        if (this.filter && !this.filter(row, ctx)) continue;
        out.push(row);
      }
      if (out.length) return out;
    }
  }

  override async close(): Promise<void> {
    await this.iter?.return?.();
    this.iter = null;
  }
}
